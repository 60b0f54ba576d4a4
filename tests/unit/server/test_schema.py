"""The same models and migrations on PostgreSQL as on SQLite: up, down to the start and up
again on both, with autogenerate finding no difference either way; ``server init`` refuses a
database holding something else; the incident log stays append-only on the server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text

from verkosto_desktop.data.errors import NotVerkostoFile, WriteFailed
from verkosto_desktop.data.incident import incidents, log
from verkosto_desktop.data.models import Base
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import init_register
from verkosto_desktop.data.server.store import OldServerSchema, ServerStore
from verkosto_desktop.data.storage.migrate import alembic_config, head_revision
from verkosto_desktop.data.storage.schema_extras import include_object
from verkosto_desktop.data.storage.store import Store


def differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"include_object": include_object, "compare_type": True}
    )
    return list(compare_metadata(context, Base.metadata))


def migrate(connection: Connection, target: str, *, down: bool = False) -> None:
    with connection.begin():
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, target)


def test_postgresql_migrations_go_up_down_to_the_start_and_up_again(pg_server) -> None:
    name = pg_server.create_database()
    address = ServerAddress(pg_server.url_for(name))
    assert init_register(address).created
    engine = create_engine(address.url)
    try:
        with engine.connect() as connection:
            assert differences(connection) == []
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                head_revision()
            )
            connection.rollback()
            migrate(connection, "base", down=True)
            left = set(inspect(connection).get_table_names())
            functions = connection.execute(
                text("SELECT proname FROM pg_proc WHERE proname LIKE 'incident_log%'")
            ).all()
            connection.rollback()
            assert left == {"alembic_version"}
            assert functions == []
            migrate(connection, "head")
            assert differences(connection) == []
            assert {"search_index", "actor", "incident_log_entry"} <= set(
                inspect(connection).get_table_names()
            )
    finally:
        engine.dispose()


def test_sqlite_migrations_go_up_down_to_the_start_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "round.verkosto"
    Store.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            migrate(connection, "base", down=True)
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
            connection.rollback()
            migrate(connection, "head")
            assert differences(connection) == []
    finally:
        engine.dispose()
    with Store.open(path) as store:
        assert store.created is False


def test_init_refuses_a_database_holding_something_else(pg_server) -> None:
    name = pg_server.create_database()
    address = ServerAddress(pg_server.url_for(name))
    engine = create_engine(address.url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("CREATE TABLE invoices (id integer primary key, total numeric)")
            )
            connection.execute(text("INSERT INTO invoices VALUES (1, 10.5)"))
        with pytest.raises(NotVerkostoFile, match="invoices"):
            init_register(address)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"invoices"}
            assert connection.execute(text("SELECT total FROM invoices")).scalar() == 10.5
    finally:
        engine.dispose()


def test_init_again_changes_nothing_and_an_empty_database_is_not_a_register(pg_server) -> None:
    name = pg_server.create_database()
    address = ServerAddress(pg_server.url_for(name))
    with pytest.raises(NotVerkostoFile, match="server init"):
        ServerStore.connect(address)
    first = init_register(address)
    again = init_register(address)
    assert first.created and not again.changed and again.after == head_revision()


def test_a_register_of_an_older_version_is_refused_until_init_updates_it(pg_address) -> None:
    engine = create_engine(pg_address.url)
    try:
        with engine.connect() as connection:
            migrate(connection, "0002", down=True)
    finally:
        engine.dispose()
    with pytest.raises(OldServerSchema, match="server init"):
        ServerStore.connect(pg_address)
    assert init_register(pg_address).changed
    ServerStore.connect(pg_address).close()


def test_the_incident_log_is_append_only_on_the_server(pg_store: ServerStore) -> None:
    incident = incidents.start_incident(
        pg_store, {"title": "Myrsky", "situations": ["storm"], "started_at": datetime.now(UTC)}
    )
    entry = log.add_entry(pg_store, incident.id, {"kind": "observation", "text": "Sähköt poikki"})
    for statement in (
        "UPDATE incident_log_entry SET text = 'muutettu'",
        "DELETE FROM incident_log_entry",
        "TRUNCATE incident_log_entry CASCADE",
    ):
        with pytest.raises(WriteFailed, match="cannot be"), pg_store.write() as session:
            session.execute(text(statement))
    with pg_store.read() as session:
        texts = session.execute(text("SELECT text FROM incident_log_entry")).scalars().all()
    assert len(texts) == 2 and "Sähköt poikki" in texts
    assert entry.text == "Sähköt poikki"


def _links_by_id(connection: Connection) -> list[tuple[str, str, str]]:
    """Every capability link as (table, capability id, element), whichever key the rows carry."""
    found: list[tuple[str, str, str]] = []
    for table, element in (
        ("capability_phase", "phase"),
        ("capability_situation", "situation_key"),
    ):
        columns = {c["name"] for c in inspect(connection).get_columns(table)}
        join = (
            "c.id = t.capability_id"
            if "capability_id" in columns
            else ("c.link_key = t.capability_key")
        )
        found += [
            (table, str(row[0]), str(row[1]))
            for row in connection.execute(
                text(f"SELECT c.id, t.{element} FROM {table} t JOIN capability c ON {join}")
            )
        ]
    return sorted(found)


def test_a_register_from_before_0015_keeps_every_link_under_the_same_keys_as_a_laptop(
    pg_demo_address,
) -> None:
    from verkosto_desktop.data.models.types import link_key

    engine = create_engine(pg_demo_address.url)
    try:
        with engine.connect() as connection:
            links = _links_by_id(connection)
            connection.rollback()
            migrate(connection, "0016", down=True)
            assert _links_by_id(connection) == links
            connection.rollback()
            migrate(connection, "head")
            assert differences(connection) == []
            assert _links_by_id(connection) == links and len(links) > 50
            keys = connection.execute(text("SELECT id, link_key FROM capability")).all()
            connection.rollback()
    finally:
        engine.dispose()
    assert keys and all(key == link_key(record_id) for record_id, key in keys)
