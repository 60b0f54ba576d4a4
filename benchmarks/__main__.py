"""``python -m benchmarks [name …]``: run every ``bench_*.py`` (or those named); print a table."""

from __future__ import annotations

import importlib
import sys
import time
import traceback

from benchmarks.common import ROOT, BenchContext, Result


def _modules(names: list[str]) -> list[str]:
    found = sorted(p.stem for p in (ROOT / "benchmarks").glob("bench_*.py"))
    if names:
        found = [m for m in found if any(m == f"bench_{n}" or m == n for n in names)]
    return found


def _format(result: Result) -> list[str]:
    def number(value: float | None) -> str:
        if value is None:
            return ""
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"

    ratio = result.ratio
    verdict = {True: "ok", False: "MISSED", None: ""}[result.ok]
    return [
        result.name,
        result.size,
        f"{number(result.value)} {result.unit}",
        f"{number(result.baseline)} {result.unit}" if result.baseline is not None else "",
        f"{ratio:.2f}x" if ratio is not None else "",
        result.target,
        verdict,
    ]


def main(argv: list[str]) -> int:
    context = BenchContext()
    rows: list[list[str]] = []
    failed = False
    for name in _modules(argv):
        module = importlib.import_module(f"benchmarks.{name}")
        started = time.perf_counter()
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            results = module.run(context)
        except Exception:
            traceback.print_exc()
            rows.append([name, "", "ERROR", "", "", "", "MISSED"])
            failed = True
            continue
        rows.extend(_format(r) for r in results)
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    header = ["benchmark", "size", "value", "baseline", "ratio", "target", ""]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
