"""The frozen Linux program (``make dist``) beside the source install, in one run.

- Start-up: ``verkosto --database FILE --self-test`` on the 10,000-actor demo, from process start
  until the program says the register is shown, for the frozen executable and for the source
  install's ``verkosto`` entry point (compiled ``.pyc`` files, as an installed program starts);
  each in a fresh process, alternating, median of a few runs.
- Sizes: the portable archive, the program unpacked, the .deb.

The build is made first when it is missing or its inputs changed (``freeze.build_key``), as
``make dist`` makes it: a few minutes on this machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, BenchContext, Result, median

RUNS = 5
ARCHIVE_BUDGET_MB = 80
UNPACKED_BUDGET_MB = 200


def _build() -> tuple[Path, Path, Path, Path]:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build_linux
        import freeze
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    folder, archive, deb = build_linux.build(reuse=True)
    return freeze.executable(), folder, archive, deb


def _start(command: list[str], home: Path) -> float:
    """Seconds from process start to the start-up check's line on stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VERKOSTO_", "PYTHON"))}
    env.update(VERKOSTO_HOME=str(home), QT_QPA_PLATFORM="offscreen", VERKOSTO_LANG="en")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait()
    if process.returncode != 0 or not line.startswith("Start-up check passed"):
        raise RuntimeError(f"{command[0]} failed its start-up check ({process.returncode})")
    return elapsed


def _unpacked_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir()) / 1e6


def run(ctx: BenchContext) -> list[Result]:
    executable, folder, archive, deb = _build()
    source = Path(sys.executable).with_name("verkosto")
    database = ctx.copy_of(ctx.large_demo(), "frozen-bench.verkosto")
    with tempfile.TemporaryDirectory(prefix="verkosto-bench-") as name:
        home = Path(name)
        (home / "settings").mkdir(parents=True)
        (home / "settings" / "verkosto.ini").write_text("[window]\nsection=register\n")
        frozen_cmd = [str(executable), "--database", str(database), "--self-test"]
        source_cmd = [str(source), "--database", str(database), "--self-test"]
        # One unmeasured start of each warms the file cache and writes the .pyc files.
        _start(frozen_cmd, home)
        _start(source_cmd, home)
        frozen: list[float] = []
        installed: list[float] = []
        for _ in range(RUNS):
            frozen.append(_start(frozen_cmd, home))
            installed.append(_start(source_cmd, home))
    start_frozen, start_source = median(frozen), median(installed)
    archive_mb = archive.stat().st_size / 1e6
    unpacked_mb = _unpacked_mb(folder)
    return [
        Result(
            "frozen: start-up until the register is shown (10k actors)",
            start_frozen,
            "s",
            baseline=start_source,
            target="<= 1.3x source install",
            ok=start_frozen <= 1.3 * start_source,
        ),
        Result(
            "frozen: portable archive (tar.gz)",
            archive_mb,
            "MB",
            target=f"<= {ARCHIVE_BUDGET_MB} MB",
            ok=archive_mb <= ARCHIVE_BUDGET_MB,
        ),
        Result(
            "frozen: program unpacked",
            unpacked_mb,
            "MB",
            target=f"<= {UNPACKED_BUDGET_MB} MB",
            ok=unpacked_mb <= UNPACKED_BUDGET_MB,
        ),
        Result("frozen: Debian package (.deb)", deb.stat().st_size / 1e6, "MB"),
    ]
