"""The words that name a field for a screen reader when it has no accessible name of its own."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QWidget


def label_of(widget: QWidget) -> str:
    """The text of the label whose buddy is ``widget`` (as a form row makes), without its "&"."""
    parent = widget.parentWidget()
    while parent is not None:
        for label in parent.findChildren(QLabel):
            if label.buddy() is widget:
                return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        parent = parent.parentWidget()
    return ""


class NamedLineCombo(QComboBox):
    """An editable chooser whose typing line carries its name: the keyboard is in the line, so
    a screen reader names the field from there (its own name, else its form label's)."""

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        line = self.lineEdit()
        if line is not None:
            line.setAccessibleName(name)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        line = self.lineEdit()
        if line is not None and not line.accessibleName():
            line.setAccessibleName(self.accessibleName() or label_of(self))
