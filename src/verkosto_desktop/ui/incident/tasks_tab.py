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
    QInputDialog,
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
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.incident.actor_combo import ActorCombo

TaskIdRole = Qt.ItemDataRole.UserRole + 1


class NewTaskDialog(FormDialog):
    """What is needed and who is asked; ``submitted(dialog)`` on OK. Opened from who can help,
    it comes filled in with the actor and its capability, the words chosen for editing."""

    def __init__(
        self,
        actors: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        actor_id: str | None = None,
        title: str = "",
        capability_id: str | None = None,
    ) -> None:
        super().__init__("newTaskDialog", _("New task"), parent)
        self.capability_id = capability_id  # the capability asked for (from who can help)
        self.incident_id: str | None = None
        self.title = QLineEdit(title)
        limit_text(self.title, "title")
        self.title.setObjectName("taskTitle")
        self.title.setPlaceholderText(_("e.g. hot soup for 40 people at the village hall by 18"))
        self.title.selectAll()
        self.actor = ActorCombo(actors, none_label=_("(no actor yet)"))
        self.actor.setObjectName("taskActor")
        self.actor.set_actor(actor_id)
        # Saying what OK will do: a request is written in the log for good.
        what = QLabel(
            _(
                "The request is written in the incident log. A request made by mistake can be "
                "cancelled under Tasks; the log then keeps it crossed out with the reason."
            )
        )
        what.setObjectName("taskExplanation")
        what.setWordWrap(True)
        form = self.form
        form.addRow(_("What is needed"), self.title)
        form.addRow(_("Who is asked"), self.actor)
        form.addRow(what)
        self.finish_layout(520, _("Ask for it"))
        self.title.setFocus()


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
        writable = self._incident is not None and self._incident.writable
        self.new.setEnabled(writable)
        task_id = self.selected_id()
        current = next((r.status for r in self.rows if r.id == task_id), None)
        for status, button in self.status_buttons.items():
            button.setEnabled(writable and task_id is not None and status != current)

    def set_status(self, status: str) -> None:
        task_id = self.selected_id()
        if task_id is None:
            return
        if status == ActionStatus.CANCELLED:
            self.cancel(task_id)
            return
        try:
            tasks.set_task_status(self.context.store, task_id, status, author=self._author())
        except VerkostoError as error:
            self.error.show_error(str(error))
            return
        self.error.clear_message()

    def cancel(self, task_id: str) -> bool:
        """Cancel a task after asking why: the request in the log is corrected (kept crossed
        out with the reason). False when the user changed their mind."""
        row = next((r for r in self.rows if r.id == task_id), None)
        if row is None:
            return False
        reason, ok = QInputDialog.getText(
            self,
            _("Cancel the request"),
            _(
                "Cancel “{title}” ({actor})? The request stays in the log, crossed out, with "
                "why it was cancelled.\n\nWhy (optional):"
            ).format(title=row.title, actor=row.actor_name or _("no actor yet")),
        )
        if not ok:
            return False
        try:
            tasks.cancel_task(self.context.store, task_id, reason, author=self._author())
        except VerkostoError as error:
            self.error.show_error(str(error))
            return False
        self.error.clear_message()
        return True

    def new_task(
        self,
        actor_id: str | None = None,
        title: str = "",
        capability_id: str | None = None,
        incident_id: str | None = None,
    ) -> NewTaskDialog:
        """Ask for a new task of ``incident_id`` (the incident shown by default), filled in
        with ``actor_id`` and ``title`` when given; nothing is written before OK."""
        dialog = NewTaskDialog(
            actor_names(self.context.store),
            self,
            actor_id=actor_id,
            title=title,
            capability_id=capability_id,
        )
        dialog.incident_id = incident_id or (self._incident.id if self._incident else None)
        dialog.submitted.connect(self._save_new)
        dialog.open()
        return dialog

    def _new_task(self) -> None:
        self.new_task()

    def _save_new(self, dialog: NewTaskDialog) -> None:
        incident_id = dialog.incident_id
        if incident_id is None:
            return
        task = dialog.save(
            lambda: tasks.create_task(
                self.context.store,
                incident_id,
                dialog.actor.actor_id(),
                dialog.title.text(),
                capability_id=dialog.capability_id,
                author=self._author(),
            )
        )
        if task is not None:
            self.select(task.id)
