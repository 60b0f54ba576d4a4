"""The first rows of a file as read, for the wizard's preview (the row numbers as the
spreadsheet shows them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from verkosto_desktop.data.exchange.table import Table
from verkosto_desktop.domain.cell_values import cell_text

Index = QModelIndex | QPersistentModelIndex
SHOWN_ROWS = 200


class TablePreviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._table: Table | None = None

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._table is None:
            return 0
        return min(len(self._table.rows), SHOWN_ROWS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self._table is None else len(self._table.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._table is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self._table.rows[index.row()].cells
            value = cells[index.column()] if index.column() < len(cells) else None
            text = cell_text(value)
            return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", " ⏎ ")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self._table is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._table.headers[section]
        return str(self._table.rows[section].number)
