"""A known register for the register section's tests, and helpers to drive the window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.section import RegisterSection

TODAY = local_today()
RECENT = TODAY - timedelta(days=30)
LONG_AGO = TODAY - timedelta(days=800)


@dataclass(frozen=True)
class Spec:
    """One actor of the known register and what it holds."""

    name: str
    kind: str
    area: str
    membership: str = "member"
    verified: date | None = RECENT
    contact: tuple[str, str] | None = None  # name, phone as typed
    capabilities: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = field(default=())


KNOWN = (
    Spec(
        "Esimerkkilän Martat",
        "association",
        "Keskusta",
        contact=("Maija Meikäläinen", "040 123 4567"),
        capabilities=(("catering", ("response",), ("power_outage",)),),
    ),
    Spec(
        "Öljymäen VPK",
        "readiness_organisation",
        "Kirkonkylä",
        verified=LONG_AGO,
        contact=("Timo Hämäläinen", "09 765 4321"),
        capabilities=(("power_supply", ("response", "recovery"), ("power_outage", "storm")),),
    ),
    Spec(
        "Ähtärin seurakunta",
        "parish",
        "Keskusta",
        membership="candidate",
        verified=None,
        capabilities=(("catering", ("recovery",), ("storm",)),),
    ),
    Spec("Aapiskoulu", "municipality", "Ylikylä"),
    Spec(
        "Zeta-kerho",
        "association",
        "Åminne",
        contact=("Zorro Zetterberg", "050 246 8100"),
        capabilities=(("activities", ("preparedness",), ("social_crisis",)),),
    ),
)


def fill(store: Store) -> dict[str, str]:
    """Write the known register; returns the id of each actor by name."""
    ids: dict[str, str] = {}
    for spec in KNOWN:
        actor = actors.create_actor(
            store,
            {
                "name": spec.name,
                "kind": spec.kind,
                "area": spec.area,
                "membership_status": spec.membership,
                "last_verified_on": spec.verified,
            },
        )
        ids[spec.name] = actor.id
        if spec.contact:
            contacts.add_contact(
                store,
                actor.id,
                {"name": spec.contact[0], "mobile": spec.contact[1], "is_primary": True},
            )
        for category, phases, situations in spec.capabilities:
            capabilities.add_capability(
                store,
                actor.id,
                {"category_key": category, "phases": phases, "situations": situations},
            )
    return ids


def open_window(qtbot: QtBot, path: Path) -> tuple[MainWindow, RegisterSection]:
    """The main window on ``path``, shown and active, and its register section."""
    window = build_window(path)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    section = window.show_section("register")  # the dashboard is the first section
    assert isinstance(section, RegisterSection)
    return window, section


def shown_names(section: RegisterSection) -> list[str]:
    """The names in the table, top to bottom, as the user reads them."""
    model = section.table.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_check(qtbot: QtBot, box: QWidget) -> None:
    """Click a check box on its box (a wide check box ignores clicks right of its caption)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click_tab(qtbot: QtBot, tabs: QTabWidget, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def click_row(qtbot: QtBot, section: RegisterSection, row: int, column: int = 0) -> None:
    table = section.table
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def double_click_cell(qtbot: QtBot, section: RegisterSection, row: int, column: int) -> None:
    table = section.table
    centre: QPoint = table.visualRect(table.model().index(row, column)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Focus ``widget`` by clicking it, select what it holds, and type ASCII ``text``."""
    click(qtbot, widget)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def leave(qtbot: QtBot, widget: QWidget) -> None:
    """Move on with Tab, as a user does after typing (the field saves on focus-out)."""
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    QApplication.processEvents()


def choose(qtbot: QtBot, combo: QWidget, data: object) -> None:
    """Choose the item holding ``data`` with the arrow keys, as a keyboard user does (each step
    is a choice the form hears)."""
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    QApplication.processEvents()
