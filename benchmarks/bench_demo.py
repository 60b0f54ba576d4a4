"""Writing the generated registers (target: under 60 s, also for 100,000 actors), and the size
of the file written."""

from __future__ import annotations

import time

from benchmarks.common import BenchContext, Result
from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.storage.store import Store


def run(ctx: BenchContext) -> list[Result]:
    results: list[Result] = []
    for size in ctx.sizes():
        path = ctx.folder / "demo-timing.verkosto"
        for leftover in ctx.folder.glob("demo-timing.verkosto*"):
            leftover.unlink()
        start, used = time.perf_counter(), time.process_time()
        with Store.open(path) as store:
            write_large_demo(store, actors=size.actors)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - used
        size_mb = path.stat().st_size / 1e6
        for leftover in ctx.folder.glob("demo-timing.verkosto*"):
            leftover.unlink()
        per_actor = size_mb * 1e6 / size.actors / 1000
        results += [
            Result(
                f"demo: write {size.actors:,} actors",
                seconds,
                "s",
                target="< 60 s",
                ok=seconds < 60,
                size=size.label,
            ),
            Result("demo: same, CPU of this process", cpu, "s", size=size.label),
            Result("demo: file size", size_mb, "MB", size=size.label),
            Result(
                "demo: file size per actor",
                per_actor,
                "KB",
                target="<= 4 KB",
                ok=per_actor <= 4,
                size=size.label,
            ),
        ]
    return results
