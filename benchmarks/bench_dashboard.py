"""Dashboard on the generated registers (10,000 actors and 40,000 capabilities; 100,000 and
400,000).

What the dashboard does after an edit: the store reports the change, and the readiness tracker
re-reads the actors concerned and rebuilds the whole picture (both coverage views, register
health, premises per area, incidents, activities, plan), and — once a print pack was made —
counts the changes since it. Measured over 40 capability edits (median and p95),
against the bare SQL aggregate of just the situation × phase counts (sqlite3, no ORM) in the
same run, and the full first read for reference.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta

from benchmarks.common import BenchContext, Result, Size, measure, median, p95
from verkosto_desktop.data.dashboard.readiness import ReadinessTracker
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.printouts.packs import record_print_pack
from verkosto_desktop.data.register import capabilities
from verkosto_desktop.data.storage.store import Change, Store

EDITS = 40
BARE_AGGREGATE = """
SELECT cs.situation_key, cp.phase, count(DISTINCT c.actor_id), count(*)
FROM capability c
JOIN actor a ON a.id = c.actor_id
JOIN capability_phase cp ON cp.capability_id = c.id
JOIN capability_situation cs ON cs.capability_id = c.id
WHERE c.deleted_at IS NULL AND a.deleted_at IS NULL
GROUP BY cs.situation_key, cp.phase
"""


def run(ctx: BenchContext) -> list[Result]:
    return [result for size in ctx.sizes() for result in _run(ctx, size)]


def _run(ctx: BenchContext, size: Size) -> list[Result]:
    path = ctx.copy_of(ctx.generated(size), "dashboard-bench.verkosto")
    connection = sqlite3.connect(path)
    capability_ids = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM capability WHERE deleted_at IS NULL ORDER BY id LIMIT ?", (EDITS,)
        )
    ]
    store = Store.open(path)
    try:
        tracker = ReadinessTracker(store)
        first = measure(lambda: ReadinessTracker(store).refresh(), 2)
        tracker.refresh()
        reported: list[Change] = []
        store.subscribe(lambda changes: reported.extend(changes))

        def edits(phases_first: list[str]) -> list[float]:
            times: list[float] = []
            for n, capability_id in enumerate(capability_ids):
                phases = ["response"] if n % 2 else phases_first
                capabilities.update_capability(store, capability_id, {"phases": phases})
                changes = tuple(reported)
                reported.clear()
                start = time.perf_counter()
                tracker.refresh(changes)
                times.append(time.perf_counter() - start)
            return times

        refresh = edits(["preparedness", "recovery"])
        # With a print pack made three days ago, every refresh also counts the changes since.
        record_print_pack(store, utcnow() - timedelta(days=3), ctx.folder, 20)
        with_pack = edits(["preparedness"])
        bare = measure(lambda: connection.execute(BARE_AGGREGATE).fetchall(), 5)
    finally:
        store.close()
        connection.close()
        for leftover in ctx.folder.glob("dashboard-bench.verkosto*"):
            leftover.unlink()
    ms = 1000.0
    label = size.label
    return [
        Result(
            "dashboard: recompute after an edit, median",
            median(refresh) * ms,
            "ms",
            median(bare) * ms,
            size=label,
        ),
        Result(
            "dashboard: recompute after an edit, p95",
            p95(refresh) * ms,
            "ms",
            median(bare) * ms,
            target="< 100 ms",
            ok=p95(refresh) * ms < 100,
            size=label,
        ),
        Result(
            "dashboard: recompute after an edit with a print pack to date, p95",
            p95(with_pack) * ms,
            "ms",
            p95(refresh) * ms,
            target="< 100 ms",
            ok=p95(with_pack) * ms < 100,
            size=label,
        ),
        Result(
            "dashboard: first full read (on open)",
            median(first) * ms,
            "ms",
            target="< 1,000 ms",
            ok=median(first) < 1.0,
            size=label,
        ),
    ]
