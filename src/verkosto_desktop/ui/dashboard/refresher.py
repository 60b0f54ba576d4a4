"""Keeps the readiness picture current: collects the store's change reports, waits for a quiet
moment (so a burst of edits costs one refresh), and re-reads off the UI thread. Only the actors
named in the changes are read again, so the picture follows edits within a fraction of a second
even on a large register, and typing elsewhere in the window never waits for it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from verkosto_desktop.data.dashboard.readiness import ReadinessPicture, ReadinessTracker
from verkosto_desktop.data.storage.store import Change, Store
from verkosto_desktop.ui.jobs import JobRunner

QUIET_MS = 150


class ReadinessRefresher(QObject):
    ready = Signal(object)  # ReadinessPicture
    failed = Signal(str)

    def __init__(self, store: Store, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tracker = ReadinessTracker(store)
        self._runner = runner
        self._pending: list[Change] | None = None  # None: read everything
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUIET_MS)
        self._timer.timeout.connect(self._start)

    @property
    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    def request(self, changes: tuple[Change, ...] | None = None) -> None:
        """Refresh after the quiet moment; ``changes`` narrows what is read again, None reads
        everything."""
        if changes is None:
            self._pending = None
        elif self._pending is not None:
            self._pending.extend(changes)
        self._timer.start()

    def _start(self) -> None:
        if self._running:
            self._again = True
            return
        changes = None if self._pending is None else tuple(self._pending)
        self._pending = []
        self._running = True
        tracker = self._tracker
        job = self._runner.submit(lambda _progress: tracker.refresh(changes))
        if job is None:  # the window is closing
            self._running = False
            return
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)

    def _done(self, picture: object) -> None:
        self._running = False
        assert isinstance(picture, ReadinessPicture)
        self.ready.emit(picture)
        self._next()
        if not self._running and not self._tracker.prepared:
            self._prepare()

    def _prepare(self) -> None:
        # The first picture counted the register health without a row per actor; read those
        # rows now, while the user looks at the picture, so the first edit is followed quickly.
        tracker = self._tracker
        job = self._runner.submit(lambda _progress: tracker.prepare())
        if job is None:
            return
        self._running = True
        job.done.connect(self._prepared)

    def _prepared(self) -> None:
        # A failed preparation costs nothing: the next refresh after an edit reads it instead.
        self._running = False
        self._next()

    def _failed(self, message: str) -> None:
        self._running = False
        self._pending = None  # the tallies may be half updated: read everything next time
        self.failed.emit(message)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self._start()

    def stop(self) -> None:
        self._timer.stop()
        self._again = False
