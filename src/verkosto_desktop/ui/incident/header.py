"""The top of the incident section: which incident, its title, phase, situation types, area,
convener and elapsed time, the phase buttons, the report button and who is writing the log."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.domain.enums import IncidentPhase
from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.incident.elapsed import ElapsedLabel
from verkosto_desktop.ui.open_file import link_files_to_viewer
from verkosto_desktop.ui.theme import is_dark

PHASE_COLOURS = {  # light, dark
    "response": ("#b3261e", "#ff8a80"),
    "recovery": ("#8a5a00", "#ffcc80"),
    "closed": ("#4b5563", "#9ca3af"),
}


class IncidentHeader(QFrame):
    chosen = Signal(str)
    start_requested = Signal()
    edit_requested = Signal()
    recovery_requested = Signal()
    close_requested = Signal()
    report_requested = Signal()
    cancel_report = Signal()

    def __init__(self, author: str) -> None:
        super().__init__()
        self.setObjectName("incidentHeader")
        self.chooser = QComboBox()
        self.chooser.setObjectName("incidentChooser")
        self.chooser.setAccessibleName(_("Incident"))
        self.chooser.setMinimumContentsLength(24)
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.activated.connect(lambda _i: self.chosen.emit(self.chooser.currentData()))
        self.start = self._button(_("Start an incident…"), "startIncident", self.start_requested)
        self.edit = self._button(_("Details…"), "editIncident", self.edit_requested)
        self.author = QLineEdit(author)
        limit_text(self.author, "author")
        self.author.setObjectName("logAuthor")
        self.author.setPlaceholderText(_("Your name"))
        self.author.setMaximumWidth(200)
        self.author.setToolTip(_("The name written in the log as the one who recorded each entry"))
        self.title = QLabel()
        self.title.setObjectName("incidentTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.phase = QLabel()
        self.phase.setObjectName("incidentPhase")
        self.elapsed = ElapsedLabel(template=_("under way {elapsed}"))
        self.elapsed.setObjectName("incidentElapsed")
        self.meta = QLabel()
        self.meta.setObjectName("incidentMeta")
        self.meta.setWordWrap(True)
        self.held_note = QLabel()
        self.held_note.setObjectName("incidentReadOnlyNote")
        self.held_note.setWordWrap(True)
        self.held_note.hide()
        self.recovery = self._button(
            _("Move to recovery"), "moveToRecovery", self.recovery_requested
        )
        self.close_button = self._button(
            _("Close the incident…"), "closeIncident", self.close_requested
        )
        self.report = self._button(
            _("After-action report (PDF)…"), "incidentReport", self.report_requested
        )
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.cancel = self._button(_("Stop"), "reportCancel", self.cancel_report)
        self.cancel.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        link_files_to_viewer(self.status)
        self.status.setWordWrap(True)

        # Rows of controls wrap on a narrow screen instead of widening the window.
        top = FlowLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.edit)
        top.addWidget(self.start)
        self.writer = QLabel(_("Writing the log:"))
        self.writer.setBuddy(self.author)
        top.addWidget(self.writer)
        top.addWidget(self.author)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.phase)
        title_row.addWidget(self.elapsed)
        actions = FlowLayout()
        actions.addWidget(self.recovery)
        actions.addWidget(self.close_button)
        actions.addWidget(self.report)
        actions.addWidget(self.progress)
        actions.addWidget(self.cancel)
        actions.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addLayout(title_row)
        layout.addWidget(self.meta)
        layout.addWidget(self.held_note)
        layout.addLayout(actions)

    def show_author(self, shown: bool) -> None:
        """Show the log writer's field (hidden while the prompt below asks for the name, so that
        there are not two empty name fields)."""
        self.writer.setVisible(shown)
        self.author.setVisible(shown)

    def _button(self, text: str, name: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: signal.emit())
        return button

    def set_incidents(self, incidents: list[IncidentDetail], current: str | None) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for incident in incidents:
            text = f"{incident.title} — {format_date(incident.started_at)}"
            if not incident.is_open:
                text += f" ({IncidentPhase.CLOSED.label().lower()})"
            # A handful of incidents: addItem per item is fine here.
            self.chooser.addItem(text, incident.id)
        index = self.chooser.findData(current) if current else -1
        self.chooser.setCurrentIndex(max(index, 0) if incidents else -1)
        self.chooser.blockSignals(False)
        self.chooser.setEnabled(bool(incidents))

    def show_incident(self, incident: IncidentDetail | None, situations: dict[str, str]) -> None:
        self.edit.setEnabled(incident is not None and incident.writable)
        self.report.setEnabled(incident is not None)
        self.held_note.setVisible(incident is not None and bool(incident.held_for))
        if incident is not None and incident.held_for:
            self.held_note.setText(
                _(
                    "Read-only: this incident belongs to the neighbouring network '{network}', "
                    "which this laptop receives from the regional server. It is changed on that "
                    "network's laptops."
                ).format(network=incident.held_for)
            )
        if incident is None:
            self.title.setText("")
            self.phase.setText("")
            self.meta.setText("")
            self.elapsed.set_interval(None)
            self.recovery.setEnabled(False)
            self.close_button.setEnabled(False)
            return
        self.title.setText(incident.title)
        dark = is_dark(QApplication.instance())
        colour = PHASE_COLOURS[incident.phase][1 if dark else 0]
        self.phase.setText(IncidentPhase(incident.phase).label())
        self.phase.setStyleSheet(
            f"color: white; background: {colour}; border-radius: 4px; padding: 2px 8px;"
            if not dark
            else f"color: black; background: {colour}; border-radius: 4px; padding: 2px 8px;"
        )
        self.elapsed.set_template(
            _("lasted {elapsed}") if incident.closed_at else _("under way {elapsed}")
        )
        self.elapsed.set_interval(incident.started_at, incident.closed_at)
        names = ", ".join(situations.get(key, key) for key in incident.situations)
        parts = [names, incident.area]
        if incident.convened_by:
            parts.append(_("convened by {name}").format(name=incident.convened_by))
        parts.append(_("started {time}").format(time=format_datetime(incident.started_at)))
        if incident.recovery_at:
            parts.append(
                _("recovery from {time}").format(time=format_datetime(incident.recovery_at))
            )
        if incident.closed_at:
            parts.append(_("closed {time}").format(time=format_datetime(incident.closed_at)))
        self.meta.setText(" · ".join(part for part in parts if part))
        self.recovery.setEnabled(incident.writable and incident.phase == IncidentPhase.RESPONSE)
        self.close_button.setEnabled(incident.writable)

    def report_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        self.report.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)
            self.status.setText(_("Writing the report…"))

    def report_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
