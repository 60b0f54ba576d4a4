"""The network's action plan: each item's action, goal, responsible actor, phase, situation
type, due date, status and whether residents are involved. Edits are saved as they are made;
each status reached is listed with its time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.network import action_plan
from verkosto_desktop.data.network.action_plan import ActionItemRow
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.data.storage.store import ChangeKind
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.enums import ActionStatus, Phase
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.domain.writes import ActionItemFields
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.network.page import NetworkPage
from verkosto_desktop.ui.network.widgets import (
    LIST_LEAST_HEIGHT,
    ActorPicker,
    CommitTextEdit,
    DateField,
    make_table,
)
from verkosto_desktop.ui.row_table import Column, RowTableModel
from verkosto_desktop.ui.scrolling import scrolled


def _action_tooltip(row: ActionItemRow) -> str:
    return f"{row.title}\n\n{row.goal}" if row.goal else row.title


class ActionPlanPage(NetworkPage):
    kinds = frozenset({ChangeKind.ACTION_ITEM, ChangeKind.ACTOR, ChangeKind.CATALOGUE})
    print_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._situations: dict[str, str] = {}
        self.open_only = QCheckBox(_("Open items only"))
        self.open_only.setObjectName("planOpenOnly")
        self.open_only.toggled.connect(lambda _c: self.refresh_now())
        new = QPushButton(_("New item…"))
        new.setObjectName("planNew")
        new.clicked.connect(lambda: self.new_item())
        delete = QPushButton(_("Delete"))
        delete.clicked.connect(self.delete)
        printing = QPushButton(_("Print the action plan…"))
        printing.setObjectName("planPrint")
        printing.clicked.connect(self.print_requested)
        top = QHBoxLayout()
        top.addWidget(self.open_only)
        top.addStretch(1)
        top.addWidget(printing)
        top.addWidget(delete)
        top.addWidget(new)
        self.model: RowTableModel[ActionItemRow] = RowTableModel(
            [
                Column(_("Action"), lambda r: r.title, _action_tooltip),
                Column(_("Responsible"), lambda r: r.responsible_name),
                Column(_("Phase"), lambda r: Phase(r.phase).label() if r.phase else ""),
                Column(
                    _("Situation type"), lambda r: self._situations.get(r.situation_key or "", "")
                ),
                Column(_("Due"), lambda r: format_date(r.due_on)),
                Column(_("Status"), lambda r: ActionStatus(r.status).label()),
                Column(_("Residents"), lambda r: _("yes") if r.residents_involved else ""),
            ],
            key=lambda r: r.id,
        )
        self.table = make_table(self.model, "planTable")
        self.table.setAccessibleName(_("Action plan"))
        header = self.table.horizontalHeader()
        for column, width in ((1, 200), (2, 120), (3, 150), (4, 90), (5, 100), (6, 80)):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_editor())

        self.title = QLineEdit()
        limit_text(self.title, "title")
        self.title.setObjectName("planTitle")
        self.title.editingFinished.connect(lambda: self._save({"title": self.title.text()}))
        self.goal = CommitTextEdit()
        limit_text(self.goal, "goal")
        self.goal.setObjectName("planGoal")
        self.goal.setMaximumHeight(60)
        self.goal.committed.connect(lambda text: self._save({"goal": text}))
        self.responsible = ActorPicker(none_text=_("(nobody)"))
        self.responsible.setObjectName("planResponsible")
        self.responsible.activated.connect(lambda _i: self._save_responsible())
        self.responsible.lineEdit().editingFinished.connect(self._save_responsible)
        self.phase = QComboBox()
        self.phase.setObjectName("planPhase")
        self.phase.addItem(_("(any)"), None)
        for phase in Phase:
            self.phase.addItem(phase.label(), phase.value)
        self.phase.activated.connect(lambda _i: self._save({"phase": self.phase.currentData()}))
        self.situation = QComboBox()
        self.situation.setObjectName("planSituation")
        self.situation.activated.connect(
            lambda _i: self._save({"situation_key": self.situation.currentData()})
        )
        self.due = DateField()
        self.due.setObjectName("planDue")
        self.due.editingFinished.connect(self._save_due)
        self.status = QComboBox()
        self.status.setObjectName("planStatus")
        for status in ActionStatus:
            self.status.addItem(status.label(), status.value)
        self.status.activated.connect(lambda _i: self._save({"status": self.status.currentData()}))
        self.residents = QCheckBox(_("Residents involved"))
        self.residents.setObjectName("planResidents")
        self.residents.clicked.connect(lambda checked: self._save({"residents_involved": checked}))
        self.notes = CommitTextEdit()
        limit_text(self.notes, "notes")
        self.notes.setMaximumHeight(60)
        self.notes.committed.connect(lambda text: self._save({"notes": text}))
        self.history = QLabel()
        self.history.setObjectName("planHistory")
        self.history.setWordWrap(True)
        self.message = MessageLine()
        self.editor = QGroupBox(_("Item"))
        form = QFormLayout(self.editor)
        form.addRow(_("Action"), self.title)
        form.addRow(_("Goal"), self.goal)
        form.addRow(_("Responsible"), self.responsible)
        row = QHBoxLayout()
        for label, widget in (
            (_("Phase"), self.phase),
            (_("Situation type"), self.situation),
            (_("Due"), self.due),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        form.addRow(row)
        form.addRow(_("Status"), self.status)
        form.addRow("", self.residents)
        form.addRow(_("Notes"), self.notes)
        form.addRow(_("Status history"), self.history)
        form.addRow(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical)
        # A few rows always show; on a low screen the form under it scrolls instead.
        self.table.setMinimumHeight(LIST_LEAST_HEIGHT)
        splitter.addWidget(self.table)
        splitter.addWidget(scrolled(self.editor))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_item()
        language = current_language()
        entries = catalogues.situation_types(self.store)
        self._situations = names_by_key(entries)
        self.situation.clear()
        self.situation.addItem(_("(any)"), None)
        for entry in entries:
            self.situation.addItem(entry.name(language), entry.key)
        self.responsible.set_actors(actor_names(self.store))
        self.model.set_rows(action_plan.action_items(self.store, self.open_only.isChecked()))
        row = self.model.row_of(current.id) if current else -1
        self.table.selectRow(max(row, 0))
        self._load_editor()

    def current_item(self) -> ActionItemRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _load_editor(self) -> None:
        item = self.current_item()
        self.editor.setEnabled(item is not None)
        self.message.clear_message()
        if item is None:
            return
        if not self.title.hasFocus():
            self.title.setText(item.title)
        if not self.goal.hasFocus():
            self.goal.load(item.goal)
        if not self.responsible.hasFocus():
            self.responsible.set_actor(item.responsible_id)
        self.phase.setCurrentIndex(max(self.phase.findData(item.phase), 0))
        self.situation.setCurrentIndex(max(self.situation.findData(item.situation_key), 0))
        if not self.due.hasFocus():
            self.due.set_date(item.due_on)
        self.status.setCurrentIndex(self.status.findData(item.status))
        self.residents.setChecked(item.residents_involved)
        if not self.notes.hasFocus():
            self.notes.load(item.notes)
        self.history.setText(
            " → ".join(
                f"{ActionStatus(e.status).label()} ({format_datetime(e.changed_at)})"
                for e in action_plan.status_history(self.store, item.id)
            )
        )

    # -- writing ------------------------------------------------------------------------------

    def _save(self, fields: ActionItemFields) -> None:
        item = self.current_item()
        if item is None:
            return
        try:
            action_plan.update_item(self.store, item.id, fields)
        except VerkostoError as error:
            self.message.show_error(str(error))

    def _save_responsible(self) -> None:
        item = self.current_item()
        chosen = self.responsible.actor_id()
        if item is None or chosen == item.responsible_id:
            return
        if (
            chosen is None
            and self.responsible.currentIndex() != 0
            and self.responsible.currentText()
        ):
            self.message.show_error(_("Choose an actor from the list"))
            return
        self._save({"responsible_id": chosen})

    def _save_due(self) -> None:
        try:
            self._save({"due_on": self.due.date()})
        except VerkostoError as error:
            self.message.show_error(str(error))

    def new_item(self, title: str | None = None) -> None:
        """Add an item (asks for the action when ``title`` is not given) and select it."""
        if title is None:
            title, ok = QInputDialog.getText(self, _("New item"), _("Action"))
            if not ok:
                return
        try:
            item = action_plan.create_item(self.store, {"title": title, "status": "planned"})
        except VerkostoError as error:
            self.message.show_error(str(error))
            return
        self.refresh_now()
        self.table.selectRow(self.model.row_of(item.id))

    def delete(self) -> None:
        item = self.current_item()
        if item is not None:
            action_plan.delete_item(self.store, item.id)
