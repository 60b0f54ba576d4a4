"""Which sections the main window has, in order, and how they reach each other. Each section is
its own sub-package; this is the one place that lists them.

Sections reach each other only through the small protocols below (the seams): a section that
opens an actor, shows a filter, shows an incident or a document, or prints what it shows. Each
section names the seams it keeps in ``SEAMS``; mypy checks the signatures (see the bottom of
this file) and a test checks that every seam a section names is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget

from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.exchange.install import ImportActions
from verkosto_desktop.ui.exchange.server_sync import ServerSyncController
from verkosto_desktop.ui.exchange.sharing_actions import ExchangeController
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.section import RegisterSection
from verkosto_desktop.ui.storage.controller import BackupController

if TYPE_CHECKING:
    from verkosto_desktop.ui.dashboard import DashboardSection
    from verkosto_desktop.ui.incident.section import IncidentSection
    from verkosto_desktop.ui.jobs import Job
    from verkosto_desktop.ui.network import NetworkSection
    from verkosto_desktop.ui.printouts import PrintoutsSection


@runtime_checkable
class OpensActor(Protocol):
    """Opens one actor's records for editing (the register)."""

    def select_actor(self, actor_id: str) -> None: ...

    def select_contact(self, actor_id: str, contact_id: str) -> None: ...

    def select_capabilities(self, actor_id: str) -> None: ...


@runtime_checkable
class ShowsFilter(Protocol):
    """Shows the actors an ``ActorFilter`` chooses and tells which filter is on screen."""

    def apply_filter(self, flt: ActorFilter) -> None: ...

    def current_filter(self) -> ActorFilter: ...


@runtime_checkable
class PrintsAsShown(Protocol):
    """Prints what the section shows (File → "Print as shown", Ctrl+P)."""

    def print_as_shown(self) -> object: ...


@runtime_checkable
class ShowsIncident(Protocol):
    """Shows one incident."""

    def show_incident(self, incident_id: str) -> None: ...


@runtime_checkable
class ShowsDocument(Protocol):
    """Chooses a printed document (with its incident and meeting) and previews it."""

    def show_document(
        self, document: str, incident_id: str | None = None, meeting_id: str | None = None
    ) -> None: ...


@runtime_checkable
class WritesPrintPack(Protocol):
    """Writes the whole print pack into a folder the user chooses (File → "Print pack…")."""

    def write_pack(self) -> Job | None: ...


Seam = TypeVar(
    "Seam", OpensActor, ShowsFilter, PrintsAsShown, ShowsIncident, ShowsDocument, WritesPrintPack
)

# The seams each section keeps, by section key.
SEAMS: dict[str, tuple[type, ...]] = {
    "dashboard": (PrintsAsShown,),
    "register": (OpensActor, ShowsFilter, PrintsAsShown),
    "incident": (ShowsIncident,),
    "network": (),
    "printouts": (ShowsDocument, WritesPrintPack),
}


def seam(window: MainWindow, key: str, kind: type[Seam], *, show: bool = False) -> Seam | None:
    """Section ``key`` as the seam ``kind`` (built now if it was not yet; shown first when
    ``show``), or None when the window has no such section (tests build windows with a few
    sections). A section that lacks a seam it should keep is a programming error, not a quiet
    no-op: it raises."""
    section = window.show_section(key) if show else window.section(key)
    if section is None:
        return None
    if not isinstance(section, kind):
        raise TypeError(f"The {key} section does not keep the {kind.__name__} seam")
    return section


def install_sections(window: MainWindow, context: AppContext) -> None:
    """Add every section to the window and connect the sections to each other.

    The register is built at once (other sections and the Edit menu reach into it); the others
    are built when first shown, so that opening a file pays only for what the user sees.
    """
    window.add_section("dashboard", _("Situation overview"), lambda: build_dashboard(window))
    register = RegisterSection(context)
    window.add_section("register", _("Register"), register)
    register.install_actions(window, lambda: window.show_section("register"))
    register.print_requested.connect(lambda flt: print_as_shown(window, flt))
    ImportActions(window, context, register)
    window.add_section("incident", _("Incident"), lambda: build_incident(window, context))
    install_incident_banner(window, context)
    window.add_section("network", _("Network"), lambda: build_network(window, context))
    window.add_section("printouts", _("Printouts"), lambda: build_printouts(context))
    add_printouts_action(window)
    if not context.store.is_server:
        # The regional register is backed up on the server by its administrator; laptops
        # share with it by syncing, not by bundles.
        BackupController(window, context)
        ExchangeController(window, context)
        ServerSyncController(window, context)
    window.restore_section()


def build_dashboard(window: MainWindow) -> DashboardSection:
    """The dashboard, able to open the register and the incident section."""
    from verkosto_desktop.ui.dashboard import DashboardSection

    dashboard = DashboardSection(window.context)
    dashboard.open_register.connect(lambda flt: open_register(window, flt))
    dashboard.open_incident.connect(lambda incident_id: open_incident(window, incident_id))
    dashboard.set_incident_link(window.has_section("incident"))
    dashboard.print_list.connect(lambda flt: print_as_shown(window, flt))
    dashboard.open_network.connect(lambda: window.show_section("network"))
    dashboard.print_pack.connect(lambda: write_print_pack(window))
    return dashboard


def build_incident(window: MainWindow, context: AppContext) -> IncidentSection:
    """The incident section; its meetings print the coordination-meeting pack."""
    from verkosto_desktop.ui.incident.section import IncidentSection

    incident = IncidentSection(context)

    def print_pack(incident_id: str, meeting_id: str) -> None:
        # The pack of this incident (closed ones too) with this meeting's details.
        printouts = seam(window, "printouts", ShowsDocument, show=True)
        if printouts is not None:
            printouts.show_document("meeting", incident_id, meeting_id or None)

    incident.set_meeting_pack_printer(print_pack)
    return incident


def install_incident_banner(window: MainWindow, context: AppContext) -> None:
    """The active incident's banner in the status bar (shown whichever section is open)."""
    from verkosto_desktop.ui.incident.banner import ActiveIncidentBanner

    banner = ActiveIncidentBanner(context)
    banner.open_incident.connect(lambda incident_id: open_incident(window, incident_id))
    window.add_status_widget(banner)


def build_network(window: MainWindow, context: AppContext) -> NetworkSection:
    """The network's life: founding steps, survey, membership, call rounds, activities, plan.
    It prints through the printouts section and edits contacts in the register."""
    from verkosto_desktop.ui.network import NetworkSection

    network = NetworkSection(context)
    network.restore_settings(context.settings)
    network.print_requested.connect(lambda document: show_document(window, document))
    network.edit_contact_requested.connect(
        lambda actor_id, contact_id: edit_contact(window, actor_id, contact_id)
    )
    network.open_capabilities_requested.connect(
        lambda actor_id: show_capabilities(window, actor_id)
    )
    return network


def build_printouts(context: AppContext) -> PrintoutsSection:
    """The printed sheets and exports."""
    from verkosto_desktop.ui.printouts import PrintoutsSection

    return PrintoutsSection(context)


# The sections File → "Print as shown" (Ctrl+P) prints: each prints what it shows.
PRINTABLE_SECTIONS = ("dashboard", "register")


def add_printouts_action(window: MainWindow) -> None:
    """File → "Print and export…" opens the printouts section; File → "Print pack…" writes the
    whole paper kit; File → "Print as shown…" (Ctrl+P) prints what the section on screen
    shows."""
    action = QAction(_("Print and e&xport…"), window)
    action.triggered.connect(lambda: window.show_section("printouts"))
    window.add_file_action(action)
    pack = QAction(_("Print pac&k…"), window)
    pack.setObjectName("printPack")
    pack.setStatusTip(_("The whole paper kit into a new dated folder, e.g. on a USB stick"))
    pack.triggered.connect(lambda: write_print_pack(window))
    window.add_file_action(pack)
    shown = QAction(_("&Print as shown…"), window)
    shown.setObjectName("printAsShown")
    shown.setShortcut(QKeySequence.StandardKey.Print)
    shown.triggered.connect(lambda: print_current_section(window))
    window.add_file_action(shown)
    window.file_menu.setToolTipsVisible(True)  # a disabled "Print as shown" says why
    navigation = window.findChild(QListWidget, "navigation")
    if navigation is not None:
        navigation.currentRowChanged.connect(lambda _row: follow_section(window, shown))
    follow_section(window, shown)


def write_print_pack(window: MainWindow) -> None:
    """File → "Print pack…": the printouts section asks for the folder and writes the pack."""
    printouts = seam(window, "printouts", WritesPrintPack, show=True)
    if printouts is not None:
        printouts.write_pack()


def follow_section(window: MainWindow, action: QAction) -> None:
    """ "Print as shown" says what it prints in the section on screen, or why it cannot."""
    key = window.current_section()
    if key == "dashboard":
        tip = _("Save the situation overview as the one-page readiness sheet (PDF)")
    elif key == "register":
        tip = _("Print exactly the actors shown, with the search and filters in use")
    else:
        tip = _(
            "Prints what the situation overview or the register shows; this section prints "
            "from its own buttons, and Print and export has every printed sheet."
        )
    action.setEnabled(key in PRINTABLE_SECTIONS)
    action.setToolTip(tip)
    action.setStatusTip(tip)


def print_current_section(window: MainWindow) -> None:
    """File → "Print as shown" (Ctrl+P): on the dashboard the readiness sheet (as its own print
    button does), in the register its rows as they are on screen."""
    key = window.current_section()
    if key in PRINTABLE_SECTIONS:
        section = seam(window, key, PrintsAsShown)
        if section is not None:
            section.print_as_shown()


def print_as_shown(window: MainWindow, flt: ActorFilter) -> None:
    """Preview, save or print exactly the actors ``flt`` chooses (the register as filtered, a
    register-health list)."""
    from verkosto_desktop.ui.printouts import print_actor_list

    print_actor_list(window, window.context, flt)


def show_document(window: MainWindow, document: str, incident_id: str | None = None) -> None:
    """Open the printouts section on ``document`` (e.g. "plan", "meeting") with its preview."""
    printouts = seam(window, "printouts", ShowsDocument, show=True)
    if printouts is not None:
        printouts.show_document(document, incident_id)


def edit_contact(window: MainWindow, actor_id: str, contact_id: str) -> None:
    """Open one contact person in the register's editor (e.g. after a call found changes)."""
    register = seam(window, "register", OpensActor, show=True)
    if register is not None:
        register.select_contact(actor_id, contact_id)


def show_capabilities(window: MainWindow, actor_id: str) -> None:
    """Open an actor's capabilities in the register's editor (from the survey's answers)."""
    register = seam(window, "register", OpensActor, show=True)
    if register is not None:
        register.select_capabilities(actor_id)


def open_register(window: MainWindow, flt: ActorFilter) -> None:
    """Show the register filtered by ``flt`` (when the window has a register section)."""
    register = seam(window, "register", ShowsFilter, show=True)
    if register is not None:
        register.apply_filter(flt)


def open_incident(window: MainWindow, incident_id: str) -> None:
    """Show one incident in the incident section (when the window has one)."""
    incident = seam(window, "incident", ShowsIncident, show=True)
    if incident is not None:
        incident.show_incident(incident_id)


if TYPE_CHECKING:
    # mypy checks here that each section keeps the seams SEAMS names, signatures and all.
    def _seams_kept(
        dashboard: DashboardSection,
        register: RegisterSection,
        incident: IncidentSection,
        printouts: PrintoutsSection,
    ) -> tuple[PrintsAsShown, OpensActor, ShowsFilter, PrintsAsShown, ShowsIncident, ShowsDocument]:
        return dashboard, register, register, register, incident, printouts
