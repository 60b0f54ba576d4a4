"""A label showing how long an incident has lasted. It ticks once, exactly when the text would
change (once a minute), from the start time it was given: no polling of the database and no
timer waking the laptop more often than needed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from verkosto_desktop.domain.incidents import format_elapsed, until_next_minute
from verkosto_desktop.i18n import _


def _now() -> datetime:
    return datetime.now(UTC)


class ElapsedLabel(QLabel):
    """``5 h 20 min`` since the start; ``template`` wraps the duration (``{elapsed}``)."""

    def __init__(self, parent: QWidget | None = None, template: str | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], datetime] = _now
        self._template = template
        self._start: datetime | None = None
        self._end: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)

    def set_template(self, template: str) -> None:
        """How the duration is worded (``{elapsed}`` stands for it)."""
        self._template = template

    def set_interval(self, start: datetime | None, end: datetime | None = None) -> None:
        """Show the time since ``start`` (until ``end`` when the incident is over; no ticking)."""
        self._start, self._end = start, end
        self.tick()

    def tick(self) -> None:
        """Update the text and arm the timer for the next change."""
        self._timer.stop()
        if self._start is None:
            self.setText("")
            return
        now = self._end or self.clock()
        elapsed = format_elapsed(self._start, now)
        template = self._template or _("{elapsed}")
        self.setText(template.format(elapsed=elapsed))
        if self._end is None:
            wait = until_next_minute(self._start, now)
            # A little after the minute turns, so the new text is already due.
            self._timer.start(int(wait.total_seconds() * 1000) + 50)

    def is_ticking(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()
