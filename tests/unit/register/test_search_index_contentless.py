"""The contentless full-text index (migration 0012) holds exactly the words of the register's
current documents after every kind of write: a document taken out with other words than it was
written with would leave words behind that find the wrong actor (SQLite checks nothing)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from verkosto_desktop.data.register import (
    actors,
    capabilities,
    contacts,
    facilities,
    privacy,
    search_index,
)
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.schema_extras import (
    CREATE_PHONE_INDEX,
    CREATE_SEARCH_INDEX,
    PHONE_TABLE,
    SEARCH_TABLE,
)
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_from_stored

NAME = "Zyxwe Qqvarsdottir"

Words = list[tuple[str, str, int, int]]  # (index, word, document id, position)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A laptop's file: the regional register's index is a plain table with its texts."""
    opened = Store.open(tmp_path / "contentless.verkosto")
    yield opened
    opened.close()


def _words_of_index(connection: sqlite3.Connection) -> Words:
    words: Words = []
    for table in (SEARCH_TABLE, PHONE_TABLE):
        connection.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words "
            f"USING fts5vocab(main, {table}, instance)"
        )
        words += connection.execute(
            f"SELECT ?, term, doc, offset FROM temp.{table}_words", (table,)
        ).fetchall()
    return sorted(words)


def index_words(store: Store) -> Words:
    """Every word the file's index holds, with its document and position."""
    connection = sqlite3.connect(store.path)
    try:
        return _words_of_index(connection)
    finally:
        connection.close()


def fresh_words(store: Store) -> Words:
    """The words an index written afresh from today's register would hold, under the same
    document ids."""
    with store.read() as session:
        documents = search_index._documents(session, None)
        ids = {
            id_from_stored(a): d
            for a, d in session.execute(text("SELECT actor_id, doc_id FROM search_doc"))
        }
    assert set(ids) == set(documents), "one document for each live actor"
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(CREATE_SEARCH_INDEX)
        scratch.execute(CREATE_PHONE_INDEX)
        written = dict(
            zip(
                [ids[a] for a in documents],
                search_index.laptop_documents([parts for parts, _key in documents.values()]),
                strict=True,
            )
        )
        scratch.executemany(
            f"INSERT INTO {SEARCH_TABLE} (rowid, body) VALUES (?, ?)",
            [(doc_id, body[0]) for doc_id, body in written.items()],
        )
        scratch.executemany(
            f"INSERT INTO {PHONE_TABLE} (rowid, phones) VALUES (?, ?)",
            [(doc_id, search_index.phone_document(body)) for doc_id, body in written.items()],
        )
        return _words_of_index(scratch)
    finally:
        scratch.close()


def kept_texts(store: Store) -> dict[int, search_index.Document]:
    connection = sqlite3.connect(store.path)
    try:
        return {
            doc_id: search_index.unpack_document(data)
            for doc_id, data in connection.execute("SELECT doc_id, body FROM search_body")
        }
    finally:
        connection.close()


def assert_index_exact(store: Store) -> None:
    assert index_words(store) == fresh_words(store)
    with store.read() as session:
        documents = search_index._documents(session, None)
        ids = {
            id_from_stored(a): d
            for a, d in session.execute(text("SELECT actor_id, doc_id FROM search_doc"))
        }
    written = search_index.laptop_documents([parts for parts, _key in documents.values()])
    assert kept_texts(store) == dict(zip([ids[a] for a in documents], written, strict=True))


def test_every_kind_of_write_leaves_exactly_the_current_words(store: Store) -> None:
    martat = actors.create_actor(store, {"name": "Martat", "phone": "040 111 2222"})
    vpk = actors.create_actor(store, {"name": "Öljymäen VPK", "area": "Kylä"})
    person = contacts.add_contact(store, martat.id, {"name": NAME, "mobile": "050 765 4321"})
    capability = capabilities.add_capability(
        store, vpk.id, {"category_key": "catering", "description": "Soppatykki"}
    )
    facilities.add_facility(store, vpk.id, {"name": "Paloasema", "heating": "kaukolämpö"})
    assert_index_exact(store)

    actors.update_actor(store, martat.id, {"name": "Kylän Martat", "phone": "09 123 456"})
    capabilities.update_capability(store, capability.id, {"description": "Kenttäkeittiö"})
    contacts.update_contact(store, person.id, {"role": "Sihteeri"})
    # Renamed to the front of the name order: its document moves to another id.
    actors.update_actor(store, vpk.id, {"name": "Aapiskukon VPK"})
    assert_index_exact(store)
    assert search_actor_ids(store, ActorFilter(text="martat")) == [martat.id]
    assert search_actor_ids(store, ActorFilter(text="0401112222")) == []
    assert search_actor_ids(store, ActorFilter(text="soppatykki")) == []
    assert search_actor_ids(store, ActorFilter(text="kenttäkeittiö")) == [vpk.id]

    actors.delete_actor(store, vpk.id)
    assert_index_exact(store)
    assert search_actor_ids(store, ActorFilter(text="kenttäkeittiö")) == []
    actors.restore_actor(store, vpk.id)
    assert search_actor_ids(store, ActorFilter(text="kenttäkeittiö")) == [vpk.id]

    assert search_actor_ids(store, ActorFilter(text="050 765 4321")) == [martat.id]
    privacy.erase_person(store, person.id)
    assert_index_exact(store)
    assert search_actor_ids(store, ActorFilter(text="qqvarsdottir")) == []
    assert not any("Qqvarsdottir" in body for body, _numbers, _words in kept_texts(store).values())
    # The erased person's number is in neither index nor any kept document.
    assert search_actor_ids(store, ActorFilter(text="050 765 4321")) == []
    assert not any(
        "+358507654321" in numbers for _body, numbers, _words in kept_texts(store).values()
    )
    # assert_index_exact: the phone index holds the words of the numbers left, and no others.


def test_documents_moved_to_make_room_keep_their_words(store: Store) -> None:
    for n in range(12):
        actors.create_actor(store, {"name": "Aalto " + "a" * (12 - n), "area": f"Alue {n}"})
    assert_index_exact(store)
    with store.write() as session:
        assert search_index.rebuild(session) == 12
    assert_index_exact(store)


def test_writing_every_document_anew_leaves_no_free_pages(tmp_path: Path) -> None:
    from verkosto_desktop.data.demo import write_large_demo

    path = tmp_path / "written.verkosto"
    with Store.open(path) as written:
        # Enough words for several of FTS5's 1 MB pieces, which merged would leave free pages.
        write_large_demo(written, actors=2000)
        with written.write() as session:
            assert search_index.rebuild(session) == 2000
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA freelist_count").fetchone() == (0,)
        config = dict(connection.execute("SELECT k, v FROM search_index_config"))
    finally:
        connection.close()
    assert config["hashsize"] == search_index.MERGING["hashsize"]


def test_a_file_from_before_0024_gets_its_phone_numbers_an_index_of_their_own(
    tmp_path: Path,
) -> None:
    from old_files import downgrade_file
    from verkosto_desktop.data.demo import write_large_demo
    from verkosto_desktop.data.register.pages import first_page

    path = tmp_path / "old.verkosto"
    with Store.open(path) as store:
        write_large_demo(store, actors=300)
        odd = actors.create_actor(store, {"name": "Ulkomaat", "address": "Tie 47b"})
        contacts.add_contact(store, odd.id, {"name": "Abroad", "mobile": "+46 70 123 45 67"})
        queries = ["0", "04", "040", "358", "+358 40", "00358", "47", "47b", "4670", "ensiapu 1"]
        queries += ["kesk", "70 123", "tie 47", "aho 3"]
        found = {q: search_actor_ids(store, ActorFilter(text=q)) for q in queries}
        pages = {q: first_page(store, ActorFilter(text=q), 20) for q in queries}
    assert odd.id in found["4670"] and odd.id in found["47b"] and odd.id in found["70 123"]
    downgrade_file(path, "0022_capability_summary")
    connection = sqlite3.connect(path)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        # Before 0024 the numbers' suffixes were words of the one index.
        old = connection.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH '\"701234567\"'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert PHONE_TABLE not in tables and old == 1
    with Store.open(path) as store:
        assert {q: search_actor_ids(store, ActorFilter(text=q)) for q in queries} == found
        assert {q: first_page(store, ActorFilter(text=q), 20) for q in queries} == pages
        assert_index_exact(store)
    connection = sqlite3.connect(path)
    try:
        # The texts' index has no phone suffixes left.
        new = connection.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH '\"701234567\"'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert new == 0
