"""What every benchmark shares: results, cached demo databases, timing helpers."""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from verkosto_desktop.data.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"


@dataclass(frozen=True)
class Result:
    """One measured figure, optionally with the baseline measured in the same run."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    target: str = ""
    ok: bool | None = None
    # The register the figure was measured on ("10k", "100k"); empty when it has no size.
    size: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]


@dataclass(frozen=True)
class Size:
    """A generated register the benchmarks run on."""

    label: str  # "10k", "100k": the column of the table
    actors: int


LARGE = Size("10k", 10_000)
NATIONAL = Size("100k", 100_000)
SIZES = (LARGE, NATIONAL)


def _generator_version() -> str:
    """Changes whenever the generated file would: the generator's code, the demo's story and
    the schema (its migration files)."""
    from verkosto_desktop.data import demo
    from verkosto_desktop.data.storage.migrate import MIGRATIONS

    digest = hashlib.sha256()
    sources = sorted(Path(demo.__file__).parent.glob("*.py"))
    sources += sorted((MIGRATIONS / "versions").glob("*.py"))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


@dataclass
class BenchContext:
    """Shared state of one ``make bench`` run (cached demo files live in ``bench-results/``,
    named after the generator's version so that a changed generator or schema writes anew).

    ``VERKOSTO_BENCH_SIZES=10k`` (or ``100k``) runs the sized benchmarks on one register only.
    """

    folder: Path = field(default_factory=lambda: RESULTS)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.version = _generator_version()

    def sizes(self) -> Iterator[Size]:
        """The registers to measure on, smallest first."""
        wanted = os.environ.get("VERKOSTO_BENCH_SIZES", "")
        chosen = {w.strip() for w in wanted.split(",") if w.strip()}
        for size in SIZES:
            if not chosen or size.label in chosen:
                yield size

    def generated(self, size: Size) -> Path:
        """A generated register of ``size`` actors, written once per generator version and reused
        (copy it before writing)."""
        from verkosto_desktop.data.demo import write_large_demo

        return self._cached(
            f"demo-{size.actors}", lambda store: write_large_demo(store, actors=size.actors)
        )

    def large_demo(self) -> Path:
        """A 10,000-actor demo database, written once and reused (copy it before writing)."""
        return self.generated(LARGE)

    def small_demo(self) -> Path:
        """The Esimerkkilä demo database, written once and reused (copy it before writing)."""
        from verkosto_desktop.data.demo import write_small_demo

        return self._cached("small-demo", write_small_demo)

    def _cached(self, name: str, write: Callable[[Store], object]) -> Path:
        path = self.folder / f"{name}-{self.version}.verkosto"
        if not path.exists():
            # Files of older generator versions are of no more use.
            for old in self.folder.glob(f"{name}-*.verkosto"):
                old.unlink()
            # Written under another name and renamed, so an interrupted run leaves no half file.
            partial = path.with_suffix(".partial")
            for leftover in self.folder.glob(f"{name}-*.partial*"):
                leftover.unlink()
            started = time.perf_counter()
            with Store.open(partial) as store:
                write(store)
            partial.rename(path)
            seconds = time.perf_counter() - started
            print(
                f"  wrote {path.name} in {seconds:.0f} s (kept for later runs)",
                file=sys.stderr,
                flush=True,
            )
        return path

    def copy_of(self, source: Path, name: str) -> Path:
        """A private copy of a cached database, for benchmarks that write."""
        target = self.folder / name
        # A journal or lock left by an earlier run's killed process would be read as this
        # copy's own (a stale WAL makes the fresh copy look damaged).
        for leftover in self.folder.glob(name + "[-.]*"):
            leftover.unlink()
        shutil.copy(source, target)
        return target


def measure(fn: Callable[[], object], repeat: int) -> list[float]:
    """Run ``fn`` ``repeat`` times; the seconds each run took."""
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def measure_cpu(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Run ``fn`` ``repeat`` times; the seconds each run took, and the CPU seconds of this
    process (what the figure would be on a machine nobody else is using)."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        start, used = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return wall, cpu


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    index = max(0, math.ceil(0.95 * len(ordered)) - 1)
    return ordered[index]
