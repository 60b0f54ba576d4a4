"""Slow work of the network section (PDFs, calendar files) off the UI thread: a progress dialog
that can cancel, results and errors delivered back on the UI thread. Workers get values, never
sessions or widgets."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.export.network_template import BuildCancelled
from verkosto_desktop.i18n import _

Work = Callable[[Callable[[], bool]], Any]


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Work, stop: threading.Event, signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._stop = stop
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work(self._stop.is_set)
        except BuildCancelled:
            self._signals.cancelled.emit()
        except VerkostoError as error:
            self._signals.failed.emit(str(error))
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            self._signals.failed.emit((error.strerror or str(error)) + where)
        except Exception as error:  # a bug must still reach the user, not kill the thread
            self._signals.failed.emit(str(error) or type(error).__name__)
        else:
            self._signals.done.emit(result)


class BackgroundJobs(QObject):
    """Runs one job at a time (a second waits its turn) and can wait for all at shutdown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stops: set[threading.Event] = set()
        self._signals: set[_Signals] = set()

    def run(
        self,
        parent: QWidget,
        label: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Run ``work(should_stop)`` in the background behind a progress dialog."""
        stop = threading.Event()
        signals = _Signals()
        dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.canceled.connect(stop.set)

        def finish() -> None:
            dialog.reset()
            dialog.deleteLater()
            self._stops.discard(stop)
            self._signals.discard(signals)

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(message: str) -> None:
            finish()
            on_failed(message)

        signals.done.connect(done)
        signals.failed.connect(failed)
        signals.cancelled.connect(finish)
        self._stops.add(stop)
        self._signals.add(signals)
        self._pool.start(_Runnable(work, stop, signals))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the running jobs (tests and shutdown); True when none is left."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Ask every job to stop and wait for them (no thread outlives the window)."""
        for stop in list(self._stops):
            stop.set()
        self._pool.waitForDone(30_000)
