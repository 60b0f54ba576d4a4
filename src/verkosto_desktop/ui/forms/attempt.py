"""Run one data-layer operation from a button, turning its errors into a message box; a refused
write offers to try again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.domain.errors import VerkostoError

T = TypeVar("T")


def attempt(parent: QWidget, title: str, action: Callable[[], T]) -> tuple[bool, T | None]:
    """``(True, result)`` when ``action`` succeeded, ``(False, None)`` when the user gave up."""
    while True:
        try:
            return True, action()
        except WriteFailed as error:
            answer = QMessageBox.warning(
                parent,
                title,
                str(error),
                QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Retry,
            )
            if answer != QMessageBox.StandardButton.Retry:
                return False, None
        except VerkostoError as error:
            QMessageBox.warning(parent, title, str(error))
            return False, None
