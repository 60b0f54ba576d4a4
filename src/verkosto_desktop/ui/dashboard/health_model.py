"""Register health as a table: what is wrong (or that all is well) and how many it concerns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from verkosto_desktop.data.dashboard.health import HealthItem, RegisterHealth
from verkosto_desktop.domain.readiness import (
    ACTIVITY_MONTHS,
    GAP_SYMBOL,
    HEALTH_BY_KEY,
    OK_SYMBOL,
    contacts_text,
    health_count_text,
    number_text,
)
from verkosto_desktop.i18n import _

FILTER_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_COUNT, COLUMN_CHECK = 0, 1

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


class HealthModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._health: RegisterHealth | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_health(self, health: RegisterHealth) -> None:
        old = self._health
        if old is not None and [i.key for i in old.items] == [i.key for i in health.items]:
            self._health = health
            if old != health:
                self.dataChanged.emit(self.index(0, 0), self.index(len(health.items) - 1, 1))
            return
        self.beginResetModel()
        self._health = health
        self.endResetModel()

    def item(self, row: int) -> HealthItem:
        assert self._health is not None
        return self._health.items[row]

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() or self._health is None else len(self._health.items)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _("Actors concerned") if section == COLUMN_COUNT else _("Check")
        return None

    def _title(self, item: HealthItem) -> str:
        assert self._health is not None
        check = HEALTH_BY_KEY[item.key]
        months = ACTIVITY_MONTHS if item.key == "inactive_members" else self._health.months
        return check.ok_text(months) if item.ok else check.title_text(months)

    def _count(self, item: HealthItem) -> str:
        return f"{OK_SYMBOL} 0" if item.ok else f"{GAP_SYMBOL} {number_text(item.actors)}"

    def data(self, index: Index, role: int = 0) -> Any:
        if self._health is None or not index.isValid():
            return None
        item = self._health.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == COLUMN_COUNT:
                return self._count(item)
            if item.contacts:
                return f"{self._title(item)} ({contacts_text(item.contacts)})"
            return self._title(item)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self._title(item)}: {health_count_text(item.actors, item.contacts)}. " + _(
                "Click to list them in the register."
            )
        if role == Qt.ItemDataRole.FontRole and not item.ok and index.column() == COLUMN_COUNT:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COLUMN_COUNT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == FILTER_ROLE:
            return item.filter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
