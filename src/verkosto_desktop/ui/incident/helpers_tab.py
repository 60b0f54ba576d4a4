"""Who can help: the capabilities fitting the incident's situation types and phase, ranked
(reachable 24/7 first, then activation time, then capacity), each with the contact and phone.
A click on a row's last cell opens the task form for that actor, filled in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.data.incident.who_can_help import HelperRow, count_who_can_help, who_can_help
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.domain.incidents import capability_phase
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.i18n import N_, _
from verkosto_desktop.ui.column_floor import keep_column_readable
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.incident.common import category_names, situation_names

Index = QModelIndex | QPersistentModelIndex
(COL_ALWAYS, COL_ACTOR, COL_CAPABILITY, COL_ACTIVATION, COL_CAPACITY, COL_CONTACT, COL_PHONE) = (
    range(7)
)
COL_RADIO, COL_TASK = 7, 8
SHOWN = 300  # rows listed at most; the rest are further down the ranking anyway
HEADERS = (
    N_("24/7"),
    N_("Actor"),
    N_("Capability"),
    N_("Ready in"),
    N_("Capacity"),
    N_("Contact"),
    N_("Phone"),
    N_("Radio"),
    "",
)


def activation_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    if minutes < 60 or minutes % 60:
        return _("{minutes} min").format(minutes=minutes)
    return _("{hours} h").format(hours=minutes // 60)


class HelperModel(QAbstractTableModel):
    def __init__(self, categories: Callable[[], dict[str, str]]) -> None:
        super().__init__()
        self.rows: list[HelperRow] = []
        self._categories = categories
        self._names: dict[str, str] = {}

    def set_rows(self, rows: list[HelperRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._names = self._categories()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section]) if HEADERS[section] else ""
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_ALWAYS:
            return _("Reachable around the clock")
        return None

    def capability_text(self, row: HelperRow) -> str:
        name = self._names.get(row.category_key, row.category_key)
        return f"{name}: {row.description}" if row.description else name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_TASK:
                return _("Ask {actor} for something: opens the task form").format(
                    actor=row.actor_name
                )
            return self._display(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_ACTIVATION, COL_CAPACITY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column in (COL_TASK, COL_ALWAYS):
            font = QFont()
            font.setBold(True)
            font.setUnderline(column == COL_TASK)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_TASK:
            return QApplication.palette().link()
        return None

    def _display(self, row: HelperRow, column: int) -> str:
        if column == COL_ALWAYS:
            return "24/7" if row.reachable_24_7 else ""
        if column == COL_ACTOR:
            return row.actor_name
        if column == COL_CAPABILITY:
            return self.capability_text(row)
        if column == COL_ACTIVATION:
            return activation_text(row.activation_minutes)
        if column == COL_CAPACITY:
            if row.capacity is None:
                return ""
            return f"{row.capacity} {row.capacity_unit}".strip()
        if column == COL_CONTACT:
            return row.contact_name
        if column == COL_PHONE:
            return format_phone(row.phone)
        if column == COL_RADIO:
            return row.radio
        return _("+ Another task…") if row.has_open_task else _("+ Task…")


class HelpersTab(QWidget):
    """``task_created(task_id)`` after a click created a task."""

    task_created = Signal(str)

    def __init__(self, context: AppContext, author: Callable[[], str]) -> None:
        super().__init__()
        self.context = context
        self._author = author
        self._incident: IncidentDetail | None = None
        # Opens the task form (the tasks tab's), filled in: (actor, what, capability, incident).
        self.ask_task: Callable[[str, str, str, str], Any] | None = None
        self.explanation = QLabel()
        self.explanation.setObjectName("helpersExplanation")
        self.explanation.setWordWrap(True)
        self.category = QComboBox()
        self.category.setObjectName("helperCategory")
        self.category.addItem(_("All capabilities"), None)
        for key, name in category_names(context.store).items():
            self.category.addItem(name, key)
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = HelperModel(lambda: category_names(context.store))
        self.table = QTableView()
        self.table.setObjectName("helpersTable")
        self.table.setAccessibleName(_("Who can help"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setMouseTracking(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = ((0, 46), (1, 190), (3, 64), (4, 100), (5, 140), (6, 106), (7, 80), (8, 132))
        for column, width in widths:
            self.table.setColumnWidth(column, width)
        # The number to call next to who it is: on a 1024-pixel screen it stays in view.
        header.moveSection(header.visualIndex(COL_PHONE), header.visualIndex(COL_ACTOR) + 1)
        keep_column_readable(self.table, COL_CAPABILITY)  # what they can do, always readable
        self.table.clicked.connect(self._clicked)
        self.status = QLabel()
        self.status.setObjectName("helperStatus")
        self.error = MessageLine()
        top = QHBoxLayout()
        top.addWidget(self.explanation, 1)
        top.addWidget(self.category)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)

    def set_incident(self, incident: IncidentDetail | None) -> None:
        if incident is None or self._incident is None or incident.id != self._incident.id:
            self.status.setText("")
            self.error.clear_message()
        self._incident = incident
        self.refresh()

    def refresh(self) -> None:
        incident = self._incident
        if incident is None:
            self.model.set_rows([])
            self.explanation.setText("")
            return
        names = situation_names(self.context.store)
        situations = ", ".join(names.get(key, key) for key in incident.situations)
        phase = Phase(capability_phase(incident.phase)).label()
        category = self.category.currentData()
        rows = who_can_help(self.context.store, incident.id, category=category, limit=SHOWN)
        self.model.set_rows(rows)
        total = len(rows)
        if total == SHOWN:
            total = count_who_can_help(self.context.store, incident.id, category=category)
        text = _(
            "{count} capabilities for {situations} in the phase {phase}, best first: reachable "
            "24/7, then the quickest to start, then the largest capacity."
        ).format(count=total, situations=situations, phase=phase)
        if total > len(rows):
            text += " " + _("The best {shown} are shown; choose a capability to narrow.").format(
                shown=len(rows)
            )
        self.explanation.setText(text)
        self.table.setColumnHidden(COL_TASK, not incident.writable)

    def create_task_for_row(self, row: int) -> QDialog | None:
        """Ask what is needed of the row's actor (the task form, filled in with its capability);
        the task is made only when the form is accepted."""
        if self._incident is None or not self._incident.writable or self.ask_task is None:
            return None
        helper = self.model.rows[row]
        what = self.model.capability_text(helper)
        dialog = self.ask_task(helper.actor_id, what, helper.capability_id, self._incident.id)

        def made() -> None:
            self.error.clear_message()
            self.status.setText(
                _("Task created for {actor}: {title}").format(
                    actor=helper.actor_name, title=dialog.title.text().strip()
                )
            )

        dialog.accepted.connect(made)
        return dialog

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_TASK:
            self.create_task_for_row(index.row())
