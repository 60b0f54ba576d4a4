"""Which sections the main window has, in order. Each section is its own sub-package; this is
the one place that lists them."""

from __future__ import annotations

from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.main_window import MainWindow


def install_sections(window: MainWindow, context: AppContext) -> None:
    """Create every section's widget and add it to the window."""
    # Sections are added here as their issues land (register, dashboard, incident, network,
    # exports); no empty placeholder pages.
    install_incident(window, context)
    window.restore_section()


def install_incident(window: MainWindow, context: AppContext) -> None:
    """The incident section, and the active incident's banner in the status bar."""
    from verkosto_desktop.ui.incident import ActiveIncidentBanner, IncidentSection

    window.add_section("incident", _("Incident"), IncidentSection(context))
    banner = ActiveIncidentBanner(context)
    banner.open_incident.connect(lambda incident_id: open_incident(window, incident_id))
    window.add_status_widget(banner)
    # Once the exports section is installed, the meetings tab's print button can be connected:
    #   incident.set_meeting_pack_printer(lambda incident_id, meeting_id: ...)


def open_incident(window: MainWindow, incident_id: str) -> None:
    """Show one incident in the incident section (when the window has one)."""
    incident = window.section("incident")
    if incident is None:
        return
    window.show_section("incident")
    show = getattr(incident, "show_incident", None)
    if callable(show):
        show(incident_id)
