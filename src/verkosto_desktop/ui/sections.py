"""Which sections the main window has, in order, and how they reach each other. Each section is
its own sub-package; this is the one place that lists them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verkosto_desktop.data.search import ActorFilter
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.backup.controller import BackupController
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.dashboard import DashboardSection
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.section import RegisterSection

if TYPE_CHECKING:
    from verkosto_desktop.ui.incident import IncidentSection
    from verkosto_desktop.ui.network import NetworkSection


def install_sections(window: MainWindow, context: AppContext) -> None:
    """Create every section's widget, add it to the window and connect the sections."""
    from verkosto_desktop.ui.exports import ExportSection

    dashboard = DashboardSection(context)
    window.add_section("dashboard", _("Situation overview"), dashboard)  # first: the home screen
    register = RegisterSection(context)
    window.add_section("register", _("Register"), register)
    register.install_actions(window, lambda: window.show_section("register"))
    incident = install_incident(window, context)
    network = install_network(window, context)
    exports = ExportSection(context)
    window.add_section("exports", _("Printouts"), exports)
    exports.install_actions(window)
    connect_dashboard(window, dashboard)
    # Other sections print through the exports section and edit contacts in the register.
    incident.set_meeting_pack_printer(
        lambda incident_id, _meeting_id: show_document(window, "meeting", incident_id)
    )
    network.print_requested.connect(lambda document: show_document(window, document))
    network.edit_contact_requested.connect(
        lambda actor_id, contact_id: edit_contact(window, actor_id, contact_id)
    )
    BackupController(window, context)
    window.restore_section()


def install_incident(window: MainWindow, context: AppContext) -> IncidentSection:
    """The incident section, and the active incident's banner in the status bar."""
    from verkosto_desktop.ui.incident import ActiveIncidentBanner, IncidentSection

    incident = IncidentSection(context)
    window.add_section("incident", _("Incident"), incident)
    banner = ActiveIncidentBanner(context)
    banner.open_incident.connect(lambda incident_id: open_incident(window, incident_id))
    window.add_status_widget(banner)
    return incident


def install_network(window: MainWindow, context: AppContext) -> NetworkSection:
    """The network's life: founding steps, survey, membership, call rounds, activities, plan."""
    from verkosto_desktop.ui.network import NetworkSection

    network = NetworkSection(context)
    window.add_section("network", _("Network"), network)
    network.restore_settings(context.settings)
    return network


def show_document(window: MainWindow, document: str, incident_id: str | None = None) -> None:
    """Open the exports section on ``document`` (e.g. "plan", "meeting") with its preview."""
    exports = window.show_section("exports")
    show = getattr(exports, "show_document", None)
    if callable(show):
        show(document, incident_id)


def edit_contact(window: MainWindow, actor_id: str, contact_id: str) -> None:
    """Open one contact person in the register's editor (e.g. after a call found changes)."""
    register = window.show_section("register")
    select = getattr(register, "select_contact", None)
    if callable(select):
        select(actor_id, contact_id)


def connect_dashboard(window: MainWindow, dashboard: DashboardSection) -> None:
    """Let the dashboard open the register and the incident section (once all are added)."""
    dashboard.open_register.connect(lambda flt: open_register(window, flt))
    dashboard.open_incident.connect(lambda incident_id: open_incident(window, incident_id))
    dashboard.set_incident_link(window.section("incident") is not None)


def open_register(window: MainWindow, flt: ActorFilter) -> None:
    """Show the register filtered by ``flt`` (when the window has a register section)."""
    register = window.section("register")
    apply_filter = getattr(register, "apply_filter", None)
    if register is None or not callable(apply_filter):
        return
    window.show_section("register")
    apply_filter(flt)


def open_incident(window: MainWindow, incident_id: str) -> None:
    """Show one incident in the incident section (when the window has one)."""
    incident = window.section("incident")
    if incident is None:
        return
    window.show_section("incident")
    show = getattr(incident, "show_incident", None)
    if callable(show):
        show(incident_id)
