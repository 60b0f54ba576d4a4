"""Copying a phone number: to the clipboard, with a short note in the status bar."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from verkosto_desktop.i18n import _

STATUS_MS = 4000


def copy_number(origin: QWidget, number: str) -> None:
    """Put ``number`` (as shown, Finnish style) on the clipboard and say so."""
    if not number:
        return
    QGuiApplication.clipboard().setText(number)
    window = origin.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(_("Copied {number}").format(number=number), STATUS_MS)
