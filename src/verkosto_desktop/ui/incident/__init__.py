"""The incident section: run a disruption from situation assessment to recovery."""

from verkosto_desktop.ui.incident.banner import ActiveIncidentBanner
from verkosto_desktop.ui.incident.section import IncidentSection

__all__ = ["ActiveIncidentBanner", "IncidentSection"]
