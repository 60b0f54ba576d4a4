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
    _install_incident(window, context)
    window.restore_section()


def _install_incident(window: MainWindow, context: AppContext) -> None:
    from verkosto_desktop.ui.incident import ActiveIncidentBanner, IncidentSection

    section = IncidentSection(context)
    window.add_section("incident", _("Incident"), section)
    banner = ActiveIncidentBanner(context)

    def open_incident(incident_id: str) -> None:
        window.show_section("incident")
        section.show_incident(incident_id)

    banner.open_incident.connect(open_incident)
    window.add_status_widget(banner)
    # The dashboard's banner (``open_incident``) and the exports section's coordination-meeting
    # pack connect here once they are installed:
    #   dashboard.open_incident.connect(open_incident)
    #   section.set_meeting_pack_printer(exports.print_meeting_pack)
