"""Times on SQLite are 8 sortable bytes (migration 0025) and record ids the 16 bytes of their UUID
(0026): whatever writes them (the column types, the driver-level writers, the large demo, a
merge, an import, a sync, the search index), no time column and no id column ever holds a
UUID's text, where SQLite would silently find no match (bytes never equal text) or put it in
the wrong order; and what travels is the same text as before."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from exchange_support import plan_for
from sharing_support import content, send
from sqlalchemy import select

from exchange_fixtures import finnish_csv_cp1252
from old_files import downgrade_file, older_rows
from verkosto_desktop.data.demo.large import write_large_demo
from verkosto_desktop.data.exchange.apply import run_import
from verkosto_desktop.data.exchange.batches import latest_batch, undo_batch
from verkosto_desktop.data.exchange.changeset import collect
from verkosto_desktop.data.exchange.site import this_site
from verkosto_desktop.data.incident import log
from verkosto_desktop.data.incident.incidents import close_incident, start_incident
from verkosto_desktop.data.models import Actor, Base
from verkosto_desktop.data.models.types import RecordId, UTCDateTime, utc_stored
from verkosto_desktop.data.printouts.packs import changes_since, record_print_pack
from verkosto_desktop.data.register import actors, contacts, privacy
from verkosto_desktop.data.storage import migrate
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_from_stored, id_prefix_range, id_stored

TIME_COLUMNS = [
    (table.name, column.name)
    for table in Base.metadata.sorted_tables
    for column in table.columns
    if isinstance(column.type, UTCDateTime)
]


ID_COLUMNS = [
    (table.name, column.name)
    for table in Base.metadata.sorted_tables
    for column in table.columns
    if isinstance(column.type, RecordId)
]
_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def assert_no_text_ids(path: Path) -> set[tuple[str, str]]:
    """No id column holds a UUID as text (only keys that are not UUIDs, such as a category's
    in the change log), and every stored id is 16 bytes; returns the columns seen holding ids
    (from the models' metadata: a new id column is covered without saying)."""
    seen: set[tuple[str, str]] = set()
    connection = sqlite3.connect(path)
    try:
        for table, column in ID_COLUMNS:
            texts = [
                str(value)
                for (value,) in connection.execute(
                    f'SELECT DISTINCT "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\''
                )
            ]
            assert not [t for t in texts if _UUID_TEXT.fullmatch(t)], (table, column, texts[:3])
            lengths = connection.execute(
                f'SELECT DISTINCT length("{column}") FROM "{table}" '
                f"WHERE typeof(\"{column}\") = 'blob'"
            ).fetchall()
            assert lengths in ([], [(16,)]), (table, column, lengths)
            if lengths:
                seen.add((table, column))
    finally:
        connection.close()
    return seen


def stored_kinds(path: Path) -> dict[str, set[tuple[str, str]]]:
    """{storage class: {(table, column)}} of every time column's values in the file at
    ``path`` (from the models' metadata: a new time column is covered without saying)."""
    found: dict[str, set[tuple[str, str]]] = {}
    connection = sqlite3.connect(path)
    try:
        for table, column in TIME_COLUMNS:
            for (kind,) in connection.execute(f'SELECT DISTINCT typeof("{column}") FROM "{table}"'):
                found.setdefault(str(kind), set()).add((table, column))
    finally:
        connection.close()
    return found


def assert_no_text_times(path: Path) -> set[tuple[str, str]]:
    """No time column holds text, and every stored time is 8 bytes; returns the columns seen
    holding times."""
    kinds = stored_kinds(path)
    assert "text" not in kinds, kinds.get("text")
    assert set(kinds) <= {"blob", "null"}, kinds
    connection = sqlite3.connect(path)
    try:
        for table, column in kinds.get("blob", set()):
            lengths = connection.execute(
                f'SELECT DISTINCT length("{column}") FROM "{table}" WHERE "{column}" IS NOT NULL'
            ).fetchall()
            assert lengths == [(8,)], (table, column, lengths)
    finally:
        connection.close()
    return kinds.get("blob", set())


def test_no_time_is_stored_as_text_after_edits_merges_imports_and_the_large_demo(
    demo_store: Store, tmp_path: Path
) -> None:
    store = demo_store
    # Edits through the models: new records, changes, the trash, an incident and its log, an
    # erasure, a print pack.
    made = actors.create_actor(store, {"name": "Ajan Kyläyhdistys", "area": "Kylä"})
    person = contacts.add_contact(store, made.id, {"name": "Aino Aikanen"})
    contacts.update_contact(store, person.id, {"role": "sihteeri"})
    other = contacts.add_contact(store, made.id, {"name": "Eino Poistettu"})
    contacts.delete_contact(store, other.id)
    incident = start_incident(store, {"title": "Myrsky", "situations": ["storm"]})
    log.add_entry(store, incident.id, {"kind": "decision", "text": "Tuuli yltyy"})
    close_incident(store, incident.id, "Ohi")
    privacy.erase_person(store, person.id)
    record_print_pack(store, datetime.now(UTC), tmp_path, 3, datetime.now(UTC))

    # An import (driver-level inserts with one timestamp) and its undoing.
    run_import(store, plan_for(store, finnish_csv_cp1252(), "yhdistykset.csv"))
    batch = latest_batch(store)
    assert batch is not None
    undo_batch(store, batch.id)
    run_import(store, plan_for(store, finnish_csv_cp1252(), "yhdistykset.csv"))

    # A merge both ways with a second file, through JSON as in a bundle.
    with Store.open(tmp_path / "toinen.verkosto") as second:
        send(store, second, full=True)
        actors.update_actor(second, made.id, {"notes": "Toisesta tiedostosta"})
        send(second, store)
        assert content(second) == content(store)
    assert_no_text_times(tmp_path / "toinen.verkosto")
    assert ("change", "record_id") in assert_no_text_ids(tmp_path / "toinen.verkosto")

    # The large demo writes its rows past the column types.
    with Store.open(tmp_path / "suuri.verkosto") as large:
        write_large_demo(large, actors=20)
    assert {("actor", "created_at"), ("capability", "updated_at")} <= assert_no_text_times(
        tmp_path / "suuri.verkosto"
    )
    assert {("capability", "contact_id"), ("search_doc", "actor_id")} <= assert_no_text_ids(
        tmp_path / "suuri.verkosto"
    )

    store.close()
    # The workload reached the ids of every kind of record and bookkeeping it touched.
    assert {
        ("actor", "id"),
        ("contact", "actor_id"),
        ("incident_log_entry", "incident_id"),
        ("erasure", "record_id"),
        ("history", "record_id"),
        ("change", "record_id"),
        ("import_batch_item", "record_id"),
        ("search_doc", "actor_id"),
    } <= assert_no_text_ids(store.path)
    seen = assert_no_text_times(store.path)
    # The workload reached the times of every kind of record it touched (the test can fail).
    assert {
        ("actor", "created_at"),
        ("contact", "deleted_at"),
        ("incident", "closed_at"),
        ("incident_log_entry", "happened_at"),
        ("erasure", "erased_at"),
        ("history", "replaced_at"),
        ("import_batch", "undone_at"),
        ("print_pack", "made_at"),
        ("site", "last_received_at"),
    } <= seen


def test_times_sort_and_compare_in_time_order_before_and_after_1970(store: Store) -> None:
    moments = [
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1899, 3, 1, 8, tzinfo=UTC),
        datetime(2100, 1, 1, 12, tzinfo=UTC),
        datetime(2100, 1, 1, 12, 0, 0, 1, tzinfo=UTC),
        datetime(2100, 1, 1, 13, tzinfo=UTC) - timedelta(hours=3),
        datetime(2101, 7, 1, tzinfo=UTC),
    ]
    ids = {}
    for n, moment in enumerate(moments):
        made = actors.create_actor(store, {"name": f"Aika {n}"})
        with store.write() as session:
            session.get_one(Actor, made.id).created_at = moment
        ids[made.id] = moment
    # Later than anything else in the file: the print pack's count is of these actors alone.
    cut = datetime(2100, 1, 1, 12, tzinfo=UTC)
    with store.read() as session:
        ordered = session.scalars(
            select(Actor.created_at).where(Actor.id.in_(ids)).order_by(Actor.created_at)
        ).all()
        later = set(session.scalars(select(Actor.id).where(Actor.created_at > cut)))
        counted = changes_since(session, cut)
    assert ordered == sorted(moments)
    assert all(value.tzinfo is UTC for value in ordered)
    assert later == {rid for rid, moment in ids.items() if moment > cut}
    assert counted == len(later)
    assert sorted(utc_stored(m) for m in moments) == [utc_stored(m) for m in sorted(moments)]


def test_what_travels_keeps_its_iso_times(demo_store: Store, tmp_path: Path) -> None:
    with Store.open(tmp_path / "toinen.verkosto") as second:
        peer = this_site(second).uuid
    data = json.loads(json.dumps(collect(demo_store, peer=peer, full=True).to_data()))
    text = json.dumps(data)
    with demo_store.read() as session:
        actor = session.scalars(select(Actor).limit(1)).one()
    # The bundle names the actor's creation time as the ISO text it always did.
    assert f'"created_at": "{actor.created_at.isoformat()}"' in text
    assert actor.created_at.isoformat().endswith("+00:00")


def _every_row(
    path: Path, columns: list[tuple[str, str]] = TIME_COLUMNS
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables that have one of ``columns``, as ``sqlite3`` reads them."""
    connection = sqlite3.connect(path)
    try:
        tables = sorted({table for table, _column in columns})
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def _log_and_trash(demo_path: Path) -> tuple[str, str]:
    """An incident log entry and an actor in the trash in the file (ids of both)."""
    with Store.open(demo_path) as store:
        incident = start_incident(store, {"title": "Myrsky", "situations": ["storm"]})
        entry = log.add_entry(store, incident.id, {"kind": "decision", "text": "Tuuli yltyy"})
        made = actors.create_actor(store, {"name": "Vanhan ajan yhdistys"})
        actors.delete_actor(store, made.id)
    return entry.id, made.id


def test_a_file_from_before_0025_keeps_every_record_and_goes_back_unchanged(
    demo_path: Path,
) -> None:
    entry_id, _made_id = _log_and_trash(demo_path)
    downgrade_file(demo_path, "0022_capability_summary")
    kinds = stored_kinds(demo_path)
    # As the program before 0025 stored them: every time as ISO text, none as bytes.
    assert "blob" not in kinds and ("incident_log_entry", "happened_at") in kinds["text"]
    before = _every_row(demo_path)

    with Store.open(demo_path) as store:
        assert len(actors.actor_names(store)) == len(before["actor"]) - 1
        assert log.get_entry(store, entry_id).text == "Tuuli yltyy"
    after = _every_row(demo_path)
    assert_no_text_times(demo_path)
    _assert_log_guarded(demo_path)
    # Every record kept, each time the same moment.
    assert {table: sorted(older_rows(rows), key=repr) for table, rows in after.items()} == before

    # And back: the file from before, byte for byte in every time.
    downgrade_file(demo_path, "0022_capability_summary")
    assert _every_row(demo_path) == before
    _assert_log_guarded(demo_path)


def _triggers(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
    finally:
        connection.close()


def _has_situation_index(path: Path) -> bool:
    connection = sqlite3.connect(path)
    try:
        return bool(
            connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'ix_capability_situation_key'"
            ).fetchone()[0]
        )
    finally:
        connection.close()


def test_a_file_from_before_0026_and_0027_keeps_every_record_its_searches_and_goes_back(
    demo_path: Path,
) -> None:
    from verkosto_desktop.data.dashboard.coverage import count_coverage
    from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids

    entry_id, made_id = _log_and_trash(demo_path)
    with Store.open(demo_path) as store:
        found = search_actor_ids(store, ActorFilter(text="kylä"))
    triggers = _triggers(demo_path)
    assert not _has_situation_index(demo_path)
    downgrade_file(demo_path, "0024_phone_index")
    assert _has_situation_index(demo_path)  # 0027 dropped it
    # As the program before 0026 stored them: every id as text, none as bytes.
    before = _every_row(demo_path, ID_COLUMNS)
    assert not any(
        isinstance(value, bytes) and len(value) == 16
        for rows in before.values()
        for row in rows
        for value in row
    )
    assert _triggers(demo_path) == triggers

    with Store.open(demo_path) as store:
        assert search_actor_ids(store, ActorFilter(text="kylä")) == found
        assert log.get_entry(store, entry_id).text == "Tuuli yltyy"
        with store.read() as session:
            kept = session.execute(select(Actor.id).where(Actor.id == made_id)).scalar_one()
            counted = count_coverage(session)
        assert kept == made_id
    # The kept coverage counts still agree with a count from the register itself.
    connection = sqlite3.connect(demo_path)
    try:
        cells = {
            (k, s, p): (a, n)
            for k, s, p, a, n in connection.execute(
                "SELECT category_key, situation_key, phase, actors, capabilities "
                "FROM coverage_cell WHERE actors > 0"
            )
        }
    finally:
        connection.close()
    assert counted and cells == counted
    assert {"actor", "contact", "change", "history"} <= {
        t for t, _c in assert_no_text_ids(demo_path)
    }
    # Every record kept, each id the same; the triggers (coverage, the log's guard) as they were.
    after = _every_row(demo_path, ID_COLUMNS)
    assert {table: sorted(older_rows(rows), key=repr) for table, rows in after.items()} == {
        table: sorted(older_rows(rows), key=repr) for table, rows in before.items()
    }
    assert _triggers(demo_path) == triggers and not _has_situation_index(demo_path)
    _assert_log_guarded(demo_path)

    # And back: the file from before, byte for byte in every id.
    downgrade_file(demo_path, "0024_phone_index")
    assert _every_row(demo_path, ID_COLUMNS) == before
    _assert_log_guarded(demo_path)


def test_stored_ids_keep_the_order_of_their_text_and_what_is_no_uuid_stays_text() -> None:
    import random
    import uuid

    rng = random.Random(7)
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(2000)]
    ids += ["00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff"]
    stored = [id_stored(i) for i in ids]
    assert all(isinstance(s, bytes) and len(s) == 16 for s in stored)
    assert sorted(stored) == [id_stored(i) for i in sorted(ids)]  # type: ignore[type-var]
    assert [id_from_stored(s) for s in stored] == ids
    # A short id's range holds exactly the stored ids whose text begins with it.
    for prefix in (ids[0][:8], ids[1][:9], ids[2][:11], ids[3], ids[4][:1]):
        bounds = id_prefix_range(prefix)
        assert bounds is not None
        inside = {i for i, s in zip(ids, stored, strict=True) if bounds[0] <= s <= bounds[1]}
        assert inside == {i for i in ids if i.startswith(prefix)}
    assert id_prefix_range("C585") is None and id_prefix_range(ids[0][:8] + "1") is None
    # Not canonical: kept as written, so that reading back gives exactly it.
    for odd in ("catering", "ABCDEF01-2345-4789-8abc-def012345678", "x" * 36, ""):
        assert id_stored(odd) == odd and id_from_stored(odd) == odd


def _assert_log_guarded(path: Path) -> None:
    """The incident log stays append-only (its guard is set aside only while times change)."""
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
            connection.execute("UPDATE incident_log_entry SET text = 'muutettu'")
    finally:
        connection.close()


def test_a_sync_with_the_regional_register_keeps_text_there_and_bytes_on_laptops(
    pg_address: object, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from verkosto_desktop.data.server.address import ServerAddress
    from verkosto_desktop.data.server.admin import add_user, init_register
    from verkosto_desktop.data.server.store import ServerStore
    from verkosto_desktop.data.server.sync import sync

    assert isinstance(pg_address, ServerAddress)
    init_register(pg_address)
    user = f"{pg_address.database}_kyla"
    add_user(pg_address, user, "kylän salasana", network="a")
    server = ServerStore.connect(pg_address.with_user(user).with_password("kylän salasana"))
    try:
        with Store.open(tmp_path / "eka.verkosto") as first:
            made = actors.create_actor(first, {"name": "Kirkonkylän VPK"})
            contacts.add_contact(first, made.id, {"name": "Veikko Vahtera"})
            sync(first, server)
            with Store.open(tmp_path / "toka.verkosto") as second:
                sync(second, server)
                actors.update_actor(second, made.id, {"area": "Kirkonkylä"})
                sync(second, server)
                sync(first, server)
                with first.read() as session:
                    mine = session.get_one(Actor, made.id)
                with second.read() as session:
                    theirs = session.get_one(Actor, made.id)
                # (The change time is each file's own; the creation time travels.)
                assert (mine.area, mine.created_at) == ("Kirkonkylä", theirs.created_at)
        with server.read() as session:
            stored = session.execute(
                text("SELECT created_at FROM actor WHERE id = :i"), {"i": made.id}
            ).scalar_one()
    finally:
        server.close()
    # The regional register keeps the ISO text it always held, the same moments.
    assert stored == mine.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for name in ("eka.verkosto", "toka.verkosto"):
        assert ("actor", "updated_at") in assert_no_text_times(tmp_path / name)
        # The laptops keep the ids as bytes; the server found them by their text above.
        assert {("actor", "id"), ("contact", "actor_id")} <= assert_no_text_ids(tmp_path / name)


def test_the_upgrade_to_compact_times_packs_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The times shrink inside their pages, which then stay in the file until a VACUUM: the
    upgrade runs one, though few pages are wholly free."""
    old = tmp_path / "vanha.verkosto"
    with Store.open(old) as store:
        write_large_demo(store, actors=300)
    downgrade_file(old, "0022_capability_summary")
    unpacked = tmp_path / "pakkaamaton.verkosto"
    shutil.copy(old, unpacked)

    # Never packed for its free pages (the later migration 0024 rebuilds the search indexes and
    # frees many): only passing 0025 packs it here.
    monkeypatch.setattr(migrate, "VACUUM_FREE_SHARE", 2.0)
    Store.open(old).close()
    with monkeypatch.context() as patched:
        patched.setattr(migrate, "REPACKING", frozenset())
        Store.open(unpacked).close()

    def pages(path: Path) -> tuple[int, int]:
        connection = sqlite3.connect(path)
        try:
            count = connection.execute("PRAGMA page_count").fetchone()[0]
            return count, connection.execute("PRAGMA freelist_count").fetchone()[0]
        finally:
            connection.close()

    (packed_pages, packed_free), (loose_pages, _loose_free) = pages(old), pages(unpacked)
    assert packed_free == 0
    assert packed_pages < loose_pages * 0.96
    assert_no_text_times(old)
