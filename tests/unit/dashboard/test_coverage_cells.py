"""The coverage the file keeps (``coverage_cell``, kept by triggers) against the same counts made
from the register itself, after writes of every kind — including plain SQL that no part of the
program makes today (an ignored insert, moving a capability, cascades of hard deletes)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from verkosto_desktop.data.dashboard.coverage import Key, count_coverage
from verkosto_desktop.data.register import actors, capabilities
from verkosto_desktop.data.storage.store import Store


def _kept(path: Path) -> dict[Key, tuple[int, int]]:
    connection = sqlite3.connect(path)
    try:
        return {
            (k, s, p): (a, n)
            for k, s, p, a, n in connection.execute(
                "SELECT category_key, situation_key, phase, actors, capabilities "
                "FROM coverage_cell WHERE actors != 0 OR capabilities != 0"
            )
        }
    finally:
        connection.close()


def _counted(store: Store) -> dict[Key, tuple[int, int]]:
    with store.read() as session:
        return count_coverage(session)


def test_the_demo_file_keeps_its_coverage(demo_store: Store, demo_path: Path) -> None:
    counted = _counted(demo_store)
    assert len(counted) > 50  # the demo covers many cells
    assert _kept(demo_path) == counted


def test_edits_through_the_program_keep_the_coverage(demo_store: Store, demo_path: Path) -> None:
    actor = actors.create_actor(demo_store, {"name": "Uusi yhdistys"})
    offer = capabilities.add_capability(
        demo_store,
        actor.id,
        {"category_key": "catering", "phases": ["response"], "situations": ["storm"]},
    )
    assert _kept(demo_path) == _counted(demo_store)
    capabilities.update_capability(
        demo_store, offer.id, {"phases": ["recovery", "response"], "situations": ["accident"]}
    )
    capabilities.update_capability(demo_store, offer.id, {"category_key": "first_aid"})
    assert _kept(demo_path) == _counted(demo_store)
    actors.delete_actor(demo_store, actor.id)
    assert _kept(demo_path) == _counted(demo_store)
    actors.restore_actor(demo_store, actor.id)
    capabilities.delete_capability(demo_store, offer.id)
    assert _kept(demo_path) == _counted(demo_store)


# A live actor with live capabilities, and a live capability with phases and situation types
# (the n-th of them), so that each write below changes the coverage.
_ACTOR = (
    "SELECT a.id FROM actor a WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM capability c "
    "JOIN capability_phase p ON p.capability_key = c.link_key JOIN capability_situation s "
    "ON s.capability_key = c.link_key WHERE c.actor_id = a.id AND c.deleted_at IS NULL) "
    "ORDER BY a.id LIMIT 1 OFFSET {n}"
)
_OFFER = (
    "SELECT c.{column} FROM capability c JOIN actor a ON a.id = c.actor_id WHERE c.deleted_at IS NULL "
    "AND a.deleted_at IS NULL AND c.category_key != 'transport' "
    "AND EXISTS (SELECT 1 FROM capability_situation s WHERE s.capability_key = c.link_key) "
    "AND EXISTS (SELECT 1 FROM capability_phase p WHERE p.capability_key = c.link_key) "
    "AND NOT EXISTS (SELECT 1 FROM capability_phase p WHERE p.capability_key = c.link_key "
    "AND p.phase = 'recovery') ORDER BY c.id LIMIT 1 OFFSET {n}"
)


def _actor(n: int) -> str:
    return f"({_ACTOR.format(n=n)})"


def _offer(n: int) -> str:
    return f"({_OFFER.format(n=n, column='id')})"


def _key(n: int) -> str:
    """The link key of the n-th capability of ``_OFFER`` (what its link rows carry)."""
    return f"({_OFFER.format(n=n, column='link_key')})"


@pytest.mark.parametrize(
    "statement",
    [
        f"UPDATE actor SET deleted_at = '2026-01-01' WHERE id = {_actor(0)}",
        f"UPDATE capability SET deleted_at = '2026-01-01' WHERE id = {_offer(0)}",
        f"UPDATE capability SET category_key = 'transport' WHERE id = {_offer(1)}",
        # Moved to an actor in the trash: it counts no more.
        "CREATE TEMP TABLE moved AS SELECT * FROM actor WHERE id = "
        f"{_actor(2)}; UPDATE moved SET id = 'moved-actor', deleted_at = '2026-01-01'; "
        "INSERT INTO actor SELECT * FROM moved; "
        f"UPDATE capability SET actor_id = 'moved-actor' WHERE id = {_offer(3)}",
        f"DELETE FROM capability_phase WHERE capability_key = {_key(4)}",
        f"DELETE FROM capability_situation WHERE capability_key = {_key(5)}",
        f"UPDATE capability_phase SET phase = 'recovery' WHERE capability_key = {_key(6)} "
        "AND phase = (SELECT min(phase) FROM capability_phase WHERE capability_key = "
        f"{_key(6)})",
        # Ignored where the link is already there: BEFORE triggers fire, AFTER ones do not.
        "INSERT OR IGNORE INTO capability_phase SELECT link_key, 'recovery' FROM capability",
        f"INSERT INTO capability_phase VALUES ({_key(7)}, 'recovery')",
        f"DELETE FROM capability WHERE id = {_offer(8)}",  # cascades to its links
        # An actor of its own (one nothing else refers to) deleted: cascades to its capabilities.
        "CREATE TEMP TABLE gone AS SELECT * FROM actor WHERE id = "
        f"{_actor(9)}; UPDATE gone SET id = 'gone-actor'; INSERT INTO actor SELECT * FROM gone; "
        f"UPDATE capability SET actor_id = 'gone-actor' WHERE id = {_offer(9)}; "
        "DELETE FROM actor WHERE id = 'gone-actor'",
    ],
)
def test_plain_sql_writes_keep_the_coverage(
    demo_store: Store, demo_path: Path, statement: str
) -> None:
    before = _counted(demo_store)
    connection = sqlite3.connect(demo_path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(f"BEGIN; {statement}; COMMIT;")
    finally:
        connection.close()
    after = _counted(demo_store)
    assert after != before  # the write changed the coverage…
    assert _kept(demo_path) == after  # …and the kept counts followed
