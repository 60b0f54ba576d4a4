"""A table column that takes the rest of the row, as a stretching column does, but never less
than a readable width.

Qt's stretching column gets what the other columns leave, down to a few pixels: on a 1024-pixel
screen who can help's capability column was 28 pixels ("T…"). With a floor the column keeps its
width and the table scrolls sideways instead, which the views allow.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

FLOORS_PROPERTY = "columnFloors"


class ColumnFloor(QObject):
    """Keeps ``column`` of ``table`` as wide as the room left, and at least ``least`` pixels."""

    def __init__(self, table: QTableView, column: int, least: int) -> None:
        super().__init__(table)
        self._table = table
        self._column = column
        self._least = least
        self._busy = False
        header = table.horizontalHeader()
        if column < header.count():  # (a model's later columns are interactive already)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._section_resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.fit())
        table.viewport().installEventFilter(self)
        floors = dict(table.property(FLOORS_PROPERTY) or {})
        floors[str(column)] = least  # read by the small-screen test
        table.setProperty(FLOORS_PROPERTY, floors)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self._column:
            self.fit()

    def fit(self) -> None:
        """Give the column the room the other shown columns leave (at least the floor)."""
        if self._busy:
            return
        header = self._table.horizontalHeader()
        if self._column >= header.count():
            return
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._column and not header.isSectionHidden(c)
        )
        width = max(self._least, self._table.viewport().width() - others)
        if header.sectionSize(self._column) != width:
            self._busy = True
            try:
                header.resizeSection(self._column, width)
            finally:
                self._busy = False


def keep_column_readable(table: QTableView, column: int, least: int = 160) -> ColumnFloor:
    """Let ``column`` take the rest of the row but never shrink under ``least`` pixels."""
    return ColumnFloor(table, column, least)
