"""The register window on the generated registers (10,000 and 100,000 actors).

- Start-up: from process start to the register's first rows painted (the first paint, before the
  data layer is loaded; see ``startup``), and to the main window built and taking input, against
  a bare PySide6 window shown the same way; each in a fresh process, alternating, median of a few
  runs; wall-clock and the process's own CPU time.
- Memory: resident set size once the window is up, against the bare window.
- Search: one keystroke in the search box until the table shows the new rows (the query, the
  model reset, the first page of rows and a repaint), over realistic queries; median and p95.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from benchmarks.common import BenchContext, Result, Size, median, p95

RUNS = 5
WINDOW = (1280, 800)

_READY = """
def rss_mb():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def ready(window):
    from PySide6.QtTest import QTest
    window.resize(*WINDOW)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QApplication.processEvents()
    window.grab()  # the first full paint, rows included
    import time
    print("READY", rss_mb(), time.process_time(), flush=True)
"""

BARE = f"""
import sys
WINDOW = {WINDOW!r}
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
{_READY}
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Verkosto"))
ready(window)
"""

REGISTER = f"""
import sys
WINDOW = {WINDOW!r}
{_READY}
# The real entry point, as `verkosto --database FILE` runs it (language, theme, settings, the
# controller, the location warning); only the event loop is replaced by the first paint.
import time
from PySide6.QtWidgets import QApplication
from verkosto_desktop.cli import main
from verkosto_desktop.ui.register.first_paint_view import FirstPaintWindow

def painted(self):
    # The first rows are on screen (painted synchronously, before the data layer is imported).
    assert self.model.rowCount() > 0 and "sqlalchemy" not in sys.modules
    print("PAINTED", time.process_time(), flush=True)

FirstPaintWindow.painted = painted

def first_paint(*_args):
    from verkosto_desktop.ui.main_window import MainWindow
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    section = window.section("register")
    assert window.current_section() == "register"  # the window opens where it was left
    assert section is not None and section.model.rowCount() > 0
    ready(window)
    return 0

QApplication.exec = first_paint
sys.exit(main(["--database", sys.argv[1]]))
"""


@dataclass(frozen=True)
class _Start:
    """One start: seconds (wall and the process's CPU) to the first rows painted and to the
    window ready, and the RSS (MB) then. Without a first paint, it is the ready window."""

    painted: float
    painted_cpu: float
    ready: float
    ready_cpu: float
    rss: float


def _start(script: str, *args: str, home: Path) -> _Start:
    """Start ``script`` in a fresh process and time it."""
    env = dict(os.environ, VERKOSTO_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    # An installed program starts from compiled .pyc files; a shell that forbids writing them
    # would make every measured start recompile the whole package.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    painted: tuple[float, float] | None = None
    for line in process.stdout:
        if line.startswith("PAINTED"):
            painted = (time.perf_counter() - started, float(line.split()[1]))
        if line.startswith("READY"):
            elapsed = time.perf_counter() - started
            process.kill()
            process.wait()
            _word, rss, cpu = line.split()
            first = painted or (elapsed, float(cpu))
            return _Start(first[0], first[1], elapsed, float(cpu), float(rss))
    process.wait()
    raise RuntimeError(f"the benchmark process ended without getting ready ({process.returncode})")


def _queries(path: Path, count: int = 24) -> list[str]:
    """What coordinators type: name fragments, surnames, phone digits, capability words."""
    rng = random.Random(11)
    connection = sqlite3.connect(path)
    try:
        names = [r[0] for r in connection.execute("SELECT name FROM actor ORDER BY id LIMIT 300")]
        people = [
            r[0] for r in connection.execute("SELECT name FROM contact ORDER BY id LIMIT 300")
        ]
        phones = [
            r[0]
            for r in connection.execute(
                "SELECT mobile FROM contact WHERE mobile IS NOT NULL ORDER BY id LIMIT 300"
            )
        ]
    finally:
        connection.close()
    words = ["ensiapu", "aggregaatti", "kerho", "keskusta", "muonitus", "ylikyla"]
    queries: list[str] = []
    while len(queries) < count:
        kind = len(queries) % 4
        if kind == 0:
            queries.append(rng.choice(names).split()[0][:7])
        elif kind == 1:
            queries.append(rng.choice(people).split()[-1][:6])
        elif kind == 2:
            national = "0" + rng.choice(phones)[4:]
            queries.append(f"{national[:3]} {national[3:6]}")
        else:
            queries.append(rng.choice(words))
    return queries


class _PaintCounter(QObject):
    """Counts the table's paint events, to check that each measured keystroke repainted it."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _keystrokes(path: Path, home: Path) -> tuple[list[float], list[float]]:
    """Seconds per keystroke, from the key to the repainted table, and the CPU seconds of this
    process in the same spans (what they would be on a machine nobody else is using)."""
    os.environ["VERKOSTO_HOME"] = str(home)
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from verkosto_desktop.app import build_window
    from verkosto_desktop.i18n import set_language
    from verkosto_desktop.ui.register.section import RegisterSection
    from verkosto_desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    set_language("fi")
    apply_theme(app)
    window = build_window(path)
    window.resize(*WINDOW)
    window.show()
    QTest.qWaitForWindowExposed(window)
    section = window.show_section("register")
    assert isinstance(section, RegisterSection)
    # Steady state: the backup made when a file is opened runs in the background (about a
    # second on 10,000 actors, a minute on a busy machine with 100,000); typing is measured
    # after it.
    from verkosto_desktop.ui.storage.controller import BackupController

    for controller in window.findChildren(BackupController):
        deadline = time.perf_counter() + 900
        while controller.busy and time.perf_counter() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.02)
    search = section.filter_bar.search
    search.setFocus()
    counter = _PaintCounter()
    # The table, or the "nothing matches" page shown in its place.
    pages = section.table.parentWidget()
    assert pages is not None
    for widget in (section.table.viewport(), *pages.findChildren(QWidget)):
        widget.installEventFilter(counter)
    times: list[float] = []
    cpu: list[float] = []
    try:
        for query in _queries(path):
            search.clear()
            QCoreApplication.processEvents()
            for char in query:
                painted = counter.paints
                started, used = time.perf_counter(), time.process_time()
                if char.isascii():
                    QTest.keyClick(search, char)
                else:  # QTest cannot type non-ASCII in PySide6 6.12; insert() is the same edit
                    search.insert(char)
                # What the event loop does next: lay the table out again and paint it. The
                # platform may hold the paint for its next frame; paint now instead of waiting.
                QCoreApplication.processEvents()
                if counter.paints == painted:
                    shown = section.table.viewport() if section.model.rowCount() else pages
                    shown.repaint()
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - used)
                if counter.paints == painted:
                    raise RuntimeError("the table was not repainted after a keystroke")
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    return times, cpu


def run(ctx: BenchContext) -> list[Result]:
    return [result for size in ctx.sizes() for result in _run(ctx, size)]


def _run(ctx: BenchContext, size: Size) -> list[Result]:
    database = ctx.copy_of(ctx.generated(size), "register-bench.verkosto")
    with tempfile.TemporaryDirectory(prefix="verkosto-bench-") as folder:
        home = Path(folder)
        # A coordinator who works in the register: the window opens on it, as it was left.
        (home / "settings").mkdir(parents=True, exist_ok=True)
        (home / "settings" / "verkosto.ini").write_text("[window]\nsection=register\n")
        # One unmeasured start of each warms the file cache and writes the .pyc files.
        _start(BARE, home=home)
        _start(REGISTER, str(database), home=home)
        bare: list[_Start] = []
        register: list[_Start] = []
        for _ in range(RUNS):
            bare.append(_start(BARE, home=home))
            register.append(_start(REGISTER, str(database), home=home))
        keys, keys_cpu = _keystrokes(database, home)
    for leftover in ctx.folder.glob("register-bench.verkosto*"):
        leftover.unlink()
    start_bare = median([s.ready for s in bare])
    bare_cpu = median([s.ready_cpu for s in bare])
    start_register = median([s.painted for s in register])
    register_cpu = median([s.painted_cpu for s in register])
    rss_bare = median([s.rss for s in bare])
    rss_register = median([s.rss for s in register])
    key_median, key_p95 = median(keys) * 1000, p95(keys) * 1000
    # At most 3x a bare window on 10,000 actors, 4x on 100,000.
    times = 3 if size.actors <= 10_000 else 4
    label = size.label
    return [
        Result(
            "register: start-up until its rows are painted",
            start_register,
            "s",
            baseline=start_bare,
            target=f"< {times}x bare, < 2 s",
            ok=start_register < 2.0 and start_register < times * start_bare,
            size=label,
        ),
        Result(
            "register: start-up until its rows are painted, CPU",
            register_cpu,
            "s",
            baseline=bare_cpu,
            target=f"< {times}x bare",
            ok=register_cpu < times * bare_cpu,
            size=label,
        ),
        Result(
            "register: start-up until the whole window takes input",
            median([s.ready for s in register]),
            "s",
            baseline=start_bare,
            size=label,
        ),
        Result(
            "register: memory after loading (RSS)",
            rss_register,
            "MB",
            baseline=rss_bare,
            target="< bare + 150 MB",
            ok=rss_register - rss_bare < 150,
            size=label,
        ),
        Result(
            f"register: search per keystroke, median ({len(keys)} keys)",
            key_median,
            "ms",
            size=label,
        ),
        Result(
            "register: search per keystroke, p95",
            key_p95,
            "ms",
            target="< 50 ms",
            ok=key_p95 < 50,
            size=label,
        ),
        Result(
            "register: search per keystroke, CPU p95",
            p95(keys_cpu) * 1000,
            "ms",
            size=label,
        ),
    ]
