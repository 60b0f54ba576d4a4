from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from verkosto_desktop.data.errors import DamagedFile, NewerSchema, NotVerkostoFile, WriteFailed
from verkosto_desktop.data.storage.store import APPLICATION_ID, Change, ChangeKind, Store


def test_new_file_has_the_pragmas_and_is_marked_as_verkosto(tmp_path: Path) -> None:
    path = tmp_path / "new.verkosto"
    with Store.open(path) as store, store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA trusted_schema")).scalar() == 0
        assert session.execute(text("PRAGMA secure_delete")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert session.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
        assert session.execute(text("SELECT count(*) FROM situation_type")).scalar() == 10
        assert session.execute(text("SELECT count(*) FROM capability_category")).scalar() == 17


def test_writes_begin_immediate(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.verkosto") as store:
        statements: list[str] = []
        from sqlalchemy import event

        event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        with store.write() as session:
            session.execute(text("SELECT 1"))
        with store.read() as session:
            session.execute(text("SELECT 1"))
        assert "BEGIN IMMEDIATE" in statements
        assert "BEGIN" in statements


def test_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (x)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NotVerkostoFile) as raised:
        Store.open(path)
    assert "other.db" in str(raised.value)
    assert path.read_bytes() == before


def test_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(NotVerkostoFile):
        Store.open(path)
    assert path.read_text(encoding="utf-8") == "hello"


def test_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.verkosto"
    path.touch()
    with Store.open(path) as store, store.read() as session:
        assert session.execute(text("SELECT count(*) FROM actor")).scalar() == 0


def test_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.verkosto"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchema):
        Store.open(path)
    assert path.read_bytes() == before


def test_damaged_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.verkosto"
    with Store.open(path) as store:
        from verkosto_desktop.data.demo import write_small_demo

        write_small_demo(store)
    data = bytearray(path.read_bytes())
    # Scribble over pages in the middle of the file (b-tree pages of the tables).
    for offset in range(4096 * 3, min(len(data), 4096 * 12), 7):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises((DamagedFile, NotVerkostoFile)):
        Store.open(path)


def test_a_failed_write_leaves_the_database_as_it_was(store: Store) -> None:
    from verkosto_desktop.data.register import actors

    actors.create_actor(store, {"name": "Ensimmäinen"})
    with pytest.raises(RuntimeError), store.write() as session:
        session.execute(text("UPDATE actor SET name = 'Muutettu'"))
        raise RuntimeError("simulated failure in the middle of a write")
    with store.read() as session:
        assert session.execute(text("SELECT name FROM actor")).scalar() == "Ensimmäinen"


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.verkosto"
    Store.open(path).close()
    with Store.open(path, readonly=True) as store:
        with pytest.raises(WriteFailed) as raised, store.write():
            pass
        assert raised.value.reason == "read_only"


def test_listeners_hear_committed_changes_only(store: Store) -> None:
    from verkosto_desktop.data.register import actors

    heard: list[tuple[Change, ...]] = []
    unsubscribe = store.subscribe(heard.append)
    created = actors.create_actor(store, {"name": "Kuultu"})
    with pytest.raises(Exception):  # noqa: B017 - a validation error: nothing committed
        actors.update_actor(store, created.id, {"name": "  "})
    unsubscribe()
    actors.update_actor(store, created.id, {"name": "Ei kuultu"})
    assert len(heard) == 1
    (changes,) = heard
    assert [(c.kind, set(c.ids)) for c in changes] == [(ChangeKind.ACTOR, {created.id})]


def test_a_second_program_opens_a_file_another_still_has_open(tmp_path: Path) -> None:
    # The application id is still only in the WAL of the first program's new file.
    first = Store.open(tmp_path / "shared.verkosto")
    try:
        from verkosto_desktop.data.register import actors

        actors.create_actor(first, {"name": "Ensimmäisen ohjelman toimija"})
        with Store.open(tmp_path / "shared.verkosto") as second:
            assert [a[1] for a in actors.actor_names(second)] == ["Ensimmäisen ohjelman toimija"]
    finally:
        first.close()


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_a_newer_file_is_not_changed_by_being_opened(tmp_path: Path, journal_mode: str) -> None:
    # Every backup copy is in rollback-journal mode: opening it for writing would switch the
    # header to WAL before the revision is read.
    path = tmp_path / f"newer-{journal_mode}.verkosto"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.close()
    before = path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(NewerSchema, match=r"the file was not changed|tiedostoa ei muutettu"):
            Store.open(path, readonly=readonly)
        assert path.read_bytes() == before
