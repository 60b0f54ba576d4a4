"""The founding steps checklist (``foundingSteps``): tick a step done, or open it to set its
status, date, who did it, notes and how residents were involved. Every edit is saved at once.
Above it, the network's own information (``networkInfo``: name, area, coordinator and the period
within which contacts should be verified)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.network import founding
from verkosto_desktop.data.network.founding import FoundingStepRow
from verkosto_desktop.data.storage.store import ChangeKind
from verkosto_desktop.domain.enums import StepStatus
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.domain.writes import FoundingStepFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.network.info_group import NetworkInfoGroup
from verkosto_desktop.ui.network.page import NetworkPage
from verkosto_desktop.ui.network.widgets import (
    LIST_LEAST_HEIGHT,
    CommitTextEdit,
    DateField,
    make_table,
)
from verkosto_desktop.ui.row_table import Column, RowTableModel
from verkosto_desktop.ui.scrolling import scrolled

Index = QModelIndex | QPersistentModelIndex


class FoundingModel(RowTableModel[FoundingStepRow]):
    """The steps; the first column carries a check box meaning "done"."""

    toggled = Signal(str, bool)  # step id, checked

    def __init__(self) -> None:
        super().__init__(
            [
                Column(_("Step"), lambda s: f"{s.position + 1}. {s.title}", lambda s: s.title),
                Column(_("Status"), lambda s: StepStatus(s.status).label()),
                Column(_("Date"), lambda s: format_date(s.done_on)),
                Column(_("Who"), lambda s: s.who, lambda s: s.who),
                Column(
                    _("Residents involved"),
                    lambda s: s.residents_involvement.replace("\n", " "),
                    lambda s: s.residents_involvement,
                ),
            ],
            key=lambda s: s.id,
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            step = self.row_at(index.row())
            done = step is not None and step.status == StepStatus.DONE
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            step = self.row_at(index.row())
            if step is not None:
                checked = Qt.CheckState(value) == Qt.CheckState.Checked
                self.toggled.emit(step.id, checked)
                return True
        return False


class FoundingStepsWidget(NetworkPage):
    """The checklist with its progress and an editor for the chosen step."""

    kinds = frozenset({ChangeKind.FOUNDING_STEP, ChangeKind.NETWORK_INFO})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("foundingSteps")
        self.info = NetworkInfoGroup(context.store)
        self._progress_label = QLabel()
        self._progress_label.setObjectName("foundingProgress")
        self._progress_label.setWordWrap(True)
        self._progress = QProgressBar()
        self._progress.setTextVisible(False)
        self._progress.setMaximumHeight(10)
        self.model = FoundingModel()
        self.model.toggled.connect(self._toggle)
        self.table = make_table(self.model, "foundingStepsTable")
        self.table.setAccessibleName(_("Founding steps"))
        header = self.table.horizontalHeader()
        header.resizeSection(1, 130)
        header.resizeSection(2, 100)
        header.resizeSection(3, 180)
        header.resizeSection(4, 220)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_editor())

        self.status = QComboBox()
        self.status.setObjectName("foundingStatus")
        for status in StepStatus:
            self.status.addItem(status.label(), status.value)
        self.status.activated.connect(lambda _i: self._save({"status": self.status.currentData()}))
        self.done_on = DateField()
        self.done_on.setObjectName("foundingDate")
        self.done_on.editingFinished.connect(self._save_date)
        self.who = QLineEdit()
        limit_text(self.who, "who")
        self.who.setObjectName("foundingWho")
        self.who.editingFinished.connect(lambda: self._save({"who": self.who.text()}))
        self.notes = CommitTextEdit()
        limit_text(self.notes, "notes")
        self.notes.setObjectName("foundingNotes")
        self.notes.committed.connect(lambda text: self._save({"notes": text}))
        self.residents = CommitTextEdit()
        limit_text(self.residents, "residents_involvement")
        self.residents.setObjectName("foundingResidents")
        self.residents.setPlaceholderText(
            _("How were residents involved in this step? (e.g. an open evening at the library)")
        )
        self.residents.committed.connect(lambda text: self._save({"residents_involvement": text}))
        for box in (self.notes, self.residents):
            box.setMaximumHeight(90)
        self.message = MessageLine()

        self.editor = QGroupBox(_("Step"))
        form = QFormLayout(self.editor)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Date"), self.done_on)
        form.addRow(_("Who"), self.who)
        form.addRow(_("Notes"), self.notes)
        form.addRow(_("Residents involved"), self.residents)
        form.addRow(self.message)

        splitter = QSplitter(Qt.Orientation.Vertical)
        # A few rows always show; on a low screen the form under it scrolls instead.
        self.table.setMinimumHeight(LIST_LEAST_HEIGHT)
        splitter.addWidget(self.table)
        splitter.addWidget(scrolled(self.editor))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self._progress_label)
        layout.addWidget(self._progress)
        layout.addWidget(splitter, 1)

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.info.load()
        current = self.current_step()
        self.model.set_rows(founding.founding_steps(self.store))
        done, total, next_title = founding.progress(self.store)
        text = _("{done} of {total} founding steps done.").format(done=done, total=total)
        if next_title:
            text += " " + _("Next: {step}").format(step=next_title)
        else:
            text += " " + _("The network is founded.")
        self._progress_label.setText(text)
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)
        row = self.model.row_of(current.id) if current else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._load_editor()

    def current_step(self) -> FoundingStepRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _load_editor(self) -> None:
        step = self.current_step()
        self.editor.setEnabled(step is not None)
        if step is None:
            return
        self.editor.setTitle(step.title)
        self.message.clear_message()
        self.status.setCurrentIndex(self.status.findData(step.status))
        # A field the user is typing in keeps what they typed.
        if not self.done_on.hasFocus():
            self.done_on.set_date(step.done_on)
        if not self.who.hasFocus():
            self.who.setText(step.who)
        if not self.notes.hasFocus():
            self.notes.load(step.notes)
        if not self.residents.hasFocus():
            self.residents.load(step.residents_involvement)

    # -- writing ------------------------------------------------------------------------------

    def _toggle(self, step_id: str, checked: bool) -> None:
        status = StepStatus.DONE if checked else StepStatus.NOT_STARTED
        self._write(step_id, {"status": status.value})

    def _save_date(self) -> None:
        try:
            day = self.done_on.date()
        except VerkostoError as error:
            self.message.show_error(str(error))
            return
        self._save({"done_on": day})

    def _save(self, fields: FoundingStepFields) -> None:
        step = self.current_step()
        if step is not None:
            self._write(step.id, fields)

    def _write(self, step_id: str, fields: FoundingStepFields) -> None:
        try:
            founding.update_step(self.store, step_id, fields)
        except VerkostoError as error:
            self.message.show_error(str(error))
