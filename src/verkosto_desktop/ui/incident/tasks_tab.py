"""The incident's tasks grouped by status (requested, accepted, in progress, done, cancelled),
each with its actor and when it reached its status; buttons move the chosen task on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident import tasks
from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.data.incident.tasks import TaskRow
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.domain.enums import ActionStatus
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.incidents import TASK_STATUSES
from verkosto_desktop.domain.timefmt import format_short
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.incident.actor_combo import ActorCombo

TaskIdRole = Qt.ItemDataRole.UserRole + 1


class NewTaskDialog(FormDialog):
    """What to do and who does it; ``submitted(dialog)`` on OK."""

    def __init__(self, actors: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__("newTaskDialog", _("New task"), parent)
        self.title = QLineEdit()
        self.title.setObjectName("taskTitle")
        self.actor = ActorCombo(actors, none_label=_("(no actor yet)"))
        self.actor.setObjectName("taskActor")
        form = self.form
        form.addRow(_("What to do"), self.title)
        form.addRow(_("Who"), self.actor)
        self.finish_layout(520)


class TasksTab(QWidget):
    def __init__(self, context: AppContext, author: Callable[[], str]) -> None:
        super().__init__()
        self.context = context
        self._author = author
        self._incident: IncidentDetail | None = None
        self.rows: list[TaskRow] = []
        self.model = QStandardItemModel()
        self.tree = QTreeView()
        self.tree.setObjectName("taskTree")
        self.tree.setAccessibleName(_("Tasks"))
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.new = QPushButton(_("New task…"))
        self.new.setObjectName("newTask")
        self.new.clicked.connect(self._new_task)
        self.status_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(self.new)
        buttons.addSpacing(16)
        buttons.addWidget(QLabel(_("Chosen task:")))
        for status in TASK_STATUSES:
            button = QPushButton(ActionStatus(status).label())
            button.setObjectName(f"taskStatus_{status}")
            button.clicked.connect(lambda _c=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.error = MessageLine()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        self._enable()

    def set_incident(self, incident: IncidentDetail | None) -> None:
        self._incident = incident
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected_id()
        self.rows = (
            tasks.incident_tasks(self.context.store, self._incident.id) if self._incident else []
        )
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [_("Task"), _("Who"), _("Status since"), _("Requested")]
        )
        bold = QFont()
        bold.setBold(True)
        for status in TASK_STATUSES:
            members = [r for r in self.rows if r.status == status]
            group = QStandardItem(
                _("{status} ({count})").format(
                    status=ActionStatus(status).label(), count=len(members)
                )
            )
            group.setFont(bold)
            group.setSelectable(False)
            filler = [QStandardItem() for _i in range(3)]
            for item in filler:
                item.setSelectable(False)
            for row in members:
                cells = [
                    QStandardItem(row.title),
                    QStandardItem(row.actor_name or "—"),
                    QStandardItem(format_short(row.status_since)),
                    QStandardItem(
                        format_short(row.reached_at(ActionStatus.REQUESTED.value) or row.created_at)
                    ),
                ]
                for cell in cells:
                    cell.setData(row.id, TaskIdRole)
                    cell.setToolTip(self._history(row))
                group.appendRow(cells)
            self.model.appendRow([group, *filler])
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 240), (2, 130), (3, 130)):
            self.tree.setColumnWidth(column, width)
        if chosen:
            self.select(chosen)
        self._enable()

    @staticmethod
    def _history(row: TaskRow) -> str:
        return "\n".join(
            f"{format_short(c.changed_at)}  {ActionStatus(c.status).label()}" for c in row.changes
        )

    def selected_id(self) -> str | None:
        indexes = self.tree.selectionModel().selectedRows()
        return indexes[0].data(TaskIdRole) if indexes else None

    def select(self, task_id: str) -> bool:
        for group_row in range(self.model.rowCount()):
            group = self.model.item(group_row)
            for row in range(group.rowCount()):
                if group.child(row).data(TaskIdRole) == task_id:
                    self.tree.selectionModel().select(
                        group.child(row).index(),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    self.tree.scrollTo(group.child(row).index())
                    return True
        return False

    def _enable(self) -> None:
        writable = self._incident is not None and self._incident.is_open
        self.new.setEnabled(writable)
        task_id = self.selected_id()
        current = next((r.status for r in self.rows if r.id == task_id), None)
        for status, button in self.status_buttons.items():
            button.setEnabled(writable and task_id is not None and status != current)

    def set_status(self, status: str) -> None:
        task_id = self.selected_id()
        if task_id is None:
            return
        try:
            tasks.set_task_status(self.context.store, task_id, status, author=self._author())
        except VerkostoError as error:
            self.error.show_error(str(error))
            return
        self.error.clear_message()

    def _new_task(self) -> None:
        dialog = NewTaskDialog(actor_names(self.context.store), self)
        dialog.submitted.connect(self._save_new)
        dialog.open()

    def _save_new(self, dialog: NewTaskDialog) -> None:
        if self._incident is None:
            return
        incident_id = self._incident.id
        task = dialog.save(
            lambda: tasks.create_task(
                self.context.store,
                incident_id,
                dialog.actor.actor_id(),
                dialog.title.text(),
                author=self._author(),
            )
        )
        if task is not None:
            self.select(task.id)
