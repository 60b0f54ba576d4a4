"""The coverage grids as a Qt table model: counts, the gap marker, colours and the register
filter of each cell. A refresh with the same rows and columns changes the cells in place (no
reset), so the view keeps its scroll position, selection and focus and does not flicker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from verkosto_desktop.data.dashboard.coverage import CoverageCell, CoverageGrid
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.domain.labels import wrap_label
from verkosto_desktop.domain.readiness import (
    GAP_SYMBOL,
    actors_text,
    capabilities_text,
    coverage_level,
    gap_explanation,
    gap_text,
    number_text,
)
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.ui.dashboard.colours import level_colours

FILTER_ROLE = Qt.ItemDataRole.UserRole + 1  # the ActorFilter of a cell
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2  # the cell's level on the scale (0 = gap)

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


def entry_name(entry: CatalogueEntry) -> str:
    return entry.name(current_language())


def wrapped(text: str, width: int) -> str:
    """A long header name on several lines (headers have no word wrap of their own)."""
    return "\n".join(wrap_label(text, width))


class CoverageModel(QAbstractTableModel):
    """One coverage grid. ``compact`` cells (the wide category grid) show the actor count only."""

    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self._grid: CoverageGrid | None = None
        self._most = 0
        self._situation_names: dict[str, str] = {}
        self._compact = compact
        self._dark = False
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def grid(self) -> CoverageGrid | None:
        return self._grid

    def set_grid(self, grid: CoverageGrid, situations: tuple[CatalogueEntry, ...] = ()) -> None:
        """Show ``grid``; ``situations`` names the columns of a category grid."""
        old = self._grid
        self._situation_names = {entry.key: entry_name(entry) for entry in situations}
        same_shape = (
            old is not None
            and [e.key for e in old.rows] == [e.key for e in grid.rows]
            and old.columns == grid.columns
        )
        if not same_shape:
            self.beginResetModel()
            self._grid, self._most = grid, grid.most_actors
            self.endResetModel()
            return
        self._grid, self._most = grid, grid.most_actors
        assert old is not None
        if old.cells != grid.cells or old.phase != grid.phase:
            self._changed_everywhere()
        if old.rows != grid.rows:  # a renamed catalogue entry
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(grid.rows) - 1)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(grid.columns) - 1)

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._changed_everywhere()

    def _changed_everywhere(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # -- model --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() or self._grid is None else len(self._grid.rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() or self._grid is None else len(self._grid.columns)

    def column_name(self, column: int) -> str:
        assert self._grid is not None
        key = self._grid.columns[column]
        if self._grid.phase is None:
            return Phase(key).label()
        return self._situation_names.get(key, key)

    def row_name(self, row: int) -> str:
        assert self._grid is not None
        return entry_name(self._grid.rows[row])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if self._grid is None:
            return None
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            if horizontal:
                name = self.column_name(section)
                return wrapped(name, 12) if self._compact else name
            return self.row_name(section)  # one line: every row fits the screen
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.column_name(section) if horizontal else self.row_name(section)
        return None

    def cell_sentence(self, row: int, column: int) -> str:
        """The cell in words: where, how many, or that it is a gap."""
        assert self._grid is not None
        cell = self._grid.cell(row, column)
        place = f"{self.row_name(row)} · {self.column_name(column)}"
        if self._grid.phase is not None:
            place += f" · {Phase(self._grid.phase).label()}"
        if cell.is_gap:
            return f"{place}: {gap_explanation()}"
        counts = f"{actors_text(cell.actors)}, {capabilities_text(cell.capabilities)}"
        return f"{place}: {counts}. " + _("Click to list them in the register.")

    def _display(self, cell: CoverageCell) -> str:
        if self._compact:
            return f"{GAP_SYMBOL} 0" if cell.is_gap else number_text(cell.actors)
        if cell.is_gap:
            return gap_text()
        return f"{actors_text(cell.actors)} · {capabilities_text(cell.capabilities)}"

    def data(self, index: Index, role: int = 0) -> Any:
        if self._grid is None or not index.isValid():
            return None
        cell = self._grid.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cell)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell_sentence(index.row(), index.column())
        if role == LEVEL_ROLE:
            return coverage_level(cell.actors, self._most)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            level = coverage_level(cell.actors, self._most)
            background, text = level_colours(level, self._dark)
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        if role == Qt.ItemDataRole.FontRole and cell.is_gap:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == FILTER_ROLE:
            return self._grid.filter_for(index.row(), index.column())
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
