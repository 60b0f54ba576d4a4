"""Closing an incident asks for the lessons learned and offers to write the after-action report."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine


class CloseIncidentDialog(QDialog):
    """``submitted(dialog)`` on OK, which needs some lessons learned written."""

    submitted = Signal(object)

    def __init__(self, incident: IncidentDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeIncidentDialog")
        self.setWindowTitle(_("Close the incident"))
        self.incident = incident
        intro = QLabel(
            _(
                "Closing ends “{title}”: nothing new is logged after it. Write down what was "
                "learned — what worked, what did not, what to agree on before the next time."
            ).format(title=incident.title)
        )
        intro.setWordWrap(True)
        self.lessons = QPlainTextEdit(incident.lessons_learned)
        limit_text(self.lessons, "lessons_learned")
        self.lessons.setObjectName("lessonsLearned")
        self.lessons.setPlaceholderText(_("Lessons learned"))
        self.lessons.setTabChangesFocus(True)
        self.write_report = QCheckBox(_("Write the after-action report (PDF) now"))
        self.write_report.setObjectName("writeReport")
        self.write_report.setChecked(True)
        self.error = MessageLine()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = QPushButton(_("Close the incident"))
        self.close_button.setObjectName("confirmClose")
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(lambda: self.submitted.emit(self))
        buttons.rejected.connect(self.reject)
        self.lessons.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.lessons, 1)
        layout.addWidget(self.write_report)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._enable()
        self.resize(560, 380)

    def _enable(self) -> None:
        self.close_button.setEnabled(bool(self.lessons.toPlainText().strip()))

    def text(self) -> str:
        return self.lessons.toPlainText()
