"""The line under a form or a list that tells what went wrong (or, quietly, what was done); it
takes no room while there is nothing to say."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from verkosto_desktop.ui.forms.field_box import error_colour


class MessageLine(QLabel):
    """``show_error`` in the error colour of the palette, ``show_info`` in the normal colour,
    ``clear_message`` hides it; an empty text hides it too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self.setStyleSheet(f"color: {error_colour()};")
        self._show(text)

    def show_info(self, text: str) -> None:
        self.setStyleSheet("")
        self._show(text)

    def clear_message(self) -> None:
        self._show("")

    def _show(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
