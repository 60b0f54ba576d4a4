"""The regional register keeps each actor's capabilities summed up for the register table
(migration 0022_capability_summary). Whatever changes the capabilities or their links — the
program's edits, the trash, a statement on many actors, a cascade of deletes — the summary stays
what the live links say, counted here independently from the models."""

from __future__ import annotations

from collections import defaultdict

from alembic import command
from sqlalchemy import Connection, create_engine, inspect, select, text

from verkosto_desktop.data.models import Capability
from verkosto_desktop.data.register import actors, capabilities
from verkosto_desktop.data.register.search import actor_rows
from verkosto_desktop.data.storage.migrate import alembic_config
from verkosto_desktop.data.storage.store import Store

Summary = dict[str, tuple[tuple[str, ...], frozenset[str], frozenset[str]]]


def _from_the_links(store: Store) -> Summary:
    """Each actor's live capabilities: categories in code-point order, phases, situations."""
    categories: dict[str, set[str]] = defaultdict(set)
    phases: dict[str, set[str]] = defaultdict(set)
    situations: dict[str, set[str]] = defaultdict(set)
    with store.read() as session:
        for capability in session.scalars(
            select(Capability).where(Capability.deleted_at.is_(None))
        ):
            categories[capability.actor_id].add(capability.category_key)
            phases[capability.actor_id].update(capability.phases)
            situations[capability.actor_id].update(capability.situations)
    return {
        actor_id: (
            tuple(sorted(keys)),
            frozenset(phases[actor_id]),
            frozenset(situations[actor_id]),
        )
        for actor_id, keys in categories.items()
    }


def _kept(store: Store) -> Summary:
    with store.read() as session:
        rows = session.execute(
            text("SELECT actor_id, categories, phases, situations FROM capability_summary")
        )
        return {a: (tuple(c), frozenset(p), frozenset(s)) for a, c, p, s in rows}


def _agree(store: Store, ids: list[str]) -> None:
    expected = _from_the_links(store)
    assert _kept(store) == expected
    for row in actor_rows(store, ids):
        assert (row.categories, row.phases, row.situations) == expected.get(
            row.id, ((), frozenset(), frozenset())
        )


def test_the_summary_follows_every_change_of_the_links(pg_store: Store) -> None:
    store = pg_store
    first = actors.create_actor(store, {"name": "Ensimmäinen"}).id
    second = actors.create_actor(store, {"name": "Toinen"}).id
    third = actors.create_actor(store, {"name": "Kolmas"}).id
    ids = [first, second, third]
    # Added out of order: the summary keeps the categories in code-point order.
    capabilities.add_capability(
        store,
        first,
        {"category_key": "first_aid", "phases": ["response"], "situations": ["power_outage"]},
    )
    catering = capabilities.add_capability(
        store,
        first,
        {"category_key": "catering", "phases": ["response", "recovery"], "situations": ["storm"]},
    ).id
    capabilities.add_capability(store, first, {"category_key": "catering", "phases": []})
    transport = capabilities.add_capability(store, second, {"category_key": "transport"}).id
    capabilities.add_capability(
        store, third, {"category_key": "catering", "situations": ["storm", "power_outage"]}
    )
    _agree(store, ids)
    assert _kept(store)[first][0] == ("catering", "first_aid")
    assert _kept(store)[second] == (("transport",), frozenset(), frozenset())

    capabilities.update_capability(store, catering, {"phases": ["preparedness"]})
    _agree(store, ids)
    capabilities.delete_capability(store, transport)
    _agree(store, ids)
    assert second not in _kept(store)  # no live capability: no summary
    capabilities.restore_capability(store, transport)
    _agree(store, ids)

    with store.write() as session:
        # One statement on the links of several actors, then a cascade from the actor down.
        session.execute(text("DELETE FROM capability_situation WHERE situation_key = 'storm'"))
    _agree(store, ids)
    with store.write() as session:
        session.execute(text("DELETE FROM actor WHERE id = :a"), {"a": third})
    _agree(store, ids)
    assert third not in _kept(store)


def _summed_by_hand(connection: Connection) -> Summary:
    """The summaries counted from the link rows themselves, in Python."""
    live = "FROM capability c {join} WHERE c.deleted_at IS NULL"
    categories: dict[str, set[str]] = defaultdict(set)
    phases: dict[str, set[str]] = defaultdict(set)
    situations: dict[str, set[str]] = defaultdict(set)
    for actor_id, key in connection.execute(
        text(f"SELECT c.actor_id, c.category_key {live.format(join='')}")
    ):
        categories[actor_id].add(key)
    for found, table, column in (
        (phases, "capability_phase", "phase"),
        (situations, "capability_situation", "situation_key"),
    ):
        join = f"JOIN {table} l ON l.capability_key = c.link_key"
        for actor_id, value in connection.execute(
            text(f"SELECT c.actor_id, l.{column} {live.format(join=join)}")
        ):
            found[actor_id].add(value)
    return {
        a: (tuple(sorted(keys)), frozenset(phases[a]), frozenset(situations[a]))
        for a, keys in categories.items()
    }


def test_a_register_from_before_the_summary_gets_one_for_every_actor(pg_demo_address) -> None:
    engine = create_engine(pg_demo_address.url)
    try:
        with engine.connect() as connection:
            with connection.begin():
                config = alembic_config()
                config.attributes["connection"] = connection
                command.downgrade(config, "0022")
            assert "capability_summary" not in inspect(connection).get_table_names()
            expected = _summed_by_hand(connection)
            connection.rollback()
            with connection.begin():
                command.upgrade(config, "head")
            rows = connection.execute(
                text("SELECT actor_id, categories, phases, situations FROM capability_summary")
            )
            kept = {a: (tuple(c), frozenset(p), frozenset(s)) for a, c, p, s in rows}
            connection.rollback()
    finally:
        engine.dispose()
    assert kept == expected and len(kept) > 20
