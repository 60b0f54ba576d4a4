"""Register search on the generated registers (10,000 and 100,000 actors): 200 realistic queries
through the data layer as the register table asks them (the first ids in order, the count of all
matches, the first screenful of rows), against the plain way of doing the same job in the same
run: a bare sqlite3 query with ``LIKE`` over the same fields (actor names, areas and e-mail, contact
persons and their e-mail, phone digits of actors and contacts in national and international form,
capabilities and their category names), every word required, in name order, plus the same first
screenful of rows. Both are warmed up on every query first. (On 100,000 actors the bare query
takes seconds each: it runs for the first 40 queries only.) Also every matching id in order (what
printing a search reads)."""

from __future__ import annotations

import random
import re
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


# One word of the query, as a plain query would look for it (no index can help ``%word%``).
_WORD = """(
    a.name LIKE :{p} OR a.area LIKE :{p} OR a.email LIKE :{p}
    OR EXISTS (SELECT 1 FROM contact c WHERE c.actor_id = a.id AND c.deleted_at IS NULL
               AND (c.name LIKE :{p} OR c.email LIKE :{p}))
    OR EXISTS (SELECT 1 FROM capability k JOIN capability_category g ON g.key = k.category_key
               WHERE k.actor_id = a.id AND k.deleted_at IS NULL
               AND (k.description LIKE :{p} OR g.name_fi LIKE :{p})))"""
# Digits typed in any format, against numbers stored as +358…: national (0…) or international.
_DIGITS = """(
    replace(a.phone, '+358', '0') LIKE :{p} OR a.phone LIKE :{p}
    OR EXISTS (SELECT 1 FROM contact c WHERE c.actor_id = a.id AND c.deleted_at IS NULL
               AND (replace(c.mobile, '+358', '0') LIKE :{p} OR c.mobile LIKE :{p}
                    OR replace(c.landline, '+358', '0') LIKE :{p} OR c.landline LIKE :{p})))"""
_LIVE = "SELECT a.id FROM actor a WHERE a.deleted_at IS NULL"
_IN_NAME_ORDER = "ORDER BY a.name_key, a.id"
_ROWS = (
    "SELECT a.id, a.name, a.kind, a.area, "
    "(SELECT c.name FROM contact c WHERE c.actor_id = a.id AND c.deleted_at IS NULL "
    " ORDER BY c.reachable_24_7 DESC, c.is_primary DESC, c.name_key LIMIT 1), a.phone "
    "FROM actor a WHERE a.id IN ({marks})"
)


def bare_query(query: str) -> tuple[str, dict[str, str]]:
    """The plain SQL that finds what ``query`` asks for, and its parameters."""
    digits = re.sub(r"\D", "", query)
    if re.fullmatch(r"[\d\s()+\-/.]+", query.strip()) and len(digits) >= 3:
        if query.strip().startswith("00"):
            digits = digits[2:]
        return f"{_LIVE} AND {_DIGITS.format(p='d')} {_IN_NAME_ORDER}", {"d": f"%{digits}%"}
    words = query.split() or [""]
    params = {f"w{i}": f"%{word}%" for i, word in enumerate(words)}
    where = " AND ".join(_WORD.format(p=name) for name in params)
    return f"{_LIVE} AND {where} {_IN_NAME_ORDER}", params


def bare_search(connection: sqlite3.Connection, query: str) -> list[str]:
    """The bare query's ids and its first screenful of rows (as the register shows them)."""
    sql, params = bare_query(query)
    ids = [row[0] for row in connection.execute(sql, params)]
    first = ids[:50]
    if first:
        marks = ",".join("?" * len(first))
        connection.execute(_ROWS.format(marks=marks), first).fetchall()
    return ids


def run(ctx: BenchContext) -> list[Result]:
    return [result for size in ctx.sizes() for result in _run(ctx, size)]


def _run(ctx: BenchContext, size: Size) -> list[Result]:
    path = ctx.generated(size)
    connection = sqlite3.connect(path)
    queries = realistic_queries(connection)
    bare_queries = queries if size.actors <= 10_000 else queries[:40]
    store = Store.open(path)
    try:
        # Warm both paths on every query once: neither pays for first page reads alone.
        for q in queries:
            first_page(store, ActorFilter(text=q), FIRST_IDS)
        for q in bare_queries:
            bare_search(connection, q)

        ours: list[float] = []
        ours_cpu: list[float] = []  # CPU seconds of this process: what a quiet machine shows
        results = 0
        for q in queries:
            flt = ActorFilter(text=q)
            start, used = time.perf_counter(), time.process_time()
            page, count = first_page(store, flt, FIRST_IDS)
            actor_rows(store, page.ids[:PAGE_SIZE])
            ours.append(time.perf_counter() - start)
            ours_cpu.append(time.process_time() - used)
            results += count
        whole: list[float] = []
        for q in queries:
            whole.extend(measure(lambda q=q: search_actor_ids(store, ActorFilter(text=q)), 1))

        bare: list[float] = []
        bare_results = 0
        for q in bare_queries:
            start = time.perf_counter()
            bare_results += len(bare_search(connection, q))
            bare.append(time.perf_counter() - start)
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
        Result("search: p95, CPU of this process", p95(ours_cpu) * ms, "ms", size=label),
        Result(
            "search: every matching id in order, p95",
            p95(whole) * ms,
            "ms",
            p95(bare) * ms,
            size=label,
        ),
        Result("search: whole register, sorted", median(everything) * ms, "ms", size=label),
        Result(
            "search: mean hits per query",
            results / len(queries),
            "rows",
            bare_results / len(bare_queries),
            size=label,
        ),
    ]
