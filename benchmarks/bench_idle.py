"""An idle window must let the laptop sleep: over 10 s with the demo open and nobody touching it,
CPU time used (target under 0.05 s) and wake-ups per second (context switches of all the
program's threads from ``/proc``; target at most 1/s). The program is started for real, as
``verkosto --database FILE`` does, offscreen; a bare Qt window measured the same way is the
baseline.

Run as a module with ``--child FILE`` (or ``--bare``) it is the measured program itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import BenchContext, Result

IDLE_SECONDS = 10.0
# First paint, the backup made on opening, and the text cursor coming to rest (10 s).
SETTLE_SECONDS = 12.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of the line (11 and 12 after the command name).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _context_switches(pid: int) -> int:
    """Voluntary and involuntary context switches of every thread of the process."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            for line in (task / "status").read_text().splitlines():
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
        except OSError:  # a thread that ended meanwhile
            continue
    return total


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if line.strip() != "shown":
            raise RuntimeError(f"the program did not start: {line!r}")
        time.sleep(SETTLE_SECONDS)
        cpu, switches = _cpu_seconds(process.pid), _context_switches(process.pid)
        time.sleep(IDLE_SECONDS)
        cpu = _cpu_seconds(process.pid) - cpu
        wakeups = (_context_switches(process.pid) - switches) / IDLE_SECONDS
        return cpu, wakeups
    finally:
        process.terminate()
        process.wait(timeout=30)


def run(ctx: BenchContext) -> list[Result]:
    database = ctx.copy_of(ctx.small_demo(), "idle-demo.verkosto")
    with tempfile.TemporaryDirectory(prefix="verkosto-idle-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VERKOSTO_HOME": home}
        app_cpu, app_wakeups = _measure(
            [sys.executable, "-m", "benchmarks.bench_idle", "--child", str(database)], env
        )
        bare_cpu, bare_wakeups = _measure(
            [sys.executable, "-m", "benchmarks.bench_idle", "--bare"], env
        )
    return [
        Result(
            "idle CPU, 10 s with the demo open",
            app_cpu,
            "s",
            baseline=bare_cpu,
            target="< 0.05 s",
            ok=app_cpu < 0.05,
        ),
        Result(
            "idle wake-ups, demo open",
            app_wakeups,
            "/s",
            baseline=bare_wakeups,
            target="<= 1/s",
            ok=app_wakeups <= 1.0,
        ),
    ]


def _child(database: Path | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    # Printed once the event loop runs, i.e. after the window was built and shown.
    QTimer.singleShot(0, lambda: print("shown", flush=True))
    if database is None:
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        return app.exec()
    from verkosto_desktop.app import run_gui

    return run_gui(database)


if __name__ == "__main__":
    if "--bare" in sys.argv:
        sys.exit(_child(None))
    sys.exit(_child(Path(sys.argv[sys.argv.index("--child") + 1])))
