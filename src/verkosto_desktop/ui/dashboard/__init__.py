"""The dashboard ("Tilannekuva"): coverage across phases and situation types, gaps, register
health, and the active incident at a glance."""

from verkosto_desktop.ui.dashboard.section import DashboardSection

__all__ = ["DashboardSection"]
