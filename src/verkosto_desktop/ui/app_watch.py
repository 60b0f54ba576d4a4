"""The base of the application-wide helpers that act on the user's activity or its absence
(``idle.CursorRest``, ``collector.UiThreadCollector``): an event filter on the application and
one single-shot timer. Only events start the timer, so an idle window is never woken."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication


class ActivityWatch(QObject):
    """Installed once on the application; parented to it. Subclasses say which events count
    (``EVENTS``), what activity does (``on_activity``) and what the timer does (``on_timeout``)."""

    EVENTS: frozenset[QEvent.Type] = frozenset()

    def __init__(self, app: QGuiApplication, interval_ms: int) -> None:
        super().__init__(app)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Coarse: the moment hardly matters, and the system may fold the wake-up into others.
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.on_timeout)
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.EVENTS:
            self.on_activity()
        return False

    def on_activity(self) -> None:
        self._timer.start()

    def on_timeout(self) -> None:
        raise NotImplementedError

    def retire(self) -> None:
        """Stop watching and go away (the window is gone for good, or a test ends)."""
        self._timer.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.deleteLater()
