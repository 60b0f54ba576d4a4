"""Asking once who writes the log: their name goes with every entry and onto the printed
meeting pack (never the computer's login name, which says "root" or "admin" on paper)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.limits import limit_text


class AuthorPrompt(QFrame):
    """Shown while nobody has said who writes the log; ``given(name)`` when they do."""

    given = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        question = QLabel(
            _(
                "Who is writing the log? Your name goes with each entry and on the printed "
                "meeting pack; it is kept for the next time."
            )
        )
        question.setWordWrap(True)
        self.name = QLineEdit()
        limit_text(self.name, "author")
        self.name.setObjectName("authorPromptName")
        self.name.setPlaceholderText(_("Your name"))
        self.name.setAccessibleName(_("Your name"))
        question.setBuddy(self.name)
        keep = QPushButton(_("Keep the name"))
        keep.setObjectName("authorPromptKeep")
        keep.clicked.connect(self._keep)
        self.name.returnPressed.connect(self._keep)
        layout = QHBoxLayout(self)
        layout.addWidget(question, 1)
        layout.addWidget(self.name)
        layout.addWidget(keep)

    def _keep(self) -> None:
        name = " ".join(self.name.text().split())
        if name:
            self.given.emit(name)
