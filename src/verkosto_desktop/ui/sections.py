"""Which sections the main window has, in order. Each section is its own sub-package; this is
the one place that lists them."""

from __future__ import annotations

from verkosto_desktop.ui.backup.controller import BackupController
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.main_window import MainWindow


def install_sections(window: MainWindow, context: AppContext) -> None:
    """Create every section's widget and add it to the window."""
    # Sections are added here as their issues land (register, dashboard, incident, network,
    # exports); no empty placeholder pages.
    BackupController(window, context)
    window.restore_section()
