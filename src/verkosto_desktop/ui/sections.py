"""Which sections the main window has, in order. Each section is its own sub-package; this is
the one place that lists them."""

from __future__ import annotations

from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.section import RegisterSection


def install_sections(window: MainWindow, context: AppContext) -> None:
    """Create every section's widget and add it to the window."""
    # Sections are added here as their issues land (register, dashboard, incident, network,
    # exports); no empty placeholder pages.
    register = RegisterSection(context)
    window.add_section("register", _("Register"), register)
    register.install_actions(window, lambda: window.show_section("register"))
    window.restore_section()
