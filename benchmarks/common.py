"""What every benchmark shares: results, cached demo databases, timing helpers."""

from __future__ import annotations

import math
import shutil
import statistics
import time
from collections.abc import Callable
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

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]


@dataclass
class BenchContext:
    """Shared state of one ``make bench`` run (cached demo files live in ``bench-results/``)."""

    folder: Path = field(default_factory=lambda: RESULTS)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def large_demo(self) -> Path:
        """A 10,000-actor demo database, written once and reused (copy it before writing)."""
        from verkosto_desktop.data.demo import write_large_demo

        return self._cached("large-demo", write_large_demo)

    def small_demo(self) -> Path:
        """The Esimerkkilä demo database, written once and reused (copy it before writing)."""
        from verkosto_desktop.data.demo import write_small_demo

        return self._cached("small-demo", write_small_demo)

    def _cached(self, name: str, write: Callable[[Store], object]) -> Path:
        path = self.folder / f"{name}.verkosto"
        if not path.exists():
            # Written under another name and renamed, so an interrupted run leaves no half file.
            partial = path.with_suffix(".partial")
            for leftover in self.folder.glob(f"{name}.partial*"):
                leftover.unlink()
            with Store.open(partial) as store:
                write(store)
            partial.rename(path)
        return path

    def copy_of(self, source: Path, name: str) -> Path:
        """A private copy of a cached database, for benchmarks that write."""
        target = self.folder / name
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


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    index = max(0, math.ceil(0.95 * len(ordered)) - 1)
    return ordered[index]
