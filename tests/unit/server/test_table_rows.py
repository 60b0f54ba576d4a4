"""The register table's rows on the server: the ids go to PostgreSQL as one array, and come
back as they were, whatever characters an id imported from elsewhere holds."""

from __future__ import annotations

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.plain_rows import _array_literal
from verkosto_desktop.data.register.search import actor_rows
from verkosto_desktop.data.storage.driver import driver_cursor
from verkosto_desktop.data.storage.store import Store


def test_ids_cross_to_the_server_as_they_are(pg_store: Store) -> None:
    odd = ["plain", 'with "quotes"', "back\\slash", "comma,separated", "{braces}", "NULL", " ä "]
    with pg_store.read() as session:
        cursor = driver_cursor(session)
        try:
            cursor.execute("SELECT %s::text[]", (_array_literal(odd),))
            assert cursor.fetchone()[0] == odd
        finally:
            cursor.close()


def test_the_rows_come_in_the_order_of_the_ids_asked_for(pg_store: Store) -> None:
    made = [actors.create_actor(pg_store, {"name": name}).id for name in ("Bee", "Aa", "Cee")]
    wanted = [made[2], "no-such-actor", made[0], made[1]]
    assert [row.name for row in actor_rows(pg_store, wanted)] == ["Cee", "Bee", "Aa"]
