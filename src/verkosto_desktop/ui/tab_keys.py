"""Ctrl+Tab and Ctrl+PageDown (with Shift, or Ctrl+PageUp, backwards) switch the tabs nearest to
the keyboard focus, wherever in the window it is: inside a table or a text box the keys would
otherwise be taken by the field, and a section's tabs could only be reached with the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

from verkosto_desktop.ui.focus import focus_into

FORWARD = ("Ctrl+Tab", "Ctrl+PgDown")
BACKWARD = ("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp")


def nearest_tabs(window: QMainWindow) -> QTabWidget | None:
    """The tab widget around the focused widget, else the first one shown in the section."""
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None and widget is not window:
        if isinstance(widget, QTabWidget) and widget.isVisible():
            return widget
        widget = widget.parentWidget()
    central = window.centralWidget()
    shown = [t for t in central.findChildren(QTabWidget) if t.isVisible()] if central else []
    return shown[0] if shown else None


def switch_tab(window: QMainWindow, step: int) -> bool:
    """Move ``step`` tabs (wrapping round, skipping disabled ones); False when no tabs show."""
    tabs = nearest_tabs(window)
    if tabs is None or tabs.count() < 2:
        return False
    index = tabs.currentIndex()
    for _ in range(tabs.count()):
        index = (index + step) % tabs.count()
        if tabs.isTabEnabled(index):
            break
    tabs.setCurrentIndex(index)
    if not focus_into(tabs.currentWidget(), Qt.FocusReason.TabFocusReason):
        tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    return True


def install_tab_keys(window: QMainWindow) -> None:
    """Window-wide shortcuts for switching tabs."""
    for keys, step in ((FORWARD, 1), (BACKWARD, -1)):
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda s=step: switch_tab(window, s))
