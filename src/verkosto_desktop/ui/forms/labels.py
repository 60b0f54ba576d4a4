"""The words that name a field for a screen reader when it has no accessible name of its own."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def label_of(widget: QWidget) -> str:
    """The text of the label whose buddy is ``widget`` (as a form row makes), without its "&"."""
    parent = widget.parentWidget()
    while parent is not None:
        for label in parent.findChildren(QLabel):
            if label.buddy() is widget:
                return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        parent = parent.parentWidget()
    return ""
