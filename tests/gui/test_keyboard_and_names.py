"""Keyboard and screen-reader use of the whole window: Ctrl+Tab and Ctrl+PageDown switch tabs, the
focus is always visible, the coverage grid is one Tab stop, and every widget the keyboard can
reach has a name a screen reader can say."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_walk import every_dialog, every_page

from verkosto_desktop.app import build_window
from verkosto_desktop.i18n import set_language
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.theme import apply_theme


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)
    opened = build_window(demo_path)
    qtbot.addWidget(opened)
    opened.resize(1280, 760)
    with qtbot.waitActive(opened):
        opened.show()
        opened.activateWindow()
    dashboard = opened.section("dashboard")
    qtbot.waitUntil(lambda: getattr(dashboard, "picture", None) is not None, timeout=10_000)
    return opened


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_ctrl_tab_and_ctrl_page_down_switch_the_tabs_around_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.jump_to_section("network")
    tabs = window.findChild(QTabWidget, "networkTabs")
    assert tabs is not None
    tabs.setCurrentIndex(0)
    for key, modifiers, expected in (
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier, 1),
        (Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier, 2),
        (Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier, 1),
        (
            Qt.Key.Key_Backtab,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            0,
        ),
        (Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier, 5),  # round to the last
    ):
        qtbot.keyClick(_focused(), key, modifiers)
        assert tabs.currentIndex() == expected, (key, modifiers)
        # The keyboard follows into the tab shown.
        assert tabs.isAncestorOf(_focused())
    # Inside a table too (which would keep Ctrl+Tab for itself).
    window.jump_to_section("incident")
    incident_tabs = window.findChild(QTabWidget, "incidentTabs")
    assert incident_tabs is not None
    incident_tabs.setCurrentIndex(2)
    helpers = window.findChild(QTableView, "helpersTable")
    assert helpers is not None
    helpers.setFocus()
    qtbot.keyClick(helpers, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert incident_tabs.currentIndex() == 3


def test_the_focus_is_visible_from_the_first_tab(qtbot: QtBot, window: MainWindow) -> None:
    ring = window.focus_ring
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    target = _focused()
    qtbot.waitUntil(ring.isVisible)
    around = ring.geometry()
    inside = target.rect().translated(target.mapTo(window, target.rect().topLeft()))
    visible = ring.target()
    assert visible is not None and (visible is target or visible.isAncestorOf(target))
    assert around.contains(inside.adjusted(1, 1, -1, -1))
    # On top of the window's other widgets, and it moves with the focus.
    assert window.children()[-1] is ring or ring.isVisible()
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert ring.target() is not visible and ring.geometry() != around


def test_the_coverage_grid_is_one_tab_stop(qtbot: QtBot, window: MainWindow) -> None:
    matrix = window.findChild(QTableView, "coverageMatrix")
    assert matrix is not None
    matrix.setFocus()
    matrix.setCurrentIndex(matrix.model().index(0, 0))
    qtbot.keyClick(matrix, Qt.Key.Key_Right)
    qtbot.keyClick(matrix, Qt.Key.Key_Down)
    assert (matrix.currentIndex().row(), matrix.currentIndex().column()) == (1, 1)
    qtbot.keyClick(matrix, Qt.Key.Key_Tab)
    assert not matrix.hasFocus()  # one press leaves the grid
    qtbot.keyClick(_focused(), Qt.Key.Key_Backtab)
    assert matrix.hasFocus()
    assert (matrix.currentIndex().row(), matrix.currentIndex().column()) == (1, 1)


def _can_take_focus(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.objectName() not in ("qt_scrollarea_viewport",)
    )


def _spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    name = interface.text(QAccessible.Text.Name).strip()
    parent = widget.parentWidget()
    if not name and isinstance(parent, QAbstractSpinBox):
        return _spoken_name(parent)  # a spin box is said as one control
    return name


def _shown(qtbot: QtBot, path: Path, language: str) -> MainWindow:
    set_language(language)
    window = build_window(path)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_focusable_widget_has_a_name(qtbot: QtBot, demo_path: Path, language: str) -> None:
    window = _shown(qtbot, demo_path, language)
    nameless: list[str] = []
    walked = 0
    for key in every_page(qtbot, window):
        walked += _walk_names(window, key, nameless)
    assert walked > 100
    assert not sorted(set(nameless)), "\n".join(sorted(set(nameless)))


def _walk_names(top: QWidget, where: str, nameless: list[str]) -> int:
    """Adds to ``nameless`` the widgets of ``top`` the keyboard reaches without a spoken name;
    returns how many it walked."""
    walked = 0
    for widget in top.findChildren(QWidget):
        if not _can_take_focus(widget) or widget.window() is not top:
            continue
        walked += 1
        if not _spoken_name(widget):
            parent = widget.parentWidget()
            nameless.append(
                f"{where}: {type(widget).__name__} {widget.objectName()!r} "
                f"in {type(parent).__name__ if parent else None}"
            )
    return walked


def test_every_dialog_names_its_focusable_widgets(qtbot: QtBot, demo_path: Path) -> None:
    window = _shown(qtbot, demo_path, "fi")
    nameless: list[str] = []

    def walk(where: str, dialog: QDialog) -> None:
        _walk_names(dialog, where, nameless)

    kinds = every_dialog(qtbot, window, walk)
    assert {"ActivityDialog", "MeetingDialog", "CloseIncidentDialog", "NewTaskDialog"} <= kinds
    assert {"ImportWizard", "RestoreDialog", "SendDialog", "ReceiveDialog"} <= kinds
    assert len(kinds) >= 20, kinds
    assert not sorted(set(nameless)), "\n".join(sorted(set(nameless)))
