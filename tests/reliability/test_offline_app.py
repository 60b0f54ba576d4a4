"""No network, low power: the whole program runs under a ban on network sockets (the suite's
Python-level guard here; a kernel-level one in a worker, which native code cannot slip past),
and an idle window keeps no polling timer."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reliability_harness import WORKERS, Worker, tally

from verkosto_desktop.app import build_window

sys.path.insert(0, str(WORKERS))
from offline_tour import check_documents, check_sections, print_every_document, visit_sections


def test_full_app_visits_every_section_and_prints_every_document_under_the_socket_guard(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import socket

    with pytest.raises(RuntimeError):  # the suite's guard is in place for this test too
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    window = build_window(tmp_path / "demo.verkosto", demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    app = QApplication.instance()
    assert app is not None
    check_sections(visit_sections(window, app.processEvents))
    check_documents(print_every_document(window, tmp_path, app.processEvents))
    window.close()


def _guarded(worker: Callable[..., Worker], folder: Path, *args: str) -> Worker:
    process = worker("offline_app.py", str(folder), *args)
    first = process.receive()
    if first.get("unavailable"):
        pytest.skip("seccomp is not available on this machine")
    assert first == {"guarded": True}
    return process


def test_the_kernel_guard_really_stops_network_sockets(
    tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    process = _guarded(worker, tmp_path, "--self-test")
    assert process.process.wait(timeout=60) == -signal.SIGSYS


def test_no_network_socket_even_from_native_code(
    tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    process = _guarded(worker, tmp_path)
    code = process.process.wait(timeout=120)
    assert code != -signal.SIGSYS, (
        "a network socket was attempted (run the worker under strace -f -e socket to see which)"
    )
    assert code == 0, process.process.stderr.read() if process.process.stderr else ""
    result = process.receive()
    assert result["done"]
    check_sections(result["visited"])
    check_documents({name: Path(path) for name, path in result["documents"].items()})
    tally("full-app runs under the kernel network ban")


def test_an_idle_window_keeps_no_polling_timer(qtbot: QtBot, tmp_path: Path) -> None:
    window = build_window(tmp_path / "demo.verkosto", demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    app = QApplication.instance()
    assert app is not None

    def short_timers() -> list[tuple[str, int, bool]]:
        timers = {t for w in [app, *QApplication.topLevelWidgets()] for t in w.findChildren(QTimer)}
        # Clock labels (an incident's elapsed time) may tick once a minute; nothing faster.
        return [
            (t.objectName(), t.interval(), t.isSingleShot())
            for t in timers
            if t.isActive() and t.interval() < 30_000
        ]

    # What the opening window starts once (a debounce, a deferred first read) ends on its own,
    # later on a loaded machine; a polling timer never does.
    try:
        qtbot.waitUntil(lambda: short_timers() == [], timeout=10_000)
    except AssertionError:
        assert short_timers() == []  # says which
    window.close()


def test_the_text_cursor_stops_blinking_when_idle_and_blinks_again_on_input(
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLineEdit

    from verkosto_desktop.ui.idle import CursorRest

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    hints = QGuiApplication.styleHints()
    flash = hints.cursorFlashTime()
    assert flash > 0  # no other cursor rest is resting (see conftest)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    rest = CursorRest(app, rest_after_ms=100)
    try:
        qtbot.waitUntil(lambda: rest.resting, timeout=5000)
        assert hints.cursorFlashTime() == 0
        qtbot.keyClick(field, Qt.Key.Key_A)
        assert not rest.resting and hints.cursorFlashTime() == flash
        assert field.text() == "a"
        # Retired while resting (a window closing for good), the cursor blinks again.
        qtbot.waitUntil(lambda: rest.resting, timeout=5000)
        rest.retire()
        assert hints.cursorFlashTime() == flash
        qtbot.wait(300)
        assert hints.cursorFlashTime() == flash
    finally:
        hints.setCursorFlashTime(flash)
