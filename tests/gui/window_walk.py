"""Walking the whole window as a user would look through it: every section, and in each every
tab of its tab widgets (the register with an actor in its editor, so its tabs show too); and
every dialog that a "…" button on those pages opens."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QPushButton, QTabWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.ui.main_window import MainWindow

SECTIONS = ("dashboard", "register", "incident", "network", "printouts")


def every_page(qtbot: QtBot, window: MainWindow) -> Iterator[str]:
    """Show each section and each of its tabs in turn; yields where the window is."""
    for key in SECTIONS:
        section = window.show_section(key)
        assert section is not None
        if key == "register":
            section.select_actor(section.visible_ids()[0])  # type: ignore[attr-defined]
        qtbot.wait(30)
        tab_widgets = [t for t in section.findChildren(QTabWidget) if t.isVisible()]
        if not tab_widgets:
            yield key
            continue
        for tabs in tab_widgets:
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                qtbot.wait(20)
                yield f"{key}: {tabs.tabText(index)}"


def every_dialog(
    qtbot: QtBot, window: MainWindow, visit: Callable[[str, QDialog], None]
) -> set[str]:
    """Press every "…" button of every page once, and every "…" entry of the menus; ``visit(where, dialog)`` each dialog it opens,
    then cancel it (a modal one from inside its own loop). Returns the dialogs' class names."""
    opened: list[QDialog] = []
    pressed = ""

    def visit_dialogs() -> None:
        for top in QApplication.topLevelWidgets():
            if isinstance(top, QDialog) and top.isVisible() and top not in opened:
                opened.append(top)
                visit(f"{pressed} → {type(top).__name__}", top)
                top.reject()

    timer = QTimer()
    timer.timeout.connect(visit_dialogs)
    timer.start(150)
    tried: set[tuple[str, str]] = set()
    try:
        for where in every_page(qtbot, window):
            key = window.current_section()
            assert key is not None
            section = window.section(key)
            assert section is not None
            tabs = {t: t.currentIndex() for t in section.findChildren(QTabWidget) if t.isVisible()}
            buttons = [
                b
                for b in section.findChildren(QPushButton)
                if b.isVisible() and b.isEnabled() and b.text().endswith("…")
            ]
            for button in buttons:
                if (key, button.text()) in tried:
                    continue
                tried.add((key, button.text()))
                # A button may have led elsewhere (the incident banner): back to this page.
                window.show_section(key)
                for tab_widget, index in tabs.items():
                    tab_widget.setCurrentIndex(index)
                if not (button.isVisible() and button.isEnabled()):
                    continue
                pressed = f"{where} [{button.text()}]"
                button.click()  # returns when a modal dialog has been visited and cancelled
                qtbot.wait(200)
                visit_dialogs()
        for menu in window.menuBar().findChildren(QMenu):  # and the menus' "…" entries
            for action in menu.actions():
                if action.menu() is None and action.isEnabled() and action.text().endswith("…"):
                    pressed = f"{menu.title()} > {action.text()}"
                    action.trigger()
                    qtbot.wait(200)
                    visit_dialogs()
    finally:
        timer.stop()
    return {type(d).__name__ for d in opened}
