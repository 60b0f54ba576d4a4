"""The window's text fields stop at the limit ``domain.limits`` states for their field (the same
table the data layer checks), so that nothing typed or pasted is refused only when saved."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from verkosto_desktop.domain.limits import FIELD_LIMITS


class _PlainLimit(QObject):
    """Cuts a multi-line field's text back to ``length`` characters as it changes (a paste)."""

    def __init__(self, edit: QPlainTextEdit, length: int) -> None:
        super().__init__(edit)
        self._edit = edit
        self._length = length
        edit.textChanged.connect(self._cut)

    def _cut(self) -> None:
        document = self._edit.document()
        # characterCount() counts the paragraph separator at the end.
        if document.characterCount() - 1 <= self._length:
            return
        cursor = QTextCursor(document)
        cursor.setPosition(self._length)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()


def limit_text(edit: QLineEdit | QPlainTextEdit, field: str) -> None:
    """Make ``edit`` stop at ``field``'s limit (fields without one in the table are left as
    they are)."""
    limit = FIELD_LIMITS.get(field)
    if limit is None:
        return
    if isinstance(edit, QLineEdit):
        edit.setMaxLength(limit.length)
    elif edit.findChild(_PlainLimit) is None:
        _PlainLimit(edit, limit.length)
