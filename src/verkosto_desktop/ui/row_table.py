"""The read-only table model every section uses for lists of frozen rows from the data layer,
with explicit columns. Views never hold widgets per row.

``set_rows`` replaces the rows: equal rows change nothing, and rows that are the same items as
before (the same keys in the same order; without a ``key``, the same number of rows) are updated
in place, so that a refresh keeps the selection and the scroll position and does not flicker.
Anything else resets the model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its header (a translated text, or a function giving it when shown so that it
    follows the language), the text of a row, and optional extras."""

    header: str | Callable[[], str]
    text: Callable[[R], str]
    tooltip: Callable[[R], str] | None = None
    align_right: bool = False

    def title(self) -> str:
        return self.header if isinstance(self.header, str) else self.header()


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows of type ``R`` shown through ``columns``; ``key(row)`` identifies a row (``ID_ROLE``)."""

    def __init__(self, columns: Sequence[Column[R]], key: Callable[[R], str] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._key = key
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        rows = list(rows)
        if rows == self._rows:
            return
        if rows and self._same_items(rows):
            self._rows = rows
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(self._columns) - 1)
            )
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _same_items(self, rows: list[R]) -> bool:
        if len(rows) != len(self._rows):
            return False
        key = self._key
        return key is None or all(key(a) == key(b) for a, b in zip(rows, self._rows, strict=True))

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        """The row number of the row with ``key``, or -1."""
        if self._key is None:
            return -1
        return next((i for i, r in enumerate(self._rows) if self._key(r) == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (column.tooltip or column.text)(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE and self._key is not None:
            return self._key(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title()
        return None
