"""Holding (or editing) a coordination meeting: time, who convened, where, who attended, and when
the next meeting is. Attendance is a filterable checklist of the register's actors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident.meetings import MeetingRow
from verkosto_desktop.domain.writes import ActivityFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.incident.actor_combo import ActorChecklistModel, ActorCombo
from verkosto_desktop.ui.incident.common import datetime_edit, edit_time


class MeetingDialog(FormDialog):
    """``submitted(dialog)`` on OK. ``meeting`` is set when editing an existing meeting."""

    def __init__(
        self,
        actors: list[tuple[str, str]],
        *,
        meeting: MeetingRow | None = None,
        convener_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Coordination meeting") if meeting else _("Hold a coordination meeting")
        super().__init__("meetingDialog", title, parent)
        self.meeting = meeting
        self.title = QLineEdit(meeting.title if meeting else "")
        limit_text(self.title, "title")
        self.title.setObjectName("meetingTitle")
        self.title.setPlaceholderText(_("(numbered automatically)"))
        self.starts_at = datetime_edit(meeting.starts_at if meeting else None)
        self.starts_at.setObjectName("meetingTime")
        self.convener = ActorCombo(actors, none_label=_("(not recorded)"))
        self.convener.setObjectName("meetingConvener")
        self.convener.set_actor(meeting.convened_by_id if meeting else convener_id)
        self.place = QLineEdit(meeting.place if meeting else "")
        limit_text(self.place, "place")
        self.place.setObjectName("meetingPlace")
        self.has_next = QCheckBox(_("Next meeting"))
        self.has_next.setObjectName("meetingHasNext")
        next_at = meeting.next_meeting_at if meeting else None
        self.has_next.setChecked(next_at is not None)
        self.next_at = datetime_edit(next_at or datetime.now(UTC) + timedelta(hours=4))
        self.next_at.setObjectName("meetingNext")
        self.next_at.setEnabled(self.has_next.isChecked())
        self.has_next.toggled.connect(self.next_at.setEnabled)
        attending = {actor_id for actor_id, _name in meeting.attendees} if meeting else set()
        self.attendance = ActorChecklistModel(actors, attending)
        self.attendance.dataChanged.connect(lambda *_a: self._count())
        self.attendance.modelReset.connect(self._count)
        self.filter = QLineEdit()
        self.filter.setObjectName("attendanceFilter")
        self.filter.setPlaceholderText(_("Find an actor"))
        self.filter.setAccessibleName(_("Find an actor"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.attendance.set_filter)
        self.list = QListView()
        self.list.setObjectName("attendanceList")
        self.list.setAccessibleName(_("Attendance"))
        self.list.setModel(self.attendance)
        self.list.setUniformItemSizes(True)
        self.count = QLabel()

        form = self.form
        form.addRow(_("Title"), self.title)
        form.addRow(_("Time"), self.starts_at)
        form.addRow(_("Convened by"), self.convener)
        form.addRow(_("Place"), self.place)
        next_row = QHBoxLayout()
        next_row.addWidget(self.has_next)
        next_row.addWidget(self.next_at, 1)
        form.addRow(next_row)
        attendance_box = QVBoxLayout()
        attendance_box.addWidget(QLabel(_("Attendance")))
        attendance_box.addWidget(self.filter)
        attendance_box.addWidget(self.list, 1)
        attendance_box.addWidget(self.count)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(attendance_box, 1)
        self.finish_layout(860, content=columns, height=480)
        self._count()

    def _count(self) -> None:
        self.count.setText(_("{count} attending").format(count=len(self.attendance.checked_ids())))

    def values(self) -> ActivityFields:
        return {
            "title": self.title.text().strip() or (self.meeting.title if self.meeting else ""),
            "starts_at": edit_time(self.starts_at),
            "organiser_id": self.convener.actor_id(),
            "place": self.place.text(),
            "attendees": self.attendance.checked_ids(),
            "next_meeting_at": edit_time(self.next_at) if self.has_next.isChecked() else None,
        }
