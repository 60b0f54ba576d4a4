"""Sharing between laptops on the large demo (10,000 actors): a full bundle written (time, and
size against the database's), merged into a copy that has 1,000 differing edits, an
incremental bundle of 100 edits written and merged, and what the clock and change bookkeeping
adds to one edit (edits with and without it, interleaved in one run)."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from benchmarks.common import BenchContext, Result
from verkosto_desktop.data.exchange import bundle, crypto
from verkosto_desktop.data.exchange.site import this_site
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store

PASSPHRASE = "benchmark passphrase of four words"
EDITS = 200


def _fresh(ctx: BenchContext, name: str) -> Path:
    target = ctx.folder / name
    for leftover in ctx.folder.glob(f"{name}*"):
        leftover.unlink()
    shutil.copy(ctx.large_demo(), target)
    return target


def _edit_cost(path: Path) -> tuple[float, float]:
    """Median seconds of one edit with and without the change log (alternating)."""
    from verkosto_desktop.data.exchange import changes

    real_begin = changes.begin
    with Store.open(path) as store:
        ids = search_actor_ids(store, ActorFilter())[: EDITS * 2]
        timed: dict[bool, list[float]] = {True: [], False: []}
        for i, actor_id in enumerate(ids):
            tracked = i % 2 == 0
            changes.begin = real_begin if tracked else (lambda session: None)  # type: ignore[assignment]
            try:
                start = time.perf_counter()
                actors.update_actor(store, actor_id, {"notes": f"muokkaus {i}"})
                timed[tracked].append(time.perf_counter() - start)
            finally:
                changes.begin = real_begin  # type: ignore[assignment]
    return statistics.median(timed[True]), statistics.median(timed[False])


def _kdf_seconds() -> float:
    start = time.perf_counter()
    crypto._derive(PASSPHRASE, b"0123456789abcdef", crypto.DEFAULT_COST)
    return time.perf_counter() - start


def run(ctx: BenchContext) -> list[Result]:
    results: list[Result] = []
    a_path, b_path = _fresh(ctx, "exchange-a.verkosto"), _fresh(ctx, "exchange-b.verkosto")
    size = a_path.stat().st_size
    kdf = _kdf_seconds()
    results.append(
        Result("exchange: scrypt key derivation (once per bundle written or read)", kdf, "s")
    )
    with Store.open(a_path) as a, Store.open(b_path) as b:
        ids = search_actor_ids(b, ActorFilter())
        for i, actor_id in enumerate(ids[:1000]):
            actors.update_actor(b, actor_id, {"area": f"Muutettu {i}"})
        for i, actor_id in enumerate(ids[1000:2000]):
            actors.update_actor(a, actor_id, {"notes": f"Toisella koneella {i}"})
        target = ctx.folder / "exchange-full.verkostobundle"
        start, cpu = time.perf_counter(), time.process_time()
        written = bundle.write_bundle(a, target, PASSPHRASE, full=True)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        results.append(
            Result(
                "exchange: full bundle written (first: every record's snapshot)",
                seconds,
                "s",
                target="<= 5 s",
                ok=seconds <= 5,
            )
        )
        results.append(Result("exchange: ... its CPU time (this process)", cpu, "s"))
        start = time.perf_counter()
        bundle.write_bundle(a, target, PASSPHRASE, full=True)
        results.append(
            Result("exchange: full bundle written again", time.perf_counter() - start, "s")
        )
        share = written.size / size
        results.append(
            Result(
                "exchange: full bundle size / database size",
                share,
                "",
                baseline=None,
                target="<= 0.33",
                ok=share <= 1 / 3,
            )
        )
        results.append(
            Result("exchange: full bundle size", written.size / 1e6, "MB", baseline=size / 1e6)
        )
        start, cpu = time.perf_counter(), time.process_time()
        summary = bundle.receive_bundle(b, target, PASSPHRASE, backup=False)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert summary.changed == 1000, summary
        results.append(
            Result(
                "exchange: full bundle (1,000 edits) merged into a copy with 1,000 others",
                seconds,
                "s",
                target="<= 10 s",
                ok=seconds <= 10,
            )
        )
        results.append(Result("exchange: ... its CPU time (this process)", cpu, "s"))
        # B answers, so A knows what B holds and the next bundle is incremental.
        back = ctx.folder / "exchange-back.verkostobundle"
        bundle.write_bundle(b, back, PASSPHRASE, peer=this_site(a).uuid)
        bundle.receive_bundle(a, back, PASSPHRASE, backup=False)
        for i, actor_id in enumerate(ids[2000:2100]):
            actors.update_actor(a, actor_id, {"notes": f"Sadas muutos {i}"})
        start, cpu = time.perf_counter(), time.process_time()
        small = ctx.folder / "exchange-100.verkostobundle"
        sent = bundle.write_bundle(a, small, PASSPHRASE, peer=this_site(b).uuid)
        merged = bundle.receive_bundle(b, small, PASSPHRASE, backup=False)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert not sent.full and merged.changed == 100, (sent, merged)
        results.append(
            Result(
                "exchange: incremental bundle of 100 edits written and merged",
                seconds,
                "s",
                baseline=2 * kdf,
                target="<= 1 s",
                ok=seconds <= 1,
            )
        )
        results.append(Result("exchange: ... its CPU time (this process)", cpu, "s"))
    with_log, without = _edit_cost(_fresh(ctx, "exchange-edit.verkosto"))
    results.append(
        Result(
            "exchange: one edit with the clock and change log (vs without)",
            with_log * 1000,
            "ms",
            baseline=without * 1000,
            target="<= 1.2x",
            ok=with_log <= 1.2 * without,
        )
    )
    for leftover in ctx.folder.glob("exchange-*"):
        leftover.unlink()
    return results
