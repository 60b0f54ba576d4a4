"""A migration killed half-way leaves the old schema intact and working, after a checked backup;
a migration that completes keeps every row (rebuilding a table must not cascade)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from reliability_harness import Worker, integrity, tally

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.migrate import head_revision
from verkosto_desktop.data.storage.store import Store


def _snapshot(path: Path) -> tuple[object, ...]:
    """The schema, the revision and a digest of the register's rows."""
    connection = sqlite3.connect(path)
    try:
        schema = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        actor_rows = connection.execute(
            "SELECT id, name, notes, revision FROM actor ORDER BY id"
        ).fetchall()
        contact_rows = connection.execute(
            "SELECT id, actor_id, name, mobile FROM contact ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    return schema, revision, actor_rows, contact_rows


def _run_until(worker: Worker, wanted: str, delay: float | None = None) -> None:
    """Read the worker's messages until ``wanted`` (then wait ``delay``) and SIGKILL it."""
    while True:
        message = worker.receive()
        if wanted in message:
            break
        assert "done" not in message, "the migration finished before it could be killed"
    if delay:
        time.sleep(delay)
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.wait(timeout=30)


def _assert_old_schema_intact(database: Path, before: tuple[object, ...]) -> None:
    assert integrity(database) == "ok"
    assert _snapshot(database) == before
    # The real program opens the file as usual and can write to it.
    with Store.open(database) as store:
        created = actors.create_actor(store, {"name": "Kirjoitettu migraation jälkeen"})
        actors.delete_actor(store, created.id)
        from verkosto_desktop.data.register.history import versions  # noqa: F401 - still importable


def test_migration_killed_half_way_leaves_the_old_schema(
    demo_path: Path, worker: Callable[..., Worker]
) -> None:
    before = _snapshot(demo_path)
    assert before[1] == (head_revision(),)
    migration = worker("migration.py", str(demo_path), env={"VERKOSTO_KILLTEST_MODE": "halfway"})
    _run_until(migration, "halfway")
    tally("migrations killed half-way")

    assert integrity(demo_path) == "ok"
    assert _snapshot(demo_path) == before
    taken = backups.list_backups(demo_path)
    assert [b.reason for b in taken] == ["migration"]
    assert backups.is_sound(taken[0].path)
    assert _snapshot(taken[0].path)[2:] == before[2:]
    tally("backups verified")
    _assert_old_schema_intact(demo_path, _snapshot(demo_path))


def test_migration_killed_at_random_moments(demo_path: Path, worker: Callable[..., Worker]) -> None:
    rng = random.Random(7)
    before = _snapshot(demo_path)
    for _attempt in range(4):
        migration = worker("migration.py", str(demo_path))
        _run_until(migration, "started", rng.uniform(0.0, 1.0))
        assert integrity(demo_path) == "ok"
        after = _snapshot(demo_path)
        if after[1] == ("9999_killtest",):
            # It finished just before the kill: then completely (see the test below).
            assert len(after[3]) == len(before[3])
            break
        assert after == before
        tally("migrations killed at random moments")


def test_a_completed_migration_keeps_every_row(
    demo_path: Path, worker: Callable[..., Worker]
) -> None:
    _schema, _revision, actor_rows, contact_rows = _snapshot(demo_path)
    migration = worker("migration.py", str(demo_path))
    while "done" not in (message := migration.receive()):
        pass
    assert message["done"] == "9999_killtest"
    assert integrity(demo_path) == "ok"
    connection = sqlite3.connect(demo_path)
    try:
        contacts_after = connection.execute(
            "SELECT id, actor_id, name, mobile FROM contact ORDER BY id"
        ).fetchall()
        migrated = connection.execute("SELECT count(*) FROM actor WHERE kill_test = 1").fetchone()
        foreign_keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    # Rebuilding the actor table dropped the old one: no contact may go with it.
    assert contacts_after == contact_rows
    assert migrated[0] == len(actor_rows)
    assert foreign_keys == []
