"""A label and a button that shorten their text with "…" when they are given less room than it
needs, with the whole text on hover. The status bar shares one line between the file, the backup,
the saved time and an incident: without them, the narrowest screen decides how wide the window
must be, or a squeezed button cuts its text at both ends."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


def _room_for(widget: QWidget, characters: int) -> int:
    return widget.fontMetrics().averageCharWidth() * characters


class ElidedLabel(QLabel):
    """A one-line label whose text is cut at ``mode`` (end, middle) to fit its width; ``text()``
    is always the whole text, and the tooltip shows it whenever it is cut."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        min_chars: int = 8,
    ) -> None:
        super().__init__(text, parent)
        self._mode = mode
        self._min_chars = min_chars
        self._own_tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tip()

    def set_tip(self, tip: str) -> None:
        """A tooltip of its own (shown after the whole text when the text is cut)."""
        self._own_tip = tip
        self._update_tip()

    def shown_text(self) -> str:
        """The text as drawn at the label's present width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), self._mode, width)

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), _room_for(self, self._min_chars)), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self) -> None:
        parts = [self.text()] if self.is_elided() else []
        if self._own_tip:
            parts.append(self._own_tip)
        self.setToolTip("\n".join(parts))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())


class ElidedButton(QPushButton):
    """A flat button whose label is cut at its end to fit (at most ``max_chars`` characters);
    ``full_text()`` is the whole label, also in the tooltip."""

    def __init__(
        self, parent: QWidget | None = None, *, max_chars: int = 60, min_chars: int = 12
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._max_chars = max_chars
        self._min_chars = min_chars
        self._tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str, tip: str = "") -> None:
        """The whole label; ``tip`` is added under it in the tooltip."""
        self._full = text
        self._tip = tip
        self.setToolTip("\n".join(part for part in (text, tip) if part))
        self._fit()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def _padding(self) -> int:
        # What the style adds around the label (frame, margins).
        return max(
            super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text()), 0
        )

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        wanted = min(
            self.fontMetrics().horizontalAdvance(self._full), _room_for(self, self._max_chars)
        )
        return QSize(wanted + self._padding(), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(_room_for(self, self._min_chars) + self._padding(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = min(self.width() - self._padding(), _room_for(self, self._max_chars))
        if not self.isVisible() and not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            room = _room_for(self, self._max_chars)  # not laid out yet: the longest it may be
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            super().setText(shown)
