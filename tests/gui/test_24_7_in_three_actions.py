"""Whom to call, with no incident under way: from a cold start to the number of someone reachable
24/7 who can help in a power outage's response phase, in at most three actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.incident import incidents
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.actor_table_model import PHONE_ROLE
from verkosto_desktop.ui.register.row_text import COL_24_7, COL_NAME, COL_PHONE

MOST_ACTIONS = 3


class Actions:
    """What the user does, counted: a click, a key, or a typed word is one action."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        self.count += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())

    def key(self, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        self.count += 1
        self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget: QWidget, text: str) -> None:
        self.count += 1
        self.qtbot.keyClicks(widget, text)


@pytest.fixture
def quiet_demo(demo_path: Path) -> Path:
    """The demo network with its incidents over: normal times."""
    with Store.open(demo_path) as store:
        for incident in incidents.active_incidents(store):
            incidents.close_incident(store, incident.id, "", at=utcnow())
        assert incidents.active_incidents(store) == []
    return demo_path


def _cold_start(qtbot: QtBot, path: Path) -> MainWindow:
    window = build_window(path)
    qtbot.addWidget(window)
    window.resize(1024, 600)  # the smallest laptop
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.current_section() == "dashboard"  # what a new user sees first
    dashboard = window.section("dashboard")
    qtbot.waitUntil(lambda: getattr(dashboard, "picture", None) is not None, timeout=10_000)
    return window


def _number_on_screen(window: MainWindow) -> str:
    """The first row's 24/7 mark and the number to call, both shown and in view."""
    table = window.findChild(QTableView, "actorTable")
    assert table is not None and table.isVisible()
    model = table.model()
    assert model.rowCount() > 0
    view = table.viewport().rect()
    for column in (COL_NAME, COL_PHONE, COL_24_7):
        assert view.contains(table.visualRect(model.index(0, column))), column
    assert model.index(0, COL_24_7).data() == "24/7"
    shown = str(model.index(0, COL_PHONE).data())
    assert model.index(0, COL_PHONE).data(PHONE_ROLE)
    assert len([ch for ch in shown if ch.isdigit()]) >= 8, shown  # a whole number
    return shown


def test_from_the_dashboard_cell_in_one_click(qtbot: QtBot, quiet_demo: Path) -> None:
    window = _cold_start(qtbot, quiet_demo)
    actions = Actions(qtbot)
    matrix = window.findChild(QTableView, "coverageMatrix")
    assert matrix is not None
    model = matrix.model()
    row = next(
        r
        for r in range(model.rowCount())
        if model.headerData(r, Qt.Orientation.Vertical) == "Sähkökatko"
    )
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Toiminta häiriötilanteessa"
    )
    matrix.scrollTo(model.index(row, column))
    actions.click(matrix.viewport(), matrix.visualRect(model.index(row, column)).center())

    assert window.current_section() == "register"
    _number_on_screen(window)
    assert actions.count <= MOST_ACTIONS
    # Everyone reachable 24/7 comes before anyone who is not.
    table = window.findChild(QTableView, "actorTable")
    assert table is not None
    marks = [bool(table.model().index(r, COL_24_7).data()) for r in range(table.model().rowCount())]
    assert marks[0] and marks == sorted(marks, reverse=True)
    assert False in marks  # the cell also counts actors with nobody at night: listed after


def test_from_the_register_by_typing_24_7(qtbot: QtBot, quiet_demo: Path) -> None:
    window = _cold_start(qtbot, quiet_demo)
    actions = Actions(qtbot)
    navigation = window.findChild(QWidget, "navigation")
    assert navigation is not None
    actions.key(navigation, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the register
    assert window.current_section() == "register"
    search = window.findChild(QWidget, "registerSearch")
    assert search is not None and search.hasFocus()
    actions.type(search, "24/7")
    _number_on_screen(window)
    table = window.findChild(QTableView, "actorTable")
    assert table is not None
    rows = table.model().rowCount()
    assert rows > 0 and all(table.model().index(r, COL_24_7).data() for r in range(rows))
    assert actions.count <= MOST_ACTIONS


def test_the_24_7_filter_in_the_filter_bar(qtbot: QtBot, quiet_demo: Path) -> None:
    window = _cold_start(qtbot, quiet_demo)
    register = window.show_section("register")
    assert register is not None
    table = window.findChild(QTableView, "actorTable")
    assert table is not None
    everyone = table.model().rowCount()
    chip = window.findChild(QWidget, "filter24_7")
    assert chip is not None
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    rows = table.model().rowCount()
    assert 0 < rows < everyone
    assert all(table.model().index(r, COL_24_7).data() for r in range(rows))
    assert register.current_filter().reachable_24_7
