"""One input of a form with the place under it where its problem is explained."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from verkosto_desktop.ui.theme import is_dark

ERROR_LIGHT = "#b3261e"
ERROR_DARK = "#ff8a80"


def error_colour() -> str:
    """The colour of error marks, readable on the light and on the dark palette."""
    app = QApplication.instance()
    return ERROR_DARK if isinstance(app, QApplication) and is_dark(app) else ERROR_LIGHT


class FieldBox(QWidget):
    """``editor`` (with optional buttons beside it) and a message line under it.

    The message line stays hidden until there is something to say, so valid forms stay compact.
    """

    def __init__(self, editor: QWidget, *extras: QWidget) -> None:
        super().__init__()
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(editor, 1)
        for extra in extras:
            row.addWidget(extra)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self._error = False

    @property
    def has_error(self) -> bool:
        return self._error

    def show_error(self, text: str) -> None:
        """Mark the field invalid and say why (also for screen readers and as a tooltip)."""
        colour = error_colour()
        self._error = True
        self.editor.setProperty("invalid", True)
        self.editor.setStyleSheet(f"border: 2px solid {colour}; border-radius: 3px;")
        self.editor.setToolTip(text)
        self.editor.setAccessibleDescription(text)
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText("⚠ " + text)
        self.message.show()
        self._fit_message()

    def show_hint(self, text: str) -> None:
        """A neutral note (not an error), e.g. what is needed before anything can be saved."""
        self.clear()
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.message.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_message()

    def _fit_message(self) -> None:
        # A form inside a scroll area is laid out from size hints, which guess a wrapped
        # label's height for some other width: ask for the lines this width really needs.
        if self.message.isHidden():
            return
        needed = self.message.heightForWidth(max(self.message.width(), 1))
        if needed > 0 and needed != self.message.minimumHeight():
            self.message.setMinimumHeight(needed)

    def clear(self) -> None:
        if self._error:
            self.editor.setStyleSheet("")
            self.editor.setToolTip("")
            self.editor.setAccessibleDescription("")
        self._error = False
        self.editor.setProperty("invalid", False)
        self.message.hide()
        self.message.setText("")
