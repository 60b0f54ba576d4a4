"""Register search on the generated registers (10,000 and 100,000 actors): 200 realistic queries
through the data layer as the register table asks them (the first ids in order, the count of
all matches, the first screenful of rows), against a bare sqlite3 LIKE query over the same data;
and every matching id in order (what printing a search reads)."""

from __future__ import annotations

import random
import sqlite3
import time

from benchmarks.common import BenchContext, Result, Size, measure, median, p95
from verkosto_desktop.data.register.pages import first_page
from verkosto_desktop.data.register.search import ActorFilter, actor_rows, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.ui.register.actor_table_model import FIRST_IDS, PAGE_SIZE


def realistic_queries(connection: sqlite3.Connection, count: int = 200) -> list[str]:
    """What coordinators type: name fragments, surnames, phone digits in several formats,
    e-mail parts, capability words, an area, and a few two-word searches."""
    rng = random.Random(7)
    names = [r[0] for r in connection.execute("SELECT name FROM actor ORDER BY id LIMIT 400")]
    people = [r[0] for r in connection.execute("SELECT name FROM contact ORDER BY id LIMIT 400")]
    phones = [
        r[0]
        for r in connection.execute(
            "SELECT mobile FROM contact WHERE mobile IS NOT NULL ORDER BY id LIMIT 400"
        )
    ]
    queries: list[str] = []
    while len(queries) < count:
        kind = rng.randrange(8)
        if kind == 0:
            word = rng.choice(names).split()[0]
            queries.append(word[: rng.randrange(3, len(word) + 1)])
        elif kind == 1:
            queries.append(rng.choice(people).split()[-1][: rng.randrange(4, 9)])
        elif kind == 2:
            shown = format_phone(rng.choice(phones))
            queries.append(shown[: rng.randrange(5, len(shown) + 1)])
        elif kind == 3:
            queries.append(rng.choice(phones)[-7:])
        elif kind == 4:
            queries.append(
                rng.choice(["aggregaatti", "soittorinki", "ensiapu", "kerho", "tulkkaus", "lämmin"])
            )
        elif kind == 5:
            queries.append(rng.choice(["Keskusta", "Ylikylä", "Äijälä", "Koivuniemi"]))
        elif kind == 6:
            queries.append(" ".join(rng.choice(names).split()[:2]))
        else:
            queries.append(rng.choice(people).split()[0].lower())
    return queries


BARE_QUERY = "SELECT id FROM actor WHERE deleted_at IS NULL AND name LIKE ? ORDER BY name_key"


def run(ctx: BenchContext) -> list[Result]:
    return [result for size in ctx.sizes() for result in _run(ctx, size)]


def _run(ctx: BenchContext, size: Size) -> list[Result]:
    path = ctx.generated(size)
    connection = sqlite3.connect(path)
    queries = realistic_queries(connection)
    store = Store.open(path)
    try:
        # Warm both paths once so that neither pays for the first page reads alone.
        for q in queries[:10]:
            search_actor_ids(store, ActorFilter(text=q))

        ours: list[float] = []
        results = 0
        for q in queries:
            flt = ActorFilter(text=q)
            start = time.perf_counter()
            page, count = first_page(store, flt, FIRST_IDS)
            actor_rows(store, page.ids[:PAGE_SIZE])
            ours.append(time.perf_counter() - start)
            results += count
        whole: list[float] = []
        for q in queries:
            whole.extend(measure(lambda q=q: search_actor_ids(store, ActorFilter(text=q)), 1))

        bare: list[float] = []
        for q in queries:
            pattern = f"%{q}%"
            bare.extend(
                measure(
                    lambda p=pattern: connection.execute(BARE_QUERY, (p,)).fetchall(),
                    1,
                )
            )
        everything = measure(lambda: search_actor_ids(store, ActorFilter()), 20)
    finally:
        store.close()
        connection.close()
    ms = 1000.0
    label = size.label
    return [
        Result(
            "search: median (200 queries)", median(ours) * ms, "ms", median(bare) * ms, size=label
        ),
        Result(
            "search: p95 (200 queries)",
            p95(ours) * ms,
            "ms",
            p95(bare) * ms,
            target="< 30 ms",
            ok=p95(ours) * ms < 30,
            size=label,
        ),
        Result(
            "search: every matching id in order, p95",
            p95(whole) * ms,
            "ms",
            p95(bare) * ms,
            size=label,
        ),
        Result("search: whole register, sorted", median(everything) * ms, "ms", size=label),
        Result("search: mean hits per query", results / len(queries), "rows", size=label),
    ]
