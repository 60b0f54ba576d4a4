"""The network section: founding, mapping survey, membership, call rounds, activities and the
action plan, one tab each. Asks other sections for help through signals that
``ui/sections.py`` connects (editing a contact in the register, printing the action plan)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from verkosto_desktop.data.storage.store import Change
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.network.action_plan_page import ActionPlanPage
from verkosto_desktop.ui.network.activities_page import ActivitiesPage
from verkosto_desktop.ui.network.call_round_view import CallRoundView
from verkosto_desktop.ui.network.founding_page import FoundingStepsWidget
from verkosto_desktop.ui.network.membership_page import MembershipPage
from verkosto_desktop.ui.network.page import NetworkPage
from verkosto_desktop.ui.network.survey_page import SurveyPage


class NetworkSection(QWidget):
    """The network's life cycle. ``edit_contact_requested(actor_id, contact_id)`` asks for the
    contact to be opened for editing (a call found changed details); ``print_requested(key)``
    asks the printouts section for a document (``"plan"``: the action plan)."""

    edit_contact_requested = Signal(str, str)
    open_capabilities_requested = Signal(str)  # actor id: its capabilities in the register
    print_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkSection")
        self.context = context
        self.jobs = JobRunner(self)
        self.founding = FoundingStepsWidget(context)
        self.survey = SurveyPage(context, self.jobs)
        self.membership = MembershipPage(context)
        self.call_round = CallRoundView(context, self.jobs)
        self.activities = ActivitiesPage(context, self.jobs)
        self.action_plan = ActionPlanPage(context)
        self.call_round.edit_contact_requested.connect(self.edit_contact_requested)
        self.survey.open_capabilities_requested.connect(self.open_capabilities_requested)
        self.action_plan.print_requested.connect(lambda: self.print_requested.emit("plan"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("networkTabs")
        self.tabs.setAccessibleName(_("Network"))
        self.tabs.setDocumentMode(True)
        for page, title in self._pages():
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        context.hub.listen(self._on_changed)

    def _pages(self) -> list[tuple[NetworkPage, str]]:
        return [
            (self.founding, _("Founding")),
            (self.survey, _("Mapping survey")),
            (self.membership, _("Membership")),
            (self.call_round, _("Call rounds")),
            (self.activities, _("Activities")),
            (self.action_plan, _("Action plan")),
        ]

    def show_page(self, page: NetworkPage) -> None:
        """Switch to one of the tabs."""
        self.tabs.setCurrentWidget(page)

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        for page, _title in self._pages():
            page.changed(changes)

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("network/tab", self.tabs.currentIndex())

    def restore_settings(self, settings: QSettings) -> None:
        tab = settings.value("network/tab", 0, type=int)
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def shutdown(self) -> None:
        self.jobs.shutdown()
