"""Answering the window's modal dialogs from a test, as a user would (shared by GUI tests)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget


def answer_modals(*handlers: Callable[[QWidget], bool]) -> list[str]:
    """Handle the next modal dialogs in turn (each handler returns True when it handled one);
    returns the texts of the dialogs seen, for assertions."""
    pending = list(handlers)
    seen: list[str] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and pending:
            text = widget.text() if isinstance(widget, QMessageBox) else widget.objectName()
            if pending[0](widget):
                seen.append(text)
                pending.pop(0)
        if pending:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def click_button(text: str) -> Callable[[QWidget], bool]:
    def handle(widget: QWidget) -> bool:
        for button in widget.findChildren(QPushButton):
            if button.text().replace("&", "") == text and button.isVisible():
                button.click()
                return True
        return False

    return handle


def close_message(widget: QWidget) -> bool:
    if isinstance(widget, QMessageBox):
        widget.accept()
        return True
    return False
