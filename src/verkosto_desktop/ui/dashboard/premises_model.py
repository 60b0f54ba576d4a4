"""Premises per area as a table: premises, with backup power, with heating in a power cut;
"⚠ ei yhtään" where an area has none. A count of power or heat opens the register filtered to
the actors with such premises in that area (the same filter the count was made with)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from verkosto_desktop.data.dashboard.premises import AreaPremises
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.domain.premises import PremisesFeature
from verkosto_desktop.domain.readiness import GAP_SYMBOL, number_text
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.dashboard.coverage_model import FILTER_ROLE

COLUMN_AREA, COLUMN_PREMISES, COLUMN_POWER, COLUMN_HEAT = range(4)
FEATURES = {COLUMN_POWER: PremisesFeature.BACKUP_POWER, COLUMN_HEAT: PremisesFeature.HEATING}

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


def none_text() -> str:
    """ "⚠ ei yhtään": an area without such premises."""
    return f"{GAP_SYMBOL} " + _("none at all")


class PremisesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AreaPremises] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_areas(self, rows: tuple[AreaPremises, ...] | list[AreaPremises]) -> None:
        rows = list(rows)
        if rows == self._rows:
            return
        if [r.area for r in rows] == [r.area for r in self._rows]:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 3))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Area"), _("Premises"), _("Backup power"), _("Heating"))[section]
        tooltip = role == Qt.ItemDataRole.ToolTipRole and section == COLUMN_HEAT
        if orientation == Qt.Orientation.Horizontal and tooltip:
            return _("Premises whose heating works in a power cut")
        return None

    def _count(self, row: AreaPremises, column: int) -> int:
        return (row.premises, row.backup_power, row.heating)[column - 1]

    def _text(self, row: AreaPremises, column: int) -> str:
        if column == COLUMN_AREA:
            return row.area or _("No area")
        count = self._count(row, column)
        return none_text() if count == 0 else number_text(count)

    def filter_for(self, row: int, column: int) -> ActorFilter | None:
        """The register filter of a count of power or heat (None for other cells)."""
        area = self._rows[row].area
        feature = FEATURES.get(column)
        if feature is None or not area:
            return None
        return ActorFilter(area=area, premises=(feature.value,))

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column in FEATURES:
                what = FEATURES[column].label()
                area = row.area or _("No area")
                return f"{area} · {what}: {self._text(row, column)}"
            return None
        if role == Qt.ItemDataRole.FontRole and column != COLUMN_AREA:
            return self._bold if self._count(row, column) == 0 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COLUMN_AREA:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == FILTER_ROLE:
            return self.filter_for(index.row(), column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
