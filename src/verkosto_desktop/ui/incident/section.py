"""The incident section (key ``incident``): run a disruption from the situation assessment to
recovery and closing. The header chooses the incident and moves it through its phases; the tabs
hold the log, the assessments, who can help, the tasks, the meetings and recovery."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident import incidents
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.data.incident.log import LogEntryRow
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.data.storage.store import Change, ChangeKind
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.incident.assessment_dialog import AssessmentDialog
from verkosto_desktop.ui.incident.assessments_tab import AssessmentsTab
from verkosto_desktop.ui.incident.author_prompt import AuthorPrompt
from verkosto_desktop.ui.incident.close_dialog import CloseIncidentDialog
from verkosto_desktop.ui.incident.common import RELEVANT_CHANGES, default_author, situation_names
from verkosto_desktop.ui.incident.header import IncidentHeader
from verkosto_desktop.ui.incident.helpers_tab import HelpersTab
from verkosto_desktop.ui.incident.log_tab import LogTab
from verkosto_desktop.ui.incident.meetings_tab import MeetingsTab
from verkosto_desktop.ui.incident.recovery_tab import RecoveryTab
from verkosto_desktop.ui.incident.report_controller import ReportController
from verkosto_desktop.ui.incident.start_dialog import StartIncidentDialog
from verkosto_desktop.ui.incident.tasks_tab import TasksTab

TAB_LOG, TAB_ASSESSMENTS, TAB_HELPERS, TAB_TASKS, TAB_MEETINGS, TAB_RECOVERY = range(6)
PackPrinter = Callable[[str, str], None]


class IncidentSection(QWidget):
    """``meeting_pack_requested(incident_id, meeting_id)`` when the meeting pack is to be
    printed; ``report_written(path)`` after an after-action report was saved."""

    meeting_pack_requested = Signal(str, str)
    report_written = Signal(str)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("incidentSection")
        self.context = context
        self._incident: IncidentDetail | None = None
        self._incidents: list[IncidentDetail] = []
        self._dirty = False
        self._stale_tabs: set[int] = set()
        self._pack_printer: PackPrinter | None = None

        self.header = IncidentHeader(default_author(context.settings))
        self.reports = ReportController(context, self.header, self)
        self.reports.written.connect(self.report_written.emit)
        self.header.chosen.connect(self.show_incident)
        self.header.start_requested.connect(self.start_incident)
        self.header.edit_requested.connect(self.edit_incident)
        self.header.recovery_requested.connect(self.move_to_recovery)
        self.header.close_requested.connect(self.close_incident)
        self.header.report_requested.connect(self.write_report)
        self.header.author.editingFinished.connect(self._author_edited)

        self.log_tab = LogTab(context, self.author)
        self.log_tab.correct_assessment.connect(self.correct_assessment)
        self.assessments_tab = AssessmentsTab()
        self.assessments_tab.new_requested.connect(self.new_assessment)
        self.assessments_tab.correct_requested.connect(self.correct_assessment)
        self.helpers_tab = HelpersTab(context, self.author)
        self.tasks_tab = TasksTab(context, self.author)
        self.helpers_tab.ask_task = self.tasks_tab.new_task
        self.meetings_tab = MeetingsTab(context, self.author)
        self.meetings_tab.print_requested.connect(self._print_pack)
        self.recovery_tab = RecoveryTab(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("incidentTabs")
        self.tabs.setAccessibleName(_("Incident"))
        for widget, title in (
            (self.log_tab, _("Log")),
            (self.assessments_tab, _("Situation assessment")),
            (self.helpers_tab, _("Who can help")),
            (self.tasks_tab, _("Tasks")),
            (self.meetings_tab, _("Meetings")),
            (self.recovery_tab, _("Recovery")),
        ):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(self._tab_shown)

        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        message = QLabel(
            _(
                "No incident has been recorded in this file. When a storm, a power cut or a "
                "sudden crisis hits, start an incident: the log, the situation assessments, who "
                "can help, tasks and meetings are then kept here."
            )
        )
        message.setWordWrap(True)
        start = QPushButton(_("Start an incident…"))
        start.setObjectName("startIncidentEmpty")
        start.clicked.connect(self.start_incident)
        empty_layout.addStretch(1)
        empty_layout.addWidget(message)
        empty_layout.addWidget(start)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(self.tabs)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.author_prompt = AuthorPrompt()
        self.author_prompt.given.connect(self._author_given)
        layout.addWidget(self.header)
        layout.addWidget(self.author_prompt)
        layout.addWidget(self.stack, 1)
        context.hub.listen(self._on_changed)
        self.refresh()

    # -- public -----------------------------------------------------------------------------------

    def _author_given(self, name: str) -> None:
        """Asked once: the name goes in the header's field and the settings."""
        self.header.author.setText(name)
        self._author_edited()

    def _author_edited(self) -> None:
        self.context.settings.setValue("incident/author", self.author())
        self._ask_author(not self.author() and self.stack.currentIndex() == 1)

    def _ask_author(self, ask: bool) -> None:
        self.author_prompt.setVisible(ask)
        self.header.show_author(not ask)

    def author(self) -> str:
        """Who is writing the log (recorded with each entry)."""
        return self.header.author.text().strip()

    def current_incident_id(self) -> str | None:
        return self._incident.id if self._incident else None

    def show_incident(self, incident_id: str) -> None:
        """Show this incident (the dashboard's banner and the status bar call it)."""
        self._incident = None
        self.refresh(prefer=incident_id)

    def set_meeting_pack_printer(self, printer: PackPrinter | None) -> None:
        """Connect the printing of the coordination-meeting pack (the printouts section provides
        it); the meetings tab shows its print button only when one is set."""
        self._pack_printer = printer
        self.meetings_tab.set_printing_available(printer is not None)

    def on_show(self) -> None:
        if self._dirty:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Also when the window itself appears (on_show comes only from switching sections).
        super().showEvent(event)
        self.on_show()

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("incident/author", self.author())

    def shutdown(self) -> None:
        self.header.elapsed.stop()
        self.reports.shutdown()

    # -- refreshing ------------------------------------------------------------------------------

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        kinds = {change.kind for change in changes}
        if not kinds & RELEVANT_CHANGES:
            return
        if ChangeKind.ACTOR in kinds:
            self.log_tab.actors_stale = True
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def refresh(self, prefer: str | None = None) -> None:
        """Read the incidents again and show the chosen one (or the newest active one)."""
        self._dirty = False
        store = self.context.store
        self._incidents = incidents.list_incidents(store)
        wanted = prefer or (self._incident.id if self._incident else None)
        chosen = next((i for i in self._incidents if i.id == wanted), None)
        if chosen is None:
            chosen = next((i for i in self._incidents if i.is_open), None)
        if chosen is None and self._incidents:
            chosen = self._incidents[0]
        self._incident = chosen
        self.header.set_incidents(self._incidents, chosen.id if chosen else None)
        self.header.show_incident(chosen, situation_names(store))
        self.stack.setCurrentIndex(1 if chosen else 0)
        self._ask_author(not self.author() and chosen is not None)
        self._stale_tabs = set(range(self.tabs.count()))
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        if index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        incident = self._incident
        if index == TAB_LOG:
            self.log_tab.set_incident(incident)
        elif index == TAB_ASSESSMENTS:
            rows = incident_log.assessments(self.context.store, incident.id) if incident else []
            self.assessments_tab.set_incident(incident, rows)
        elif index == TAB_HELPERS:
            self.helpers_tab.set_incident(incident)
        elif index == TAB_TASKS:
            self.tasks_tab.set_incident(incident)
        elif index == TAB_MEETINGS:
            self.meetings_tab.set_incident(incident)
        elif index == TAB_RECOVERY:
            self.recovery_tab.set_incident(incident)

    # -- the incident itself -----------------------------------------------------------------------

    def start_incident(self) -> None:
        store = self.context.store
        dialog = StartIncidentDialog(actor_names(store), situation_names(store), parent=self)
        dialog.submitted.connect(self._save_incident)
        dialog.open()

    def edit_incident(self) -> None:
        if self._incident is None:
            return
        store = self.context.store
        dialog = StartIncidentDialog(
            actor_names(store), situation_names(store), incident=self._incident, parent=self
        )
        dialog.submitted.connect(self._save_incident)
        dialog.open()

    def _save_incident(self, dialog: StartIncidentDialog) -> None:
        store, editing = self.context.store, dialog.incident
        saved = dialog.save(
            lambda: (
                incidents.start_incident(store, dialog.values(), author=self.author())
                if editing is None
                else incidents.update_incident(store, editing.id, dialog.values())
            )
        )
        if saved is None:
            return
        self.show_incident(saved.id)
        if dialog.incident is None:
            self.tabs.setCurrentIndex(TAB_LOG)
            self.log_tab.focus_entry()

    def move_to_recovery(self) -> None:
        if self._incident is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Move to recovery"),
            _(
                "Move “{title}” from response to recovery? The time is recorded in the log. "
                "Recovery activities can then be planned."
            ).format(title=self._incident.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmRecovery")
        incident_id = self._incident.id
        box.accepted.connect(lambda: self._to_recovery(incident_id))
        box.open()

    def _to_recovery(self, incident_id: str) -> None:
        try:
            incidents.move_to_recovery(self.context.store, incident_id, author=self.author())
        except VerkostoError as error:
            self.header.status.setText(str(error))

    def close_incident(self) -> None:
        if self._incident is None:
            return
        dialog = CloseIncidentDialog(self._incident, self)
        dialog.submitted.connect(self._save_close)
        dialog.open()

    def _save_close(self, dialog: CloseIncidentDialog) -> None:
        closed = dialog.save(
            lambda: incidents.close_incident(
                self.context.store, dialog.incident.id, dialog.text(), author=self.author()
            )
        )
        if closed is not None and dialog.write_report.isChecked():
            self.write_report()

    # -- assessments ------------------------------------------------------------------------------

    def new_assessment(self) -> None:
        latest = self.assessments_tab.latest()
        dialog = AssessmentDialog(
            actor_names(self.context.store),
            start_from=latest.details if latest else None,
            start_time=latest.happened_at if latest else None,
            actor_id=latest.actor_id if latest else None,
            parent=self,
        )
        if latest is not None and latest.text:
            # The figures carry over; the summary is written anew (shown only as a reminder).
            dialog.summary.setPlaceholderText(
                _("Before: {summary}").format(summary=" ".join(latest.text.split()))
            )
        dialog.submitted.connect(self._save_assessment)
        dialog.open()

    def correct_assessment(self, entry: LogEntryRow) -> None:
        dialog = AssessmentDialog(
            actor_names(self.context.store),
            start_from=entry.details,
            summary=entry.text,
            actor_id=entry.actor_id,
            happened_at=entry.happened_at,
            correcting=entry.id,
            parent=self,
        )
        dialog.submitted.connect(self._save_assessment)
        dialog.open()

    def _save_assessment(self, dialog: AssessmentDialog) -> None:
        if self._incident is None:
            return
        store, incident_id = self.context.store, self._incident.id
        if dialog.correcting:
            correcting = dialog.correcting
            dialog.save(
                lambda: incident_log.correct_entry(
                    store,
                    correcting,
                    {
                        "details": dialog.details(),
                        "text": dialog.summary.text(),
                        "actor_id": dialog.actor.actor_id(),
                        "author": self.author(),
                        "happened_at": dialog.time(),
                    },
                )
            )
            return
        dialog.save(
            lambda: incident_log.add_assessment(
                store,
                incident_id,
                dialog.details(),
                text=dialog.summary.text(),
                happened_at=dialog.time(),
                author=self.author(),
                actor_id=dialog.actor.actor_id(),
            )
        )

    # -- printing ---------------------------------------------------------------------------------

    def write_report(self) -> None:
        """Ask where to save the incident's after-action report and write it in the background."""
        if self._incident is not None:
            self.reports.write(self._incident)

    def _print_pack(self, incident_id: str, meeting_id: str) -> None:
        self.meeting_pack_requested.emit(incident_id, meeting_id)
        if self._pack_printer is not None:
            self._pack_printer(incident_id, meeting_id)
