"""The log tab: fast entry (type and press Enter), filters by kind, actor and text, the journal
itself (``incidentLog``, newest first) and corrections of a chosen entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.data.incident.log import LogEntryRow, LogFilter
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.domain.collation import finnish_sorted
from verkosto_desktop.domain.enums import LogKind
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.incidents import MANUAL_LOG_KINDS
from verkosto_desktop.domain.timefmt import format_short
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.incident.actor_combo import ActorCombo
from verkosto_desktop.ui.incident.common import (
    datetime_edit,
    edit_time,
    set_edit_time,
)
from verkosto_desktop.ui.incident.correction_dialog import CorrectionDialog
from verkosto_desktop.ui.incident.log_model import COL_TEXT, LogTableModel, RowRole


class LogTab(QWidget):
    """``correct_assessment`` asks the section to correct an assessment with its own form."""

    correct_assessment = Signal(object)  # LogEntryRow

    def __init__(self, context: AppContext, author: Callable[[], str]) -> None:
        super().__init__()
        self.context = context
        self._author = author
        self._incident: IncidentDetail | None = None
        # Read when first needed: the register may hold thousands of names.
        self._actors: list[tuple[str, str]] = []
        self.actors_stale = True

        self.kind = QComboBox()
        self.kind.setObjectName("logKind")
        for kind in MANUAL_LOG_KINDS:
            self.kind.addItem(kind.label(), kind.value)
        self.actor = ActorCombo(self._actors, none_label=_("(no actor)"))
        self.actor.setObjectName("logActor")
        self.now = QCheckBox(_("Now"))
        self.now.setObjectName("logNow")
        self.now.setChecked(True)
        self.now.setToolTip(_("Untick to log something that happened earlier"))
        self.happened_at = datetime_edit()
        self.happened_at.setObjectName("logHappenedAt")
        self.happened_at.setEnabled(False)
        self.now.toggled.connect(self._now_toggled)
        self.entry = QLineEdit()
        limit_text(self.entry, "text")
        self.entry.setObjectName("logEntry")
        self.entry.setPlaceholderText(_("Type what happened and press Enter"))
        self.entry.setAccessibleName(_("New log entry"))
        self.entry.returnPressed.connect(self.add_entry)
        add = QPushButton(_("Add to the log"))
        add.setObjectName("logAdd")
        add.clicked.connect(self.add_entry)
        self.error = MessageLine()

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.kind)
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(add)
        second_row = QHBoxLayout()
        actor_label = QLabel(_("Actor:"))
        actor_label.setBuddy(self.actor)  # names the field for a screen reader
        second_row.addWidget(actor_label)
        second_row.addWidget(self.actor)
        second_row.addSpacing(12)
        second_row.addWidget(QLabel(_("Happened:")))
        second_row.addWidget(self.now)
        second_row.addWidget(self.happened_at)
        second_row.addStretch(1)

        self.filter_kind = QComboBox()
        self.filter_kind.setObjectName("logFilterKind")
        self.filter_kind.addItem(_("All kinds"), None)
        for kind in LogKind:
            self.filter_kind.addItem(kind.label(), kind.value)
        self.filter_actor = QComboBox()
        self.filter_actor.setObjectName("logFilterActor")
        self.filter_text = QLineEdit()
        self.filter_text.setObjectName("logFilterText")
        self.filter_text.setAccessibleName(_("Search the log"))
        self.filter_text.setPlaceholderText(_("Search the log"))
        self.filter_text.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.refresh)
        self.filter_text.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter_actor.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count = QLabel()
        self.count.setObjectName("logCount")
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(_("Show:")))
        filter_row.addWidget(self.filter_kind)
        filter_row.addWidget(self.filter_actor)
        filter_row.addWidget(self.filter_text, 1)
        filter_row.addWidget(self.count)

        self.model = LogTableModel()
        self.table = QTableView()
        self.table.setObjectName("incidentLog")
        self.table.setAccessibleName(_("Incident log"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((130, 140, 0, 190, 110, 130)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.correct_selected())

        self.correct = QPushButton(_("Correct the chosen entry…"))
        self.correct.setObjectName("logCorrect")
        self.correct.setToolTip(
            _("Entries are never changed: a correction is a new entry, the old one is struck out")
        )
        self.correct.clicked.connect(self.correct_selected)
        self.correct.setEnabled(False)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_args: self.correct.setEnabled(self.selected() is not None)
        )
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.correct)

        layout = QVBoxLayout(self)
        layout.addLayout(entry_row)
        layout.addLayout(second_row)
        layout.addWidget(self.error)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # -- incident -------------------------------------------------------------------------------

    def set_incident(self, incident: IncidentDetail | None) -> None:
        changed = incident is None or self._incident is None or incident.id != self._incident.id
        self._incident = incident
        writable = incident is not None and incident.writable
        for widget in (self.kind, self.actor, self.now, self.entry):
            widget.setEnabled(writable)
        self.happened_at.setEnabled(writable and not self.now.isChecked())
        if changed:
            self.error.clear_message()
        if self.actors_stale:
            self.reload_actors()
        self.refresh()

    def reload_actors(self) -> None:
        """Read the register's actor names again (when shown after actors changed)."""
        self._actors = actor_names(self.context.store)
        self.actor.set_actors(self._actors)
        self.actors_stale = False

    def current_filter(self) -> LogFilter:
        kind = self.filter_kind.currentData()
        return LogFilter(
            kinds=frozenset({kind}) if kind else frozenset(),
            actor_id=self.filter_actor.currentData(),
            text=self.filter_text.text(),
        )

    def refresh(self) -> None:
        """Read the log again (after a change, or when the filters change)."""
        selected = self.selected()
        if self._incident is None:
            self.model.set_rows([])
            self.count.setText("")
            return
        store = self.context.store
        everything = incident_log.log_entries(store, self._incident.id)
        flt = self.current_filter()
        rows = (
            everything
            if flt == LogFilter()
            else incident_log.log_entries(store, self._incident.id, flt)
        )
        self.model.set_rows(rows, {e.id: format_short(e.happened_at) for e in everything})
        self._fill_actor_filter(everything)
        self.count.setText(
            _("{shown}/{total} entries").format(shown=len(rows), total=len(everything))
        )
        if selected is not None:
            self.select(selected.id)

    def _fill_actor_filter(self, entries: list[LogEntryRow]) -> None:
        current = self.filter_actor.currentData()
        names = finnish_sorted(
            {(e.actor_id, e.actor_name) for e in entries if e.actor_id}, key=lambda p: p[1]
        )
        self.filter_actor.blockSignals(True)
        self.filter_actor.clear()
        self.filter_actor.addItem(_("All actors"), None)
        for actor_id, name in names:
            self.filter_actor.addItem(name, actor_id)
        index = self.filter_actor.findData(current) if current else 0
        self.filter_actor.setCurrentIndex(max(index, 0))
        self.filter_actor.blockSignals(False)

    # -- entering -------------------------------------------------------------------------------

    def _now_toggled(self, now: bool) -> None:
        self.happened_at.setEnabled(not now)
        if not now:
            set_edit_time(self.happened_at, datetime.now(UTC))

    def add_entry(self) -> None:
        """Log what was typed (the fast entry's Enter)."""
        if self._incident is None or not self.entry.text().strip():
            return
        try:
            incident_log.add_entry(
                self.context.store,
                self._incident.id,
                {
                    "kind": self.kind.currentData(),
                    "text": self.entry.text(),
                    "actor_id": self.actor.actor_id(),
                    "author": self._author(),
                    "happened_at": None if self.now.isChecked() else edit_time(self.happened_at),
                },
            )
        except VerkostoError as error:
            self.error.show_error(str(error))
            return
        self.error.clear_message()
        self.entry.clear()
        self.now.setChecked(True)
        self.entry.setFocus()

    # -- choosing and correcting ------------------------------------------------------------------

    def selected(self) -> LogEntryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], RowRole) if rows else None

    def select(self, entry_id: str) -> bool:
        for row, entry in enumerate(self.model.rows()):
            if entry.id == entry_id:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    def correct_selected(self) -> None:
        entry = self.selected()
        if entry is None or self._incident is None:
            return
        if entry.kind == LogKind.ASSESSMENT:
            self.correct_assessment.emit(entry)
            return
        if entry.kind == LogKind.PHASE_CHANGE:
            self.error.show_error(_("Phase changes cannot be corrected."))
            return
        dialog = CorrectionDialog(entry, self._actors, self)
        dialog.submitted.connect(self._save_correction)
        dialog.open()

    def _save_correction(self, dialog: CorrectionDialog) -> None:
        dialog.save(
            lambda: incident_log.correct_entry(
                self.context.store, dialog.entry.id, dialog.values() | {"author": self._author()}
            )
        )

    def focus_entry(self) -> None:
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)
