from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from verkosto_desktop.data.models import Base
from verkosto_desktop.data.storage.migrate import head_revision
from verkosto_desktop.data.storage.schema_extras import LOG_TRIGGERS, include_object
from verkosto_desktop.data.storage.store import Store


def test_migrations_produce_exactly_the_models_schema(tmp_path: Path) -> None:
    with Store.open(tmp_path / "m.verkosto") as store, store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_file_is_at_the_head_revision_and_has_the_search_index(tmp_path: Path) -> None:
    path = tmp_path / "m.verkosto"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    try:
        assert (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == head_revision()
        )
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert {"search_index", "incident_log_no_update", "incident_log_no_delete"} <= names


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "m.verkosto"
    Store.open(path).close()
    calls: list[Path] = []
    Store.open(path, before_migration=calls.append).close()
    assert calls == []


def test_a_file_from_before_0002_gets_name_keys_in_its_search_documents(tmp_path: Path) -> None:
    from verkosto_desktop.data.register import actors
    from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids

    path = tmp_path / "old.verkosto"
    with Store.open(path) as store:
        ids = {
            name: actors.create_actor(store, {"name": name, "area": "Kylä"}).id
            for name in ("Öljymäen VPK", "Zeta-kerho", "Ähtärin seurakunta", "Aapiskukon kerho")
        }
    # The file as version 0001 wrote it: no name keys beside the documents (nor what 0003 adds).
    connection = sqlite3.connect(path)
    try:
        _undo_0003(connection)
        connection.execute("ALTER TABLE search_doc DROP COLUMN name_key")
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
        connection.commit()
    finally:
        connection.close()

    migrated: list[Path] = []
    with Store.open(path, before_migration=migrated.append) as store:
        assert migrated == [path]
        found = search_actor_ids(store, ActorFilter(text="kylä"))
    order = ["Aapiskukon kerho", "Zeta-kerho", "Ähtärin seurakunta", "Öljymäen VPK"]
    assert found == [ids[name] for name in order]


def _undo_0003(connection: sqlite3.Connection) -> None:
    """The log's column and trigger as they were before revision 0003."""
    connection.execute("DROP TRIGGER incident_log_no_update")
    connection.execute("ALTER TABLE incident_log_entry DROP COLUMN erased_at")
    connection.execute(LOG_TRIGGERS[0])


def test_a_file_from_before_0003_lets_an_erasure_through_the_log_and_nothing_else(
    tmp_path: Path,
) -> None:
    from verkosto_desktop.data.incident import log
    from verkosto_desktop.data.incident.incidents import start_incident

    path = tmp_path / "old.verkosto"
    with Store.open(path) as store:
        incident = start_incident(store, {"title": "Myrsky", "situations": ["storm"]})
        log.add_entry(store, incident.id, {"kind": "observation", "text": "Tuuli yltyy"})
    connection = sqlite3.connect(path)
    try:
        _undo_0003(connection)
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
        connection.commit()
        with pytest.raises(sqlite3.IntegrityError):  # 0001's trigger refuses every change
            connection.execute("UPDATE incident_log_entry SET text = 'x'")
    finally:
        connection.close()
    Store.open(path).close()
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE incident_log_entry SET text = 'muutettu'")
        with pytest.raises(sqlite3.IntegrityError):  # nor may an erasure move anything else
            connection.execute(
                "UPDATE incident_log_entry SET kind = 'decision', "
                "erased_at = '2026-01-01T00:00:00.000000Z'"
            )
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("DELETE FROM incident_log_entry")
        connection.execute(
            "UPDATE incident_log_entry SET text = '[poistettu]', "
            "erased_at = '2026-01-01T00:00:00.000000Z' WHERE text = 'Tuuli yltyy'"
        )
        connection.commit()
        texts = [r[0] for r in connection.execute("SELECT text FROM incident_log_entry")]
    finally:
        connection.close()
    assert "[poistettu]" in texts and "Tuuli yltyy" not in texts
