"""Closing an incident asks for the lessons learned and offers to write the after-action report."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text


class CloseIncidentDialog(FormDialog):
    """``submitted(dialog)`` on OK, which needs some lessons learned written."""

    def __init__(self, incident: IncidentDetail, parent: QWidget | None = None) -> None:
        super().__init__("closeIncidentDialog", _("Close the incident"), parent)
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
        self.lessons.setAccessibleName(_("Lessons learned"))
        self.lessons.setTabChangesFocus(True)
        self.write_report = QCheckBox(_("Write the after-action report (PDF) now"))
        self.write_report.setObjectName("writeReport")
        self.write_report.setChecked(True)
        self.ok_button.setObjectName("confirmClose")
        self.lessons.textChanged.connect(self._enable)
        content = QVBoxLayout()
        content.addWidget(intro)
        content.addWidget(self.lessons, 1)
        content.addWidget(self.write_report)
        self.finish_layout(560, _("Close the incident"), content=content, height=380)
        self._enable()

    def _enable(self) -> None:
        self.ok_button.setEnabled(bool(self.lessons.toPlainText().strip()))

    def text(self) -> str:
        return self.lessons.toPlainText()
