"""Which sections the main window has, in order. Each section is its own sub-package; this is
the one place that lists them."""

from __future__ import annotations

from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.main_window import MainWindow


def _install_network(window: MainWindow, context: AppContext) -> None:
    from verkosto_desktop.ui.network import NetworkSection

    network = NetworkSection(context)
    window.add_section("network", _("Network"), network)
    network.restore_settings(context.settings)
    # A call that found changed details opens the contact in the register's editor, and the
    # plan prints through the exports section; both connect here once those sections exist.
    network.edit_contact_requested.connect(
        lambda actor_id, contact_id: _edit_contact(window, actor_id, contact_id)
    )
    network.print_requested.connect(lambda document: _print(window, document))


def _edit_contact(window: MainWindow, actor_id: str, contact_id: str) -> None:
    register = window.show_section("register")
    # The register (its own branch) opens an actor with ``select_actor``; until it can open
    # one contact, the actor's editor with its contacts is shown. TODO(lead): pass contact_id.
    select = getattr(register, "select_actor", None)
    if callable(select):
        select(actor_id)
    del contact_id


def _print(window: MainWindow, document: str) -> None:
    # TODO(lead): ask the exports section for ``document`` ("plan") when the printing branch
    # lands; until then this only switches to it.
    window.show_section("exports")
    del document


def install_sections(window: MainWindow, context: AppContext) -> None:
    """Create every section's widget and add it to the window."""
    # Sections are added here as their issues land (register, dashboard, incident, network,
    # exports); no empty placeholder pages.
    _install_network(window, context)
    window.restore_section()
