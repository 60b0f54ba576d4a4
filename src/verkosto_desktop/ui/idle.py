"""Let an idle window sleep: the text cursor stops blinking after a while without input.

A blinking cursor wakes the program twice a second, all night long on a laptop left open on
battery during an outage. Like GTK (``gtk-cursor-blink-timeout``), the cursor stays visible but
stops blinking after ten seconds without a key press or mouse action, and blinks again at the
next one. Only input restarts the one single-shot timer: nothing polls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication

from verkosto_desktop.ui.app_watch import ActivityWatch

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


class CursorRest(ActivityWatch):
    """Installed once on the application (``CursorRest(app)``); parented to it."""

    EVENTS = _INPUT

    def __init__(self, app: QGuiApplication, rest_after_ms: int = REST_AFTER_MS) -> None:
        super().__init__(app, rest_after_ms)
        self._hints = QGuiApplication.styleHints()
        self._flash_time = self._hints.cursorFlashTime()
        self.resting = False
        self._timer.start()

    def retire(self) -> None:
        """Stop watching: the cursor blinks as before and this object goes away."""
        self._wake()
        super().retire()

    def on_timeout(self) -> None:
        self.resting = True
        self._hints.setCursorFlashTime(0)

    def on_activity(self) -> None:
        self._wake()
        self._timer.start()

    def _wake(self) -> None:
        if self.resting:
            self.resting = False
            self._hints.setCursorFlashTime(self._flash_time)
