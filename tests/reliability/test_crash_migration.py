"""A migration killed half-way leaves the old schema intact and working, after a checked backup;
a migration that completes keeps every row (rebuilding a table must not cascade)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
from collections import Counter
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


KILLS = 6


def _put_back(pristine: Path, database: Path) -> None:
    """``database`` as it was before any migration (its WAL and index gone with it)."""
    for leftover in database.parent.glob(database.name + "-*"):
        leftover.unlink()
    shutil.copy(pristine, database)


def test_migration_killed_at_random_moments(
    demo_path: Path, tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    pristine = tmp_path / "pristine.verkosto"
    shutil.copy(demo_path, pristine)
    before = _snapshot(demo_path)
    # How long each half of the migration's work takes here and now (the quicker of two runs),
    # so that the kills land inside it. Each half is timed from its own message: a kill timed
    # from the start alone all landed in the first half once, when the machine slowed down
    # between the timing and the kills.
    halves: list[tuple[float, float]] = []
    for _run in range(2):
        timing = worker("migration.py", str(demo_path))
        while "started" not in timing.receive():
            pass
        started = time.perf_counter()
        while "halfway" not in timing.receive():
            pass
        halfway = time.perf_counter()
        while "migrated" not in timing.receive():
            pass
        halves.append((halfway - started, time.perf_counter() - halfway))
        timing.close()
        _put_back(pristine, demo_path)
    first, second = min(h[0] for h in halves), min(h[1] for h in halves)
    duration = first + second
    rng = random.Random(7)
    landed: Counter[str] = Counter()
    per_half = KILLS // 2
    for attempt in range(KILLS):
        migration = worker("migration.py", str(demo_path))
        # A random moment in each third of each half (stratified: every part of it is hit).
        mark, span = ("started", first) if attempt < per_half else ("halfway", second)
        part = attempt % per_half
        _run_until(migration, mark, span * 0.9 * (part + rng.random()) / per_half)
        heard = {mark} | {key for message in migration.drain() for key in message}
        assert integrity(demo_path) == "ok"
        after = _snapshot(demo_path)
        if after[1] == ("9999_killtest",):
            # It finished just before the kill: then completely (see the test below).
            landed["after the end"] += 1
            assert len(after[3]) == len(before[3])
            _put_back(pristine, demo_path)
            continue
        assert "done" not in heard
        assert after == before
        landed["second half" if "halfway" in heard else "first half"] += 1
        tally("migrations killed at random moments")
    print("migration kills:", dict(landed), f"(the whole migration took {duration:.2f} s)")
    assert KILLS - landed["after the end"] >= KILLS // 2 + 1, landed
    assert landed["first half"] >= 1 and landed["second half"] >= 1, landed


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
