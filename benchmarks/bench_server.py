"""The regional register on PostgreSQL (the server named by ``VERKOSTO_TEST_PG``; skipped,
saying so, without one): search over a register of ``VERKOSTO_BENCH_SERVER_ACTORS`` generated
actors (100,000 unless set) with the search benchmark's 200 queries, one network of 2,000 actors
listed with its table rows, the first sync of a 10,000-actor register to an empty laptop, and
an incremental sync of 100 changes each way."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.bench_search import realistic_queries
from benchmarks.common import BenchContext, Result, measure, median, p95
from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, actor_rows, search_actor_ids
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import init_register
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.server.sync import sync
from verkosto_desktop.data.storage.store import Store

NETWORK = 2_000
SYNCED = 10_000
ms = 1000.0


def _database(url: str, name: str, *, drop: bool = False) -> ServerAddress:
    admin = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if not drop:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return ServerAddress(make_url(url).set(database=name, drivername="postgresql+psycopg"))


def _register(url: str, name: str, size: int) -> ServerAddress:
    address = _database(url, name)
    init_register(address)
    with ServerStore.connect(address) as server:
        write_large_demo(server, actors=size)
    return address


def _search(address: ServerAddress) -> list[Result]:
    with ServerStore.connect(address) as server:
        with server.read() as session:
            driver = session.connection().connection.driver_connection
            queries = realistic_queries(driver)  # type: ignore[arg-type]  # psycopg's execute
        with server.write() as session:
            session.execute(
                text(
                    "UPDATE actor SET network = 'kyla' WHERE id IN "
                    "(SELECT id FROM actor ORDER BY id LIMIT :n)"
                ),
                {"n": NETWORK},
            )
        for q in queries:
            search_actor_ids(server, ActorFilter(text=q))
        times: list[float] = []
        for q in queries:
            start = time.perf_counter()
            ids = search_actor_ids(server, ActorFilter(text=q))
            actor_rows(server, ids[:50])
            times.append(time.perf_counter() - start)

        def whole_network() -> None:
            with server.read() as session:
                ids = list(
                    session.execute(
                        text(
                            "SELECT id FROM actor WHERE network = 'kyla' AND deleted_at IS NULL "
                            "ORDER BY name_key, id"
                        )
                    ).scalars()
                )
            assert len(actor_rows(server, ids)) == NETWORK

        listed = measure(whole_network, 5)
    return [
        Result(
            "server search: p95 (200 queries)",
            p95(times) * ms,
            "ms",
            target="< 50 ms",
            ok=p95(times) * ms < 50,
        ),
        Result(
            f"server: a network of {NETWORK:,} actors listed",
            median(listed) * ms,
            "ms",
            target="< 100 ms",
            ok=median(listed) * ms < 100,
        ),
    ]


def _sync(address: ServerAddress, folder: Path) -> list[Result]:
    laptop_path = folder / "bench-sync-laptop.verkosto"
    for leftover in folder.glob("bench-sync-laptop.verkosto*"):
        leftover.unlink()
    with ServerStore.connect(address) as server, Store.open(laptop_path) as laptop:
        assert isinstance(server, ServerStore)
        start = time.perf_counter()
        sync(laptop, server)
        first = time.perf_counter() - start
        ids = sorted(search_actor_ids(laptop, ActorFilter()))[:100]
        for number, actor_id in enumerate(ids):
            actors.update_actor(laptop, actor_id, {"area": f"Laptop {number}"})
        start = time.perf_counter()
        pushed = sync(laptop, server).pushed.changes
        up = time.perf_counter() - start
        for number, actor_id in enumerate(ids):
            actors.update_actor(server, actor_id, {"area": f"Server {number}"})
        start = time.perf_counter()
        pulled = sync(laptop, server).pulled.changes
        down = time.perf_counter() - start
    assert pushed >= 100 and pulled >= 100, (pushed, pulled)
    return [
        Result(
            f"server sync: first, {SYNCED:,} actors to an empty laptop",
            first,
            "s",
            target="< 30 s",
            ok=first < 30,
        ),
        Result(
            "server sync: 100 changes laptop → server", up * ms, "ms", target="< 1000 ms", ok=up < 1
        ),
        Result(
            "server sync: 100 changes server → laptop",
            down * ms,
            "ms",
            target="< 1000 ms",
            ok=down < 1,
        ),
    ]


def run(ctx: BenchContext) -> list[Result]:
    url = os.environ.get("VERKOSTO_TEST_PG", "").strip()
    if not url:
        print("bench_server: skipped: no PostgreSQL server (set VERKOSTO_TEST_PG)", file=sys.stderr)
        return []
    size = int(os.environ.get("VERKOSTO_BENCH_SERVER_ACTORS", "100000"))
    names = (f"vk_bench_search_{os.getpid()}", f"vk_bench_sync_{os.getpid()}")
    try:
        results = _search(_register(url, names[0], size))
        results[0] = Result(
            f"server search: p95 (200 queries, {size:,} actors)",
            results[0].value,
            "ms",
            target=results[0].target,
            ok=results[0].ok,
        )
        results += _sync(_register(url, names[1], SYNCED), ctx.folder)
    finally:
        for name in names:
            _database(url, name, drop=True)
    return results
