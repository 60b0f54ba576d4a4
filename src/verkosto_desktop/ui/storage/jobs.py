"""One way to run a backup or a restore off the UI thread, with progress and cancel."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

Work = Callable[[Callable[[int, int], None], threading.Event], object]


class Job(QThread):
    """Runs ``work(progress, cancel_event)`` in a thread. The signals reach the UI thread:
    ``progressed(done, total)``, then ``succeeded(result)`` or ``failed(message)``."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            result = self._work(self._progress, self.cancel_event)
        except VerkostoError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # a bug must not pass silently, nor kill the window
            traceback.print_exc()
            self.failed.emit(_("Unexpected error: {error}").format(error=error))
            return
        self.succeeded.emit(result)

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        """Ask the work to stop at its next step."""
        self.cancel_event.set()
