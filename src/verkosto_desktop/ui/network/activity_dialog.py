"""Adding or changing an activity: kind, title, date and time, place (premises or free text),
organiser, participating actors, residents' part, phase and notes."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)

from verkosto_desktop.data.network import activities
from verkosto_desktop.data.network.activities import ActivityDetail
from verkosto_desktop.data.network.membership import membership_rows
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.clock import local_zone, now_local, to_local
from verkosto_desktop.domain.collation import finnish_sorted
from verkosto_desktop.domain.dates import parse_time
from verkosto_desktop.domain.enums import ActivityKind, MembershipStatus, Phase
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.timefmt import format_time
from verkosto_desktop.domain.writes import ActivityFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.network.widgets import (
    ActorPicker,
    CommitTextEdit,
    DateField,
    EnterLineEdit,
)


class ActivityDialog(FormDialog):
    """Edits ``activity`` (a new one when None); ``submitted(dialog)`` on OK, and the owner saves
    :meth:`fields`."""

    def __init__(
        self, store: Store, activity: ActivityDetail | None = None, parent: QWidget | None = None
    ) -> None:
        title = _("Activity details") if activity else _("New activity")
        super().__init__("activityEditor", title, parent)
        self.store = store
        self.activity = activity
        names = actor_names(store)
        self._names = dict(names)
        self.kind = QComboBox()
        self.kind.setObjectName("activityKind")
        for kind in ActivityKind:
            self.kind.addItem(kind.label(), kind.value)
        self.title = QLineEdit()
        limit_text(self.title, "title")
        self.title.setObjectName("activityTitle")
        self.day = DateField()
        self.day.setObjectName("activityDate")
        self.day.setAccessibleName(_("Date"))
        self.starts = QLineEdit()
        self.starts.setObjectName("activityStarts")
        self.starts.setPlaceholderText(_("e.g. 18.00"))
        self.starts.setMaximumWidth(110)
        self.starts.setAccessibleName(_("Starts"))
        self.ends = QLineEdit()
        self.ends.setObjectName("activityEnds")
        self.ends.setPlaceholderText(_("end"))
        self.ends.setMaximumWidth(110)
        self.ends.setAccessibleName(_("Ends"))
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.starts)
        when.addWidget(self.ends)
        when.addStretch(1)
        self.facility = QComboBox()
        self.facility.setObjectName("activityFacility")
        self.facility.addItem(_("(other place, write below)"), None)
        for choice in activities.facility_choices(store):
            self.facility.addItem(f"{choice.name} — {choice.actor_name}", choice.id)
        self.place = QLineEdit()
        limit_text(self.place, "place")
        self.place.setObjectName("activityPlace")
        self.organiser = ActorPicker(none_text=_("(nobody)"))
        self.organiser.setObjectName("activityOrganiser")
        self.organiser.set_actors(names)
        self.phase = QComboBox()
        self.phase.addItem(_("(any)"), None)
        for phase in Phase:
            self.phase.addItem(phase.label(), phase.value)
        self.residents = QCheckBox(_("Residents take part"))
        self.residents.setObjectName("activityResidents")
        self.residents_note = QLineEdit()
        limit_text(self.residents_note, "residents_note")
        self.residents_note.setPlaceholderText(_("How residents take part"))
        self.residents_note.setAccessibleName(_("How residents take part"))
        self.notes = CommitTextEdit()
        limit_text(self.notes, "notes")
        self.notes.setMaximumHeight(80)

        self._attendees: list[str] = []
        self.attendee_model = QStringListModel()
        self.attendee_list = QListView()
        self.attendee_list.setObjectName("activityAttendees")
        self.attendee_list.setAccessibleName(_("Participants"))
        self.attendee_list.setModel(self.attendee_model)
        self.attendee_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        # Enter in the chooser adds the participant (instead of closing the dialog).
        enter = EnterLineEdit()
        enter.entered.connect(self.add_attendee)
        self.attendee_picker = ActorPicker(line_edit=enter)
        self.attendee_picker.setObjectName("activityAttendeePicker")
        self.attendee_picker.setAccessibleName(_("Add a participant"))
        enter.setAccessibleName(_("Add a participant"))
        self.attendee_picker.set_actors(names)
        self.attendee_picker.set_actor(None)
        add = QPushButton(_("Add"))
        add.setObjectName("activityAddAttendee")
        add.clicked.connect(self.add_attendee)
        members = QPushButton(_("Add all members"))
        members.clicked.connect(self.add_members)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(self.remove_attendee)
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.attendee_picker, 1)
        picker_row.addWidget(add)
        picker_row.addWidget(members)
        picker_row.addWidget(remove)

        form = self.form
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Date, start, end"), when)
        form.addRow(_("Premises"), self.facility)
        form.addRow(_("Place"), self.place)
        form.addRow(_("Organiser"), self.organiser)
        form.addRow(_("Phase"), self.phase)
        form.addRow("", self.residents)
        form.addRow("", self.residents_note)
        form.addRow(_("Participants"), picker_row)
        form.addRow("", self.attendee_list)
        form.addRow(_("Notes"), self.notes)
        self.finish_layout(640, height=720)
        self._load()

    def _load(self) -> None:
        activity = self.activity
        if activity is None:
            self.day.set_date(now_local().date())
            self.starts.setText("18.00")
            self.organiser.set_actor(None)
            return
        self.kind.setCurrentIndex(max(self.kind.findData(activity.kind), 0))
        self.title.setText(activity.title)
        self.day.set_date(to_local(activity.starts_at).date())
        self.starts.setText(format_time(activity.starts_at))
        self.ends.setText(format_time(activity.ends_at))
        self.facility.setCurrentIndex(max(self.facility.findData(activity.facility_id), 0))
        self.place.setText(activity.place)
        self.organiser.set_actor(activity.organiser_id)
        self.phase.setCurrentIndex(max(self.phase.findData(activity.phase), 0))
        self.residents.setChecked(activity.residents_involved)
        self.residents_note.setText(activity.residents_note)
        self.notes.load(activity.notes)
        self._attendees = list(activity.attendee_ids)
        self._show_attendees()

    # -- attendance ---------------------------------------------------------------------------

    def attendees(self) -> list[str]:
        return list(self._attendees)

    def _show_attendees(self) -> None:
        self._attendees = finnish_sorted(set(self._attendees), key=lambda i: self._names.get(i, ""))
        self.attendee_model.setStringList([self._names.get(i, "?") for i in self._attendees])

    def add_attendee(self) -> None:
        actor_id = self.attendee_picker.actor_id()
        if actor_id is None:
            self.error.show_error(_("Choose an actor from the list"))
            return
        self._attendees.append(actor_id)
        self._show_attendees()
        self.attendee_picker.set_actor(None)
        self.error.clear_message()

    def add_members(self) -> None:
        self._attendees += [
            r.actor_id for r in membership_rows(self.store, MembershipStatus.MEMBER.value)
        ]
        self._show_attendees()

    def remove_attendee(self) -> None:
        rows = sorted((i.row() for i in self.attendee_list.selectedIndexes()), reverse=True)
        for row in rows:
            del self._attendees[row]
        self._show_attendees()

    # -- saving -------------------------------------------------------------------------------

    def _moment(self, clock: time | None) -> datetime | None:
        day = self.day.date()
        if day is None:
            raise ValidationError("starts_at", _("Give the date"))
        return datetime.combine(day, clock, tzinfo=local_zone()) if clock else None

    def fields(self) -> ActivityFields:
        """What the dialog holds, as fields for the data layer (raises ``ValidationError``)."""
        starts = self._moment(parse_time(self.starts.text(), "starts_at") or time(0, 0))
        ends = self._moment(parse_time(self.ends.text(), "ends_at"))
        return {
            "kind": self.kind.currentData(),
            "title": self.title.text(),
            "starts_at": starts,
            "ends_at": ends,
            "facility_id": self.facility.currentData(),
            "place": self.place.text(),
            "organiser_id": self.organiser.actor_id(),
            "phase": self.phase.currentData(),
            "residents_involved": self.residents.isChecked(),
            "residents_note": self.residents_note.text(),
            "notes": self.notes.toPlainText(),
            "attendees": self.attendees(),
        }
