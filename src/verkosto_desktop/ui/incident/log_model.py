"""The incident log as a table model over the rows the data layer returns (newest first).
Corrected entries are struck through; a correction says which entry it corrects."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from verkosto_desktop.data.incident.log import LogEntryRow
from verkosto_desktop.domain.enums import LogKind
from verkosto_desktop.domain.incidents import assessment_lines
from verkosto_desktop.domain.timefmt import format_short
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.incident.common import muted_colour, strike

Index = QModelIndex | QPersistentModelIndex

COL_TIME, COL_KIND, COL_TEXT, COL_ACTOR, COL_AUTHOR, COL_RECORDED = range(6)
RowRole = Qt.ItemDataRole.UserRole + 1


def entry_summary(entry: LogEntryRow) -> str:
    """The entry's text; an assessment without one shows its filled-in fields."""
    if entry.text or entry.kind != LogKind.ASSESSMENT:
        return entry.text
    return "; ".join(f"{name}: {value}" for name, value in assessment_lines(entry.details))


class LogTableModel(QAbstractTableModel):
    """Rows of ``LogEntryRow``; ``RowRole`` gives the row itself."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[LogEntryRow] = []
        self._times: dict[str, str] = {}

    def set_rows(self, rows: list[LogEntryRow], all_times: dict[str, str] | None = None) -> None:
        """Show ``rows``; ``all_times`` maps every entry id of the log to its time (a filtered
        view still says when the entry a correction corrects happened)."""
        self.beginResetModel()
        self._rows = rows
        self._times = all_times or {r.id: format_short(r.happened_at) for r in rows}
        self.endResetModel()

    def row_at(self, row: int) -> LogEntryRow:
        return self._rows[row]

    def rows(self) -> list[LogEntryRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Time"), _("Kind"), _("Entry"), _("Actor"), _("Written by"), _("Recorded"))[
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == RowRole:
            return entry
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if entry.is_corrected:
                return strike(font)
            if entry.kind in (LogKind.DECISION, LogKind.PHASE_CHANGE) and column == COL_TEXT:
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ForegroundRole and (
            entry.is_corrected or column == COL_RECORDED
        ):
            return muted_colour()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and entry.is_corrected:
            return _("Corrected by a later entry")
        return None

    def _display(self, entry: LogEntryRow, column: int) -> str:
        if column == COL_TIME:
            return format_short(entry.happened_at)
        if column == COL_KIND:
            return LogKind(entry.kind).label()
        if column == COL_TEXT:
            text = entry_summary(entry)
            if entry.corrects_id:
                when = self._times.get(entry.corrects_id, "")
                return "↳ " + _("Correction ({time}): {text}").format(time=when, text=text)
            return text
        if column == COL_ACTOR:
            return entry.actor_name
        if column == COL_AUTHOR:
            return entry.author
        return format_short(entry.recorded_at)

    def _tooltip(self, entry: LogEntryRow) -> str:
        lines = [entry_summary(entry)]
        if entry.kind == LogKind.ASSESSMENT and entry.text:
            lines.extend(f"{name}: {value}" for name, value in assessment_lines(entry.details))
        if entry.is_corrected:
            lines.append(_("Corrected by a later entry"))
        lines.append(_("Recorded {time}").format(time=format_short(entry.recorded_at)))
        return "\n".join(line for line in lines if line)
