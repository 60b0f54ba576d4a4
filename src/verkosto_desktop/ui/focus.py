"""Putting the keyboard into a part of the window: where it was last, or its first field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def focus_into(area: QWidget, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> bool:
    """Focus the widget inside ``area`` that had the focus last, else the first one Tab would
    reach; False when nothing inside can take the keyboard."""
    remembered = area.focusWidget()
    if remembered is not None and remembered.isVisible() and remembered.isEnabled():
        remembered.setFocus(reason)
        return True
    candidate = area.nextInFocusChain()
    while candidate is not None and candidate is not area:
        if (
            area.isAncestorOf(candidate)
            and candidate.isVisible()
            and candidate.isEnabled()
            and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            candidate.setFocus(reason)
            return True
        candidate = candidate.nextInFocusChain()
    return False
