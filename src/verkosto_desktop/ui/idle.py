"""Let an idle window sleep: the text cursor stops blinking after a while without input.

A blinking cursor wakes the program twice a second, all night long on a laptop left open on
battery during an outage. Like GTK (``gtk-cursor-blink-timeout``), the cursor stays visible but
stops blinking after ten seconds without a key press or mouse action, and blinks again at the
next one. Only input restarts the one single-shot timer: nothing polls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

REST_AFTER_MS = 10_000
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
    }
)


class CursorRest(QObject):
    """Installed once on the application (``CursorRest(app)``); parented to it."""

    def __init__(self, app: QGuiApplication, rest_after_ms: int = REST_AFTER_MS) -> None:
        super().__init__(app)
        self._hints = QGuiApplication.styleHints()
        self._flash_time = self._hints.cursorFlashTime()
        self.resting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.setInterval(rest_after_ms)
        self._timer.timeout.connect(self._rest)
        app.installEventFilter(self)
        self._timer.start()

    def retire(self) -> None:
        """Stop watching: the cursor blinks as before and this object goes away."""
        self._timer.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.resting:
            self.resting = False
            self._hints.setCursorFlashTime(self._flash_time)
        self.deleteLater()

    def _rest(self) -> None:
        self.resting = True
        self._hints.setCursorFlashTime(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            if self.resting:
                self.resting = False
                self._hints.setCursorFlashTime(self._flash_time)
            self._timer.start()
        return False
