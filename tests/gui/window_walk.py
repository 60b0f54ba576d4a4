"""Walking the whole window as a user would look through it: every section, and in each every
tab of its tab widgets (the register with an actor in its editor, so its tabs show too)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QTabWidget
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
