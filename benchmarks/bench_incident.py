"""Incident mode on the generated registers (10,000 and 100,000 actors): the ranked
"who can help" list against a bare sqlite3 query over the same capabilities, a log entry
written (committed to disk), and the log of 500 entries read for its view."""

from __future__ import annotations

import sqlite3

from benchmarks.common import BenchContext, Result, Size, measure, median, p95
from verkosto_desktop.data.incident import incidents
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.incident.who_can_help import who_can_help
from verkosto_desktop.data.storage.store import Store

SHOWN = 300  # what the incident section lists at most
BARE = """
SELECT c.id, c.actor_id, c.activation_minutes, c.capacity FROM capability c
WHERE c.deleted_at IS NULL
  AND c.link_key IN (SELECT capability_key FROM capability_phase WHERE phase = 'response')
  AND c.link_key IN (SELECT capability_key FROM capability_situation
               WHERE situation_key IN ('power_outage', 'storm'))
ORDER BY c.activation_minutes IS NULL, c.activation_minutes, c.capacity DESC LIMIT 300
"""


def run(ctx: BenchContext) -> list[Result]:
    return [result for size in ctx.sizes() for result in _run(ctx, size)]


def _run(ctx: BenchContext, size: Size) -> list[Result]:
    path = ctx.copy_of(ctx.generated(size), "incident-bench.verkosto")
    with Store.open(path) as store:
        incident = incidents.start_incident(
            store, {"title": "Myrsky ja sähkökatko", "situations": ["power_outage", "storm"]}
        )
        ranked = measure(lambda: who_can_help(store, incident.id, limit=SHOWN), repeat=7)
        connection = sqlite3.connect(path)
        try:
            bare = measure(lambda: connection.execute(BARE).fetchall(), repeat=7)
        finally:
            connection.close()
        writes = measure(
            lambda: incident_log.add_entry(
                store, incident.id, {"kind": "observation", "text": "Puu kaatunut tielle"}
            ),
            repeat=500,
        )
        reads = measure(lambda: incident_log.log_entries(store, incident.id), repeat=7)
    for leftover in ctx.folder.glob("incident-bench.verkosto*"):
        leftover.unlink()
    return [
        Result(
            "who can help: best 300 of the large register, ranked with contacts",
            median(ranked) * 1000,
            "ms",
            baseline=median(bare) * 1000,
            target="< 500 ms",
            ok=median(ranked) < 0.5,
            size=size.label,
        ),
        Result(
            "incident log: one entry written and committed (p95)",
            p95(writes) * 1000,
            "ms",
            target="< 100 ms",
            ok=p95(writes) < 0.1,
            size=size.label,
        ),
        Result(
            "incident log: 500 entries read for the view",
            median(reads) * 1000,
            "ms",
            size=size.label,
        ),
    ]
