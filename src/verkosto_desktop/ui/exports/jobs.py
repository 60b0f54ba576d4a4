"""Slow work off the UI thread: one export at a time, with progress, cancel and a result.

The worker thread only emits its runner's private signals; they reach this job's bound methods
on the UI thread through queued connections, and the public signals are emitted from there, so
whatever a caller connects (lambdas too) always runs on the UI thread. Workers get values,
never sessions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.export.errors import ExportCancelled
from verkosto_desktop.export.progress import Progress
from verkosto_desktop.i18n import _

log = logging.getLogger(__name__)
Work = Callable[[Progress], object]


class _Runner(QThread):
    reported = Signal(int, int, str)
    ended = Signal(str, object)  # outcome ("ok", "failed", "cancelled"), result or message

    def __init__(self, work: Work, progress: Progress) -> None:
        super().__init__()
        self._work = work
        self._progress = progress

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except ExportCancelled:
            self.ended.emit("cancelled", None)
        except VerkostoError as error:
            self.ended.emit("failed", str(error))
        except Exception as error:  # shown to the user instead of vanishing in a thread
            log.exception("export failed")
            self.ended.emit("failed", _("The export failed: {error}").format(error=error))
        else:
            self.ended.emit("ok", result)


class BackgroundJob(QObject):
    """Runs ``work(progress)`` in a thread. Signals (on the UI thread): ``progressed(done,
    total, message)``, then one of ``succeeded(result)``, ``failed(message)``, ``cancelled()``,
    and always ``done()`` last."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._finished = False
        self._runner = _Runner(work, Progress(report=self._report, cancelled=self._stop.is_set))
        self._runner.reported.connect(self._relay_progress)
        self._runner.ended.connect(self._relay_end)

    def _report(self, done: int, total: int, message: str) -> None:
        # Called on the worker thread: only emit, the relay runs on the UI thread.
        self._runner.reported.emit(done, total, message)

    @Slot(int, int, str)
    def _relay_progress(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(done, total, message)

    @Slot(str, object)
    def _relay_end(self, outcome: str, value: object) -> None:
        self._runner.wait()
        self._finished = True
        if outcome == "ok":
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(value))
        self.done.emit()

    def start(self) -> None:
        self._runner.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (it removes what it wrote)."""
        self._stop.set()

    def is_running(self) -> bool:
        """True until the outcome has been delivered on the UI thread."""
        return not self._finished and (self._runner.isRunning() or not self._runner.isFinished())

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the worker thread has finished (used when closing the window)."""
        return self._runner.wait(milliseconds)
