"""The regional register on PostgreSQL (the server named by ``VERKOSTO_TEST_PG``; skipped,
saying so, without one): search over a register of ``VERKOSTO_BENCH_SERVER_ACTORS`` generated
actors (100,000 unless set) with the search benchmark's 200 queries (the register table's first
ids, count and screenful of rows, as ``bench_search`` measures a laptop), one network of 2,000
actors listed with its table rows, the first sync of a 10,000-actor register to an empty laptop,
a laptop's first push of its 10,000-actor register to an empty server, and an incremental sync of
100 changes each way."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.bench_search import realistic_queries
from benchmarks.common import BenchContext, Result, measure, median, p95
from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.pages import first_page
from verkosto_desktop.data.register.search import ActorFilter, actor_rows, search_actor_ids
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import init_register
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.server.sync import sync
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.register.actor_table_model import FIRST_IDS, PAGE_SIZE

T = TypeVar("T")
NETWORK = 2_000
SYNCED = 10_000
ms = 1000.0


def _load() -> float:
    """The one-minute load average: the machine is shared, and wall times follow it."""
    return os.getloadavg()[0]


def _cpu(what: str, seconds: float, load: float) -> Result:
    """The CPU time this process spent (the server's own is not counted), with the load."""
    return Result(f"{what}: CPU of this process (load {load:.1f})", seconds * ms, "ms")


def _backends(server: ServerStore) -> list[int]:
    """The process ids of the server's backends serving this benchmark's database (its own),
    when the server runs on this machine; empty otherwise."""
    with server.read() as session:
        pids = session.execute(
            text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend'"
            )
        ).scalars()
        return [pid for pid in pids if Path(f"/proc/{pid}/stat").exists()]


def _server_cpu(pids: list[int]) -> float:
    """The CPU seconds the backends ``pids`` have used: the machine is shared, and the
    server's own CPU time is what compares between runs (its parallel workers not counted)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _server_result(what: str, seconds: float) -> list[Result]:
    if seconds <= 0:
        return []  # a server elsewhere, or nothing measurable
    return [Result(f"{what}: CPU of the server's backends", seconds * ms, "ms")]


def _timed(fn: Callable[[], T]) -> tuple[T, float, float, float]:
    """``fn()``, its wall and CPU seconds, and the load average after it."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - start, time.process_time() - cpu, _load()


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
    # A server's autovacuum gathers the planner's statistics after a bulk load; measured in a
    # steady state, not in the minute after it.
    admin = create_engine(address.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
    finally:
        admin.dispose()
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
            first_page(server, ActorFilter(text=q), FIRST_IDS)
        # What the register table asks for on every keystroke (as in bench_search): the first
        # ids and the count of every match, and the rows of the first screenful.
        times: list[float] = []
        backends = _backends(server)
        cpu, server_cpu = time.process_time(), _server_cpu(backends)
        for q in queries:
            start = time.perf_counter()
            page, _count = first_page(server, ActorFilter(text=q), FIRST_IDS)
            actor_rows(server, page.ids[:PAGE_SIZE])
            times.append(time.perf_counter() - start)
        search_cpu = (time.process_time() - cpu) / len(queries)
        search_server_cpu = (_server_cpu(backends) - server_cpu) / len(queries)
        search_load = _load()

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

        cpu, server_cpu = time.process_time(), _server_cpu(backends)
        listed = measure(whole_network, 5)
        listed_cpu = (time.process_time() - cpu) / len(listed)
        listed_server_cpu = (_server_cpu(backends) - server_cpu) / len(listed)
        listed_load = _load()
    return [
        Result(
            "server search: p95 (200 queries)",
            p95(times) * ms,
            "ms",
            target="< 50 ms",
            ok=p95(times) * ms < 50,
        ),
        _cpu("server search: mean per query", search_cpu, search_load),
        *_server_result("server search: mean per query", search_server_cpu),
        Result(
            f"server: a network of {NETWORK:,} actors listed",
            median(listed) * ms,
            "ms",
            target="< 100 ms",
            ok=median(listed) * ms < 100,
        ),
        _cpu(f"server: a network of {NETWORK:,} listed", listed_cpu, listed_load),
        *_server_result(f"server: a network of {NETWORK:,} listed", listed_server_cpu),
    ]


def _sync(address: ServerAddress, folder: Path) -> list[Result]:
    laptop_path = folder / "bench-sync-laptop.verkosto"
    for leftover in folder.glob("bench-sync-laptop.verkosto*"):
        leftover.unlink()
    with ServerStore.connect(address) as server, Store.open(laptop_path) as laptop:
        assert isinstance(server, ServerStore)
        _, first, first_cpu, first_load = _timed(lambda: sync(laptop, server, backup=False))
        ids = sorted(search_actor_ids(laptop, ActorFilter()))[:100]
        for number, actor_id in enumerate(ids):
            actors.update_actor(laptop, actor_id, {"area": f"Laptop {number}"})
        result, up, up_cpu, up_load = _timed(lambda: sync(laptop, server, backup=False))
        pushed = result.pushed.changes
        for number, actor_id in enumerate(ids):
            actors.update_actor(server, actor_id, {"area": f"Server {number}"})
        result, down, down_cpu, down_load = _timed(lambda: sync(laptop, server, backup=False))
        pulled = result.pulled.changes
        for number, actor_id in enumerate(ids):
            actors.update_actor(server, actor_id, {"area": f"Taas {number}"})
        _, backed, _cpu_s, backed_load = _timed(lambda: sync(laptop, server))
    assert pushed >= 100 and pulled >= 100, (pushed, pulled)
    return [
        Result(
            f"server sync: first, {SYNCED:,} actors to an empty laptop",
            first,
            "s",
            target="< 30 s",
            ok=first < 30,
        ),
        _cpu("server sync: first", first_cpu, first_load),
        Result(
            "server sync: 100 changes laptop → server", up * ms, "ms", target="< 1000 ms", ok=up < 1
        ),
        _cpu("server sync: 100 changes up", up_cpu, up_load),
        Result(
            "server sync: 100 changes server → laptop",
            down * ms,
            "ms",
            target="< 1000 ms",
            ok=down < 1,
        ),
        _cpu("server sync: 100 changes down", down_cpu, down_load),
        Result(
            f"server sync: 100 changes down, backup first (load {backed_load:.1f})",
            backed * ms,
            "ms",
        ),
    ]


def _first_push(url: str, name: str, ctx: BenchContext) -> list[Result]:
    """A laptop that has never synced sends its whole register to an empty regional register:
    what a network does once when its region's server is set up."""
    laptop_path = ctx.copy_of(ctx.large_demo(), "bench-push-laptop.verkosto")
    address = _database(url, name)
    init_register(address)
    with ServerStore.connect(address) as server, Store.open(laptop_path) as laptop:
        assert isinstance(server, ServerStore)
        backends = _backends(server)
        server_cpu = _server_cpu(backends)
        result, wall, cpu, load = _timed(lambda: sync(laptop, server, backup=False))
        backends = sorted(set(backends) | set(_backends(server)))
        pushed_server_cpu = _server_cpu(backends) - server_cpu
    assert result.pushed.new >= SYNCED, result.pushed
    return [
        Result(f"server sync: first push, a {SYNCED:,}-actor laptop to an empty server", wall, "s"),
        _cpu("server sync: first push", cpu, load),
        *_server_result("server sync: first push", pushed_server_cpu),
    ]


def run(ctx: BenchContext) -> list[Result]:
    url = os.environ.get("VERKOSTO_TEST_PG", "").strip()
    if not url:
        print("bench_server: skipped: no PostgreSQL server (set VERKOSTO_TEST_PG)", file=sys.stderr)
        return []
    size = int(os.environ.get("VERKOSTO_BENCH_SERVER_ACTORS", "100000"))
    names = tuple(f"vk_bench_{what}_{os.getpid()}" for what in ("search", "sync", "push"))
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
        results += _first_push(url, names[2], ctx)
    finally:
        for name in names:
            _database(url, name, drop=True)
    return results
