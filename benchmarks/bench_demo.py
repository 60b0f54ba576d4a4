"""Writing the large demo register (target: under 60 s)."""

from __future__ import annotations

import time

from benchmarks.common import BenchContext, Result
from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.storage.store import Store


def run(ctx: BenchContext) -> list[Result]:
    path = ctx.folder / "demo-timing.verkosto"
    for leftover in ctx.folder.glob("demo-timing.verkosto*"):
        leftover.unlink()
    start = time.perf_counter()
    with Store.open(path) as store:
        write_large_demo(store)
    seconds = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    for leftover in ctx.folder.glob("demo-timing.verkosto*"):
        leftover.unlink()
    return [
        Result(
            "demo --size large: write 10,000 actors", seconds, "s", target="< 60 s", ok=seconds < 60
        ),
        Result("demo --size large: file size", size, "MB"),
    ]
