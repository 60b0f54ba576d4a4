"""The call round's table model: one row per call with every channel, coloured by result."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from verkosto_desktop.data.network.call_rounds import CallEntryRow
from verkosto_desktop.domain.call_rounds import other_channels as channels
from verkosto_desktop.domain.enums import CallResult
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.timefmt import format_date, format_datetime, format_time
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.row_table import Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex
# Soft colours that read on the light and the dark palette alike.
RESULT_COLOURS = {
    CallResult.REACHED: QColor(76, 175, 80, 70),
    CallResult.UPDATED: QColor(33, 150, 243, 70),
    CallResult.NO_ANSWER: QColor(255, 193, 7, 80),
    CallResult.WRONG_NUMBER: QColor(244, 67, 54, 70),
}
BUTTON_NAMES = {
    CallResult.REACHED: "callReached",
    CallResult.NO_ANSWER: "callNoAnswer",
    CallResult.WRONG_NUMBER: "callWrongNumber",
    CallResult.UPDATED: "callUpdated",
}


def phones(entry: CallEntryRow) -> str:
    return "\n".join(format_phone(p) for p in (entry.target.mobile, entry.target.landline) if p)


def other_channels(entry: CallEntryRow) -> str:
    person = entry.target
    return "\n".join(channels(person.radio, person.walk_in, person.email))


def _contact(entry: CallEntryRow) -> str:
    text = entry.target.contact_name
    if entry.target.role:
        text += f", {entry.target.role}"
    return text + (" " + _("(deleted)") if entry.contact_deleted else "")


class CallEntryModel(RowTableModel[CallEntryRow]):
    def __init__(self) -> None:
        super().__init__(
            [
                Column(_("No."), lambda e: str(e.position), align_right=True),
                Column(_("Actor"), lambda e: e.target.actor_name),
                Column(_("Contact"), _contact),
                Column(_("Phone"), lambda e: phones(e).replace("\n", ", "), phones),
                # Result and note before the rest: they stay in view on a narrow screen.
                Column(_("Result"), lambda e: CallResult(e.result).label()),
                Column(_("Note"), lambda e: e.note.replace("\n", " "), lambda e: e.note),
                Column(
                    _("Other channels"),
                    lambda e: other_channels(e).replace("\n", "; "),
                    other_channels,
                ),
                Column(_("24/7"), lambda e: _("24/7") if e.target.reachable_24_7 else ""),
                Column(_("Verified"), lambda e: format_date(e.target.last_verified_on)),
                Column(
                    _("Called"),
                    lambda e: format_time(e.called_at),
                    lambda e: format_datetime(e.called_at),
                ),
            ],
            key=lambda e: e.id,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole:
            entry = self.row_at(index.row())
            return RESULT_COLOURS.get(CallResult(entry.result)) if entry else None
        return super().data(index, role)

    def replace(self, entry: CallEntryRow) -> None:
        """Show a fresh copy of one entry without resetting the view."""
        row = self.row_of(entry.id)
        if row >= 0:
            self._rows[row] = entry
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
