"""The register by keyboard, and the window's settings that go with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QTabBar
from pytestqt.qtbot import QtBot
from register_support import open_window

from verkosto_desktop.i18n import current_language, set_language


def test_tab_goes_from_the_search_through_the_filters_and_the_table_to_the_editor(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    _window, section = open_window(qtbot, path)
    section.select_actor(ids["Aapiskoulu"])
    section.filter_bar.search.setFocus()
    visited = []
    for _ in range(20):
        focused = QApplication.focusWidget()
        visited.append(focused)
        if focused is section.editor.page.details.name:
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    bar = section.filter_bar
    order = [bar.search, bar.kind, bar.phase, bar.situation, bar.category, bar.membership]
    assert visited[: len(order)] == order
    assert section.table in visited
    assert visited[-1] is section.editor.page.details.name
    assert visited.index(section.table) < len(visited) - 1
    for widget in visited:  # a screen reader has a name to say for each stop
        text = widget.text() if hasattr(widget, "text") else ""
        assert widget.accessibleName() or text or isinstance(widget, QTabBar), widget


def test_return_in_the_table_goes_to_the_name_field(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    _window, section = open_window(qtbot, path)
    section.select_actor(ids["Zeta-kerho"])
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Down)
    moved_to = section.editor.actor_id
    assert moved_to is not None and moved_to != ids["Zeta-kerho"]
    qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert section.editor.page.details.name.hasFocus()


def test_choosing_a_language_is_remembered_and_rebuilds_the_window(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    window, _section = open_window(qtbot, known[0])
    menus = [m for m in window.findChildren(QMenu) if m.title() == "&Kieli"]
    assert len(menus) == 1
    english = next(a for a in menus[0].actions() if a.data() == "en")
    try:
        with qtbot.waitSignal(window.open_requested) as requested:
            english.trigger()
        assert requested.args == [window.context.store.path, False]
        assert window.context.settings.value("ui/language") == "en"
        assert current_language() == "en"
    finally:
        set_language("fi")
