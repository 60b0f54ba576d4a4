"""Running the dashboard's reads and its PDF off the UI thread, one job at a time.

Results come back on the UI thread through a queued signal; only plain values cross threads.
``shutdown`` waits for the running job, so no thread outlives the window (or a test).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Bridge(QObject):
    done = Signal(object, object)  # callback, result
    failed = Signal(object, str)  # callback, message


class _Job(QRunnable):
    def __init__(
        self,
        work: Callable[[], Any],
        bridge: _Bridge,
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._work = work
        self._bridge = bridge
        self._on_done = on_done
        self._on_failed = on_failed

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported on the UI thread; the worker must not die
            self._bridge.failed.emit(self._on_failed, str(error) or type(error).__name__)
            return
        self._bridge.done.emit(self._on_done, result)


class SerialRunner(QObject):
    """Runs jobs one after another on a single worker thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.done.connect(lambda callback, result: callback(result))
        self._bridge.failed.connect(lambda callback, message: callback(message))
        self._closed = False

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> bool:
        """Queue ``work``; ``on_done(result)`` or ``on_failed(message)`` runs on the UI thread."""
        if self._closed:
            return False
        self._pool.start(_Job(work, self._bridge, on_done, on_failed))
        return True

    def shutdown(self) -> None:
        """Refuse new jobs and wait for the queued ones to finish."""
        self._closed = True
        self._pool.waitForDone()
