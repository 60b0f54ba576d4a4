"""The call round view (``callRound``): the list in calling order with every channel, one key or
click per call (1 reached and checked, 2 no answer, 3 wrong number, 4 details updated), a note,
the printed tick-off sheet and fast entry of its results ("12 1")."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.network import call_rounds
from verkosto_desktop.data.network.call_rounds import CallEntryRow, CallRoundRow
from verkosto_desktop.data.storage.store import Change, ChangeKind
from verkosto_desktop.domain.call_rounds import CODE_OF, RESULT_CODES, parse_fast_entry
from verkosto_desktop.domain.enums import CallResult
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.jobs import JobRunner, run_with_dialog
from verkosto_desktop.ui.network.call_entry_model import (
    BUTTON_NAMES,
    CallEntryModel,
    other_channels,
    phones,
)
from verkosto_desktop.ui.network.call_round_dialog import NewCallRoundDialog, RoundRequest
from verkosto_desktop.ui.network.page import NetworkPage
from verkosto_desktop.ui.network.widgets import make_table


class CallTable(QTableView):
    """The round's table; the keys 0–4 report ``result_typed`` for the current row."""

    result_typed = Signal(object)  # CallResult

    def keyPressEvent(self, event: QKeyEvent) -> None:
        result = RESULT_CODES.get(event.text())
        if result is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.result_typed.emit(result)
            event.accept()
            return
        super().keyPressEvent(event)


def round_label(row: CallRoundRow) -> str:
    """How the chooser names a round: title, start and how far it has come."""
    state = (
        _("finished")
        if row.finished_at
        else _("{done}/{total} called").format(done=row.called, total=row.total)
    )
    return f"{row.title} — {format_date(row.started_at)} ({state})"


class CallRoundView(NetworkPage):
    """Runs a round to its end; ``edit_contact_requested(actor_id, contact_id)`` after an
    update asks for the contact to be opened for editing."""

    kinds = frozenset(
        {
            ChangeKind.CALL_ROUND,
            ChangeKind.CALL_ROUND_ENTRY,
            ChangeKind.CONTACT,
            ChangeKind.ACTOR,
            ChangeKind.INCIDENT,
        }
    )
    edit_contact_requested = Signal(str, str)

    def __init__(self, context: AppContext, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("callRound")
        self.jobs = jobs
        self.rounds = QComboBox()
        self.rounds.setObjectName("callRoundChooser")
        self.rounds.setAccessibleName(_("Call round"))
        self.rounds.setMinimumWidth(220)
        self.rounds.activated.connect(lambda _i: self.refresh_now())
        new = QPushButton(_("New call round…"))
        new.setObjectName("newCallRound")
        new.clicked.connect(lambda: self.new_round())
        self.print_button = QPushButton(_("Print tick-off sheet…"))
        self.print_button.setObjectName("callPrintSheet")
        self.print_button.clicked.connect(self.print_sheet)
        self.finish_button = QPushButton(_("Finish the round"))
        self.finish_button.setObjectName("callFinish")
        self.finish_button.clicked.connect(self.finish)
        top = FlowLayout()  # the buttons wrap under the chooser on a narrow screen
        top.addWidget(QLabel(_("Call round")))
        top.addWidget(self.rounds, 1)
        top.addWidget(new)
        top.addWidget(self.print_button)
        top.addWidget(self.finish_button)
        self.summary = QLabel()
        self.summary.setObjectName("callProgress")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)

        self.model = CallEntryModel()
        self.table = CallTable()
        make_table(self.model, "callRoundTable", stretch=None, view=self.table)
        self.table.setAccessibleName(_("Calls of the round"))
        self.table.setAlternatingRowColors(False)  # the result colours the row
        header = self.table.horizontalHeader()
        for column, width in enumerate((40, 190, 180, 150, 150, 170, 190, 44, 86, 56)):
            header.resizeSection(column, width)
        self.table.result_typed.connect(self.record)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())

        self.detail = QLabel()
        self.detail.setObjectName("callContactDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLineEdit()
        limit_text(self.note, "note")
        self.note.setObjectName("callNote")
        self.note.setPlaceholderText(_("Note about this call (optional)"))
        buttons = FlowLayout()
        self.result_buttons: dict[CallResult, QPushButton] = {}
        for result, name in BUTTON_NAMES.items():
            button = QPushButton(f"{CODE_OF[result]}  {result.label()}")
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, r=result: self.record(r))
            self.result_buttons[result] = button
            buttons.addWidget(button, 1)
        self.fast = QLineEdit()
        self.fast.setObjectName("callFastEntry")
        self.fast.setPlaceholderText(
            _("From the paper sheet: row and code, e.g. 12 1 or 12 3 new number")
        )
        self.fast.returnPressed.connect(self.fast_entry)
        self.message = MessageLine()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.fast)
        layout.addWidget(self.message)

    # -- reading ------------------------------------------------------------------------------

    def current_round(self) -> CallRoundRow | None:
        data = self.rounds.currentData()
        return data if isinstance(data, CallRoundRow) else None

    def current_entry(self) -> CallEntryRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def refresh(self) -> None:
        chosen = self.current_round()
        self._fill_rounds(chosen.id if chosen else None)
        self._load_entries()

    def show_round(self, round_id: str) -> None:
        """Switch to a round (e.g. one just started)."""
        self._fill_rounds(round_id)
        self._load_entries()

    def _fill_rounds(self, round_id: str | None) -> None:
        self.rounds.clear()
        for row in call_rounds.call_rounds(self.store):
            self.rounds.addItem(round_label(row), row)
        index = next(
            (i for i in range(self.rounds.count()) if self.rounds.itemData(i).id == round_id), 0
        )
        self.rounds.setCurrentIndex(index if self.rounds.count() else -1)

    def _load_entries(self) -> None:
        current = self.current_entry()
        chosen = self.current_round()
        self.model.set_rows(call_rounds.round_entries(self.store, chosen.id) if chosen else [])
        row = self.model.row_of(current.id) if current else -1
        self.table.selectRow(row if row >= 0 else self._next_pending(-1))
        self._show_summary()
        self._show_detail()

    def _show_summary(self) -> None:
        chosen = self.current_round()
        for widget in (
            self.print_button,
            self.finish_button,
            self.note,
            self.fast,
            *self.result_buttons.values(),
        ):
            widget.setEnabled(chosen is not None)
        if chosen is None:
            self.summary.setText(_("No call rounds yet. Start one to check the contacts."))
            self.progress.setValue(0)
            return
        counts = chosen.results
        parts = [_("Called {done}/{total}").format(done=chosen.called, total=chosen.total)]
        parts += [f"{r.label()} {counts.get(r.value, 0)}" for r in BUTTON_NAMES]
        if chosen.incident_title:
            parts.append(_("Incident: {title}").format(title=chosen.incident_title))
        if chosen.finished_at:
            parts.append(_("finished {time}").format(time=format_datetime(chosen.finished_at)))
        self.summary.setText(" · ".join(parts))
        self.progress.setRange(0, max(chosen.total, 1))
        self.progress.setValue(chosen.called)
        self.finish_button.setEnabled(chosen.finished_at is None)

    def _show_detail(self) -> None:
        entry = self.current_entry()
        if entry is None:
            self.detail.setText("")
            return
        channels = [
            c
            for c in (
                phones(entry).replace("\n", ", "),
                other_channels(entry).replace("\n", " · "),
            )
            if c
        ]
        self.detail.setText(
            f"<b>{escape(entry.target.contact_name)}</b> ({escape(entry.target.actor_name)}): "
            + escape(" · ".join(channels) or _("no channel recorded"))
        )

    def _next_pending(self, after: int) -> int:
        rows = self.model.rows()
        for offset in range(1, len(rows) + 1):
            row = (after + offset) % len(rows)
            if rows[row].result == CallResult.PENDING:
                return row
        return max(after, 0)

    def changed(self, changes: Sequence[Change]) -> None:
        """Small changes (a call, a contact verified) update their rows in place; anything else
        redraws the page."""
        kinds = {c.kind for c in changes}
        if not self.kinds & kinds:
            return
        small = {
            ChangeKind.CALL_ROUND_ENTRY,
            ChangeKind.CONTACT,
            ChangeKind.CALL_ROUND,
            ChangeKind.INCIDENT,
            ChangeKind.INCIDENT_LOG_ENTRY,
        }
        touched = {
            i
            for c in changes
            if c.kind in (ChangeKind.CALL_ROUND_ENTRY, ChangeKind.CONTACT)
            for i in c.ids
        }
        if kinds <= small and len(touched) <= 20 and self.isVisible() and not self._dirty:
            self._update_rows(changes)
            return
        super().changed(changes)

    def _update_rows(self, changes: Sequence[Change]) -> None:
        entries = {i for c in changes if c.kind is ChangeKind.CALL_ROUND_ENTRY for i in c.ids}
        contacts = {i for c in changes if c.kind is ChangeKind.CONTACT for i in c.ids}
        for row in self.model.rows():
            if row.id in entries or row.target.contact_id in contacts:
                try:
                    self.model.replace(call_rounds.get_entry(self.store, row.id))
                except VerkostoError:
                    self.refresh_now()
                    return
        chosen = self.current_round()
        if chosen is not None:
            fresh = call_rounds.get_round(self.store, chosen.id)
            # The chooser's words too, so that it and the summary count the same calls.
            self.rounds.setItemData(self.rounds.currentIndex(), fresh)
            self.rounds.setItemText(self.rounds.currentIndex(), round_label(fresh))
        self._show_summary()
        self._show_detail()

    # -- writing ------------------------------------------------------------------------------

    def record(
        self, result: CallResult, entry: CallEntryRow | None = None, note: str | None = None
    ) -> None:
        """Record the result of the current call (with the note typed) and go to the next."""
        entry = entry or self.current_entry()
        if entry is None:
            return
        text = self.note.text() if note is None else note
        try:
            call_rounds.record_result(self.store, entry.id, result.value, text or None)
        except VerkostoError as error:
            self.message.show_error(str(error))
            return
        self.message.show_info(
            _("{contact}: {result}").format(
                contact=entry.target.contact_name, result=result.label()
            )
        )
        self.note.clear()
        row = self.model.row_of(entry.id)
        self.table.selectRow(self._next_pending(row))
        if result == CallResult.UPDATED:
            self.edit_contact_requested.emit(entry.target.actor_id, entry.target.contact_id)

    def fast_entry(self) -> None:
        """Read one line typed from the paper sheet ("row code [note]")."""
        try:
            typed = parse_fast_entry(self.fast.text())
        except VerkostoError as error:
            self.message.show_error(str(error))
            return
        row = next((r for r in self.model.rows() if r.position == typed.position), None)
        if row is None:
            self.message.show_error(
                _("The call round has no row {number}").format(number=typed.position)
            )
            return
        self.record(typed.result, row, typed.note)
        self.fast.clear()

    def new_round(self) -> None:
        dialog = NewCallRoundDialog(self.store, self)

        def closed(result: int) -> None:
            if result == NewCallRoundDialog.DialogCode.Accepted:
                self.start_round(dialog.request())
            dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.open()

    def start_round(self, request: RoundRequest) -> None:
        """Start a round in the background and show it when it is ready."""
        store = self.store

        def work(_progress: Progress) -> CallRoundRow:
            return call_rounds.start_round(
                store,
                request.title,
                request.selection,
                request.situation_key,
                request.incident_id,
            )

        def started(row: CallRoundRow) -> None:
            self.show_round(row.id)
            self.table.setFocus()

        run_with_dialog(
            self.jobs,
            self,
            _("Starting the call round…"),
            work,
            started,
            lambda message: QMessageBox.warning(self, _("The call round was not started"), message),
        )

    def finish(self) -> None:
        chosen = self.current_round()
        if chosen is None:
            return
        try:
            call_rounds.finish_round(self.store, chosen.id)
        except VerkostoError as error:
            self.message.show_error(str(error))

    def print_sheet(self) -> QWidget | None:
        """The round's tick-off sheet in the preview, with Save as PDF and Print."""
        chosen = self.current_round()
        if chosen is None:
            return None
        store, round_id = self.store, chosen.id

        def write(path: Path, progress: Progress) -> Path:
            from verkosto_desktop.printouts.network import save_call_sheet

            return save_call_sheet(store, round_id, path, progress)

        # Imported when first printed: the print support is not needed to open the window.
        from verkosto_desktop.ui.printouts.document_dialog import show_document

        title = _("Call round tick-off sheet")
        return show_document(title, write, self.context.settings, self)
