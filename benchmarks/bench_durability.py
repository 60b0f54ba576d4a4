"""What durability costs: one edit with ``synchronous=FULL`` (the program's setting: a commit is
on the disk before it is acknowledged, so it survives a power cut) against ``NORMAL`` (may lose
the last commits on power loss), through the data layer and with bare sqlite3; and how long a
checked backup and the quick check at open take on the generated registers (10,000 and 100,000
actors)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from benchmarks.common import BenchContext, Result, measure, median
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.store import Store, quick_check

EDITS = 150


def _edit_times(path: Path, synchronous: str) -> list[float]:
    store = Store.open(path)
    try:
        store.engine.dispose()  # the pool's connections were set up with FULL

        @event.listens_for(store.engine, "connect")
        def _set(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA synchronous = {synchronous}")

        ids = search_actor_ids(store, ActorFilter())[:EDITS]
        times = []
        for i, actor_id in enumerate(ids):
            start = time.perf_counter()
            actors.update_actor(store, actor_id, {"notes": f"{synchronous} {i}"})
            times.append(time.perf_counter() - start)
        return times
    finally:
        store.close()


def _bare_times(path: Path, synchronous: str) -> list[float]:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(f"PRAGMA synchronous = {synchronous}")
    ids = [r[0] for r in connection.execute("SELECT id FROM actor LIMIT ?", (EDITS,))]

    def edit(actor_id: str) -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE actor SET notes = notes || '.' WHERE id = ?", (actor_id,))
        connection.execute("COMMIT")

    try:
        return [t for actor_id in ids for t in measure(lambda a=actor_id: edit(a), 1)]
    finally:
        connection.close()


def run(ctx: BenchContext) -> list[Result]:
    small = ctx.small_demo()
    results = []
    full = median(_edit_times(ctx.copy_of(small, "durability-full.verkosto"), "FULL"))
    normal = median(_edit_times(ctx.copy_of(small, "durability-normal.verkosto"), "NORMAL"))
    results.append(
        Result("one edit, synchronous=FULL (vs NORMAL)", full * 1000, "ms", normal * 1000)
    )
    bare_full = median(_bare_times(ctx.copy_of(small, "durability-bare.verkosto"), "FULL"))
    bare_normal = median(_bare_times(ctx.copy_of(small, "durability-bare2.verkosto"), "NORMAL"))
    results.append(
        Result("bare sqlite3 UPDATE, FULL (vs NORMAL)", bare_full * 1000, "ms", bare_normal * 1000)
    )

    for size in ctx.sizes():
        large = ctx.copy_of(ctx.generated(size), "durability-large.verkosto")
        taken = measure(lambda path=large: backups.make_backup(path, "manual"), 3)
        plain = measure(
            lambda path=large: _plain_copy(path, path.with_name("plain-copy.verkosto")), 3
        )
        newest = backups.last_backup(large)
        results.append(
            Result(
                "checked backup (vs file copy)",
                median(taken),
                "s",
                median(plain),
                target="< 10 s",
                ok=median(taken) < 10,
                size=size.label,
            )
        )
        results.append(
            Result(
                "file size (the backup's size)",
                large.stat().st_size / 1e6,
                "MB",
                newest.path.stat().st_size / 1e6 if newest else None,
                size=size.label,
            )
        )
        checks = measure(lambda path=large: quick_check(path), 3)
        results.append(Result("quick check at open", median(checks), "s", size=size.label))
        for leftover in ctx.folder.glob("*plain-copy.verkosto*"):
            leftover.unlink()
        shutil.rmtree(backups.backups_folder(large), ignore_errors=True)
    return results


def _plain_copy(source: Path, target: Path) -> None:
    target.write_bytes(source.read_bytes())
