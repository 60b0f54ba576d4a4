"""``verkosto --self-test``: open the window, wait until the register is shown, close, exit 0.

For an installed or frozen program, where no test code can be injected: it proves that the
window starts on this machine (Qt's plugins, the fonts, the catalogs, the file and its
migrations), and the time it takes is the program's real start-up. It goes through the same
``run_gui`` as a normal start; only the register is brought to the front, and the section the
user had open is put back before closing, so the settings stay as they were.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from verkosto_desktop.i18n import _
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.section import RegisterSection

POLL_MS = 10
TIMEOUT_S = 60.0


class StartupCheck(QObject):
    """Watches ``window`` until its register has painted its rows, then closes it; ``run``
    answers 0 (and a line on stdout), or 1 (and the reason on stderr) after ``timeout``.

    It runs its own event loop instead of the application's: ``QApplication.exit`` would leave
    every later event loop of the process ending at once (which a test suite would notice).
    """

    def __init__(self, app: QApplication, window: MainWindow, timeout: float = TIMEOUT_S) -> None:
        super().__init__(app)
        self.app = app
        self.window = window
        self.deadline = time.monotonic() + timeout
        self.previous = window.current_section()
        self.result: int | None = None
        self._loop = QEventLoop(self)

    def run(self) -> int:
        """Check, close the window; the exit code."""
        QTimer.singleShot(0, self._step)
        if self.result is None:
            self._loop.exec()
        assert self.result is not None
        return self.result

    def _step(self) -> None:
        try:
            if self._ready():
                self._finish(0, self._passed())
                return
        except Exception as error:  # the check must end the program, whatever happened
            self._finish(1, _("Start-up check failed: {reason}").format(reason=error))
            return
        if time.monotonic() > self.deadline:
            self._finish(1, _("Start-up check failed: the register was not shown in time."))
            return
        QTimer.singleShot(POLL_MS, self._step)

    def _ready(self) -> bool:
        handle = self.window.windowHandle()
        if not self.window.isVisible() or handle is None or not handle.isExposed():
            return False
        section = self.window.show_section("register")
        if section is None:
            raise RuntimeError(_("the window has no register"))
        if not section.isVisible():
            return False
        self.window.grab()  # the first full paint, rows included
        return True

    def _passed(self) -> str:
        section = self.window.section("register")
        rows = section.model.rowCount() if isinstance(section, RegisterSection) else 0
        return _("Start-up check passed: the register is shown. Actors: {count}").format(count=rows)

    def _finish(self, code: int, message: str) -> None:
        self.result = code
        print(message, file=sys.stdout if code == 0 else sys.stderr, flush=True)
        if self.previous and self.previous != self.window.current_section():
            self.window.show_section(self.previous)
        self.window.close()
        self._loop.exit(code)
