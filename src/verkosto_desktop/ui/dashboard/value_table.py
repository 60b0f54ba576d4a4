"""A read-only table model over a short tuple of frozen values, with one function per column.
For the dashboard's small lists (coming activities, open plan items): never thousands of rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


class Column(Generic[T]):
    def __init__(
        self,
        header: Callable[[], str],
        text: Callable[[T], str],
        tooltip: Callable[[T], str] | None = None,
    ) -> None:
        self.header = header  # called when shown, so the header follows the language
        self.text = text
        self.tooltip = tooltip


class ValueTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]]) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: tuple[T, ...] = ()

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show ``rows``; equal rows change nothing (no reset, no flicker)."""
        rows = tuple(rows)
        if rows == self._rows:
            return
        if len(rows) == len(self._rows):
            self._rows = rows
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(rows) - 1, len(self._columns) - 1)
                )
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, index: int) -> T:
        return self._rows[index]

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header()
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        value = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(value)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return (column.tooltip or column.text)(value)
        return None
