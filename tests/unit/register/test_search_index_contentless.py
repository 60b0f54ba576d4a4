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
from verkosto_desktop.data.storage.schema_extras import CREATE_SEARCH_INDEX, SEARCH_TABLE
from verkosto_desktop.data.storage.store import Store

NAME = "Zyxwe Qqvarsdottir"

Words = list[tuple[str, int, int]]  # (word, document id, position)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A laptop's file: the regional register's index is a plain table with its texts."""
    opened = Store.open(tmp_path / "contentless.verkosto")
    yield opened
    opened.close()


def _words_of_index(connection: sqlite3.Connection) -> Words:
    connection.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, {SEARCH_TABLE}, "
        "instance)"
    )
    return sorted(connection.execute("SELECT term, doc, offset FROM temp.words"))


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
        ids = dict(session.execute(text("SELECT actor_id, doc_id FROM search_doc")).all())
    assert set(ids) == set(documents), "one document for each live actor"
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(CREATE_SEARCH_INDEX)
        scratch.executemany(
            f"INSERT INTO {SEARCH_TABLE} (rowid, body) VALUES (?, ?)",
            [(ids[actor_id], body) for actor_id, (body, _key) in documents.items()],
        )
        return _words_of_index(scratch)
    finally:
        scratch.close()


def kept_texts(store: Store) -> dict[int, str]:
    connection = sqlite3.connect(store.path)
    try:
        return {
            doc_id: search_index.unpack_text(data)
            for doc_id, data in connection.execute("SELECT doc_id, body FROM search_body")
        }
    finally:
        connection.close()


def assert_index_exact(store: Store) -> None:
    assert index_words(store) == fresh_words(store)
    with store.read() as session:
        documents = search_index._documents(session, None)
        ids = dict(session.execute(text("SELECT actor_id, doc_id FROM search_doc")).all())
    assert kept_texts(store) == {ids[a]: body for a, (body, _key) in documents.items()}


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

    privacy.erase_person(store, person.id)
    assert_index_exact(store)
    assert search_actor_ids(store, ActorFilter(text="qqvarsdottir")) == []
    assert not any("Qqvarsdottir" in body for body in kept_texts(store).values())


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
