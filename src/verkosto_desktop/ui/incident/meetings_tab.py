"""Coordination meetings of the incident: the list, the chosen meeting's attendance, decisions
(typed and Enter: each becomes a log entry) and next meeting, and printing its meeting pack."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident import meetings
from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.data.incident.meetings import MeetingRow
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_datetime, format_short
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.incident.meeting_dialog import MeetingDialog

MeetingIdRole = Qt.ItemDataRole.UserRole + 1


def meeting_html(meeting: MeetingRow) -> str:
    """The meeting's details as simple rich text (corrected decisions struck through)."""
    rows = [
        (_("Time"), format_datetime(meeting.starts_at)),
        (_("Convened by"), meeting.convened_by or "—"),
        (_("Place"), meeting.place or "—"),
        (_("Next meeting"), format_datetime(meeting.next_meeting_at) or "—"),
    ]
    parts = [f"<h3>{escape(meeting.title)}</h3><table cellspacing='4'>"]
    parts.extend(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
    parts.append("</table>")
    attendance_title = _("Attendance ({count})").format(count=len(meeting.attendees))
    names = ", ".join(name for _id, name in meeting.attendees) or "—"
    parts.append(f"<p><b>{escape(attendance_title)}</b><br>{escape(names)}</p>")
    decisions_title = _("Decisions")
    parts.append(f"<p><b>{escape(decisions_title)}</b></p><ol>")
    for decision in meeting.decisions:
        text = escape(decision.text)
        parts.append(f"<li><s>{text}</s></li>" if decision.is_corrected else f"<li>{text}</li>")
    parts.append("</ol>")
    if not meeting.decisions:
        none_yet = escape(_("No decisions yet."))
        parts.append(f"<p>{none_yet}</p>")
    return "".join(parts)


class MeetingsTab(QWidget):
    """``print_requested(incident_id, meeting_id)`` asks for the meeting pack to be printed."""

    print_requested = Signal(str, str)

    def __init__(self, context: AppContext, author: Callable[[], str]) -> None:
        super().__init__()
        self.context = context
        self._author = author
        self._incident: IncidentDetail | None = None
        self.rows: list[MeetingRow] = []
        self.model = QStandardItemModel()
        self.list = QListView()
        self.list.setObjectName("meetingList")
        self.list.setAccessibleName(_("Meetings"))
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().selectionChanged.connect(lambda *_a: self._show())
        self.details = QTextBrowser()
        self.details.setObjectName("meetingDetails")
        self.details.setAccessibleName(_("Meeting details"))
        self.decision = QLineEdit()
        limit_text(self.decision, "text")
        self.decision.setObjectName("decisionEntry")
        self.decision.setPlaceholderText(_("Type a decision and press Enter (it goes to the log)"))
        self.decision.returnPressed.connect(self.add_decision)
        self.new = QPushButton(_("Hold a coordination meeting…"))
        self.new.setObjectName("newMeeting")
        self.new.clicked.connect(self._new_meeting)
        self.edit = QPushButton(_("Attendance and details…"))
        self.edit.setObjectName("editMeeting")
        self.edit.clicked.connect(self._edit_meeting)
        self.print = QPushButton(_("Print the meeting pack…"))
        self.print.setObjectName("printMeetingPack")
        self.print.clicked.connect(self._print)
        self.print.setVisible(False)
        self.error = MessageLine()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new)
        buttons.addWidget(self.edit)
        buttons.addWidget(self.print)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(QLabel(_("New decision")))
        right_layout.addWidget(self.decision)
        right_layout.addWidget(self.error)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    def set_printing_available(self, available: bool) -> None:
        self.print.setVisible(available)

    def set_incident(self, incident: IncidentDetail | None) -> None:
        self._incident = incident
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        chosen_id = chosen.id if chosen else None
        incident = self._incident
        self.rows = meetings.incident_meetings(self.context.store, incident.id) if incident else []
        self.model.clear()
        for meeting in self.rows:
            item = QStandardItem(f"{meeting.title}\n{format_short(meeting.starts_at)}")
            item.setData(meeting.id, MeetingIdRole)
            self.model.appendRow(item)
        target = chosen_id or (self.rows[-1].id if self.rows else None)
        if target:
            self.select(target)
        self._show()

    def selected(self) -> MeetingRow | None:
        indexes = self.list.selectionModel().selectedIndexes()
        if not indexes:
            return None
        meeting_id = indexes[0].data(MeetingIdRole)
        return next((m for m in self.rows if m.id == meeting_id), None)

    def select(self, meeting_id: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.item(row).data(MeetingIdRole) == meeting_id:
                self.list.selectionModel().select(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                return True
        return False

    def _show(self) -> None:
        meeting = self.selected()
        writable = self._incident is not None and self._incident.writable
        self.new.setEnabled(writable)
        self.edit.setEnabled(writable and meeting is not None)
        self.decision.setEnabled(writable and meeting is not None)
        self.print.setEnabled(meeting is not None)
        if meeting is None:
            # Translated outside the f-string: the catalog's extractor does not look inside one.
            empty = escape(_("No coordination meetings yet."))
            self.details.setHtml(f"<p>{empty}</p>" if self._incident else "")
            return
        self.details.setHtml(meeting_html(meeting))

    def add_decision(self) -> None:
        meeting = self.selected()
        if meeting is None or not self.decision.text().strip():
            return
        try:
            meetings.add_decision(
                self.context.store, meeting.id, self.decision.text(), author=self._author()
            )
        except VerkostoError as error:
            self.error.show_error(str(error))
            return
        self.error.clear_message()
        self.decision.clear()
        self.decision.setFocus()

    def _new_meeting(self) -> None:
        convener = self._incident.convened_by_id if self._incident else None
        dialog = MeetingDialog(actor_names(self.context.store), convener_id=convener, parent=self)
        dialog.submitted.connect(self._save)
        dialog.open()

    def _edit_meeting(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        dialog = MeetingDialog(actor_names(self.context.store), meeting=meeting, parent=self)
        dialog.submitted.connect(self._save)
        dialog.open()

    def _save(self, dialog: MeetingDialog) -> None:
        if self._incident is None:
            return
        store, incident_id, editing = self.context.store, self._incident.id, dialog.meeting
        saved = dialog.save(
            lambda: (
                meetings.hold_meeting(store, incident_id, dialog.values())
                if editing is None
                else meetings.update_meeting(store, editing.id, dialog.values())
            )
        )
        if saved is None:
            return
        self.select(saved.id)
        self.decision.setFocus()

    def _print(self) -> None:
        meeting = self.selected()
        if meeting is not None and self._incident is not None:
            self.print_requested.emit(self._incident.id, meeting.id)
