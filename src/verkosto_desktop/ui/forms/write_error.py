"""The bar that says a change was not saved, keeps saying it until it is, and offers a retry."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.field_box import error_colour


class WriteErrorBar(QFrame):
    """Hidden while every change is stored. ``retry_requested`` asks the owner to try again."""

    retry_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("writeError")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.retry_button = QPushButton(_("&Retry"))
        self.retry_button.setObjectName("writeErrorRetry")
        self.retry_button.setAccessibleName(_("Retry saving"))
        self.retry_button.clicked.connect(self.retry_requested.emit)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.hide()

    def show_failure(self, message: str) -> None:
        colour = error_colour()
        self.setStyleSheet(
            f"#writeError {{ border: 2px solid {colour}; border-radius: 4px; }}"
            f" #writeError QLabel {{ color: {colour}; }}"
        )
        self.label.setText(_("Not saved: {reason} What you typed is kept.").format(reason=message))
        self.setAccessibleDescription(self.label.text())
        self.show()
