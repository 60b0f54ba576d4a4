"""Activities of the network (meetings, trainings, exercises, events…) with attendance: upcoming
and past lists, one activity's details, and the activities of a period for the calendar export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from verkosto_desktop.data.exchange.networks import of_own_network
from verkosto_desktop.data.models import Activity, ActivityAttendance, Actor, Facility, Record
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.recording import apply_change, get_live, move_to_trash
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.collation import finnish_sorted
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.records import ACTIVITY_FIELDS, clean
from verkosto_desktop.domain.writes import ActivityFields
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class ActivityRow:
    """One line of the upcoming or past list."""

    id: str
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    organiser_name: str
    attendee_count: int
    residents_involved: bool


@dataclass(frozen=True)
class ActivityDetail:
    """Everything about one activity, for the editor and the calendar export."""

    id: str
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    facility_id: str | None
    facility_name: str
    facility_address: str
    place: str
    organiser_id: str | None
    organiser_name: str
    incident_id: str | None
    phase: str | None
    permanent: bool
    residents_involved: bool
    residents_note: str
    decisions: str
    next_meeting_at: datetime | None
    notes: str
    attendee_ids: tuple[str, ...]
    attendee_names: tuple[str, ...]
    revision: int
    updated_at: datetime

    @property
    def place_text(self) -> str:
        """Where it happens: the facility (with its address) or the free text."""
        return _place_text(self.facility_name, self.facility_address, self.place)


@dataclass(frozen=True)
class FacilityChoice:
    id: str
    name: str
    actor_name: str
    address: str


def _place_text(facility: str, address: str, place: str) -> str:
    if facility:
        return ", ".join(part for part in (facility, address) if part)
    return place


def _detail(session: Session, activity: Activity) -> ActivityDetail:
    facility = session.get(Facility, activity.facility_id) if activity.facility_id else None
    organiser = session.get(Actor, activity.organiser_id) if activity.organiser_id else None
    attendees = finnish_sorted(
        session.execute(
            select(Actor.id, Actor.name)
            .join(ActivityAttendance, ActivityAttendance.actor_id == Actor.id)
            .where(ActivityAttendance.activity_id == activity.id)
        ).all(),
        key=lambda row: row[1],
    )
    return ActivityDetail(
        id=activity.id,
        kind=activity.kind,
        title=activity.title,
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        facility_id=activity.facility_id,
        facility_name=facility.name if facility else "",
        facility_address=facility.address if facility else "",
        place=activity.place,
        organiser_id=activity.organiser_id,
        organiser_name=organiser.name if organiser else "",
        incident_id=activity.incident_id,
        phase=activity.phase,
        permanent=activity.permanent,
        residents_involved=activity.residents_involved,
        residents_note=activity.residents_note,
        decisions=activity.decisions,
        next_meeting_at=activity.next_meeting_at,
        notes=activity.notes,
        attendee_ids=tuple(row[0] for row in attendees),
        attendee_names=tuple(row[1] for row in attendees),
        revision=activity.revision,
        updated_at=activity.updated_at,
    )


def _check(session: Session, values: dict[str, Any], starts_at: datetime | None) -> None:
    ends_at = values.get("ends_at")
    if ends_at is not None and starts_at is not None and ends_at < starts_at:
        raise ValidationError("ends_at", _("The end cannot be before the start"))
    linked: tuple[tuple[str, type[Record], str], ...] = (
        ("organiser_id", Actor, _("The organiser no longer exists")),
        ("facility_id", Facility, _("The premises no longer exist")),
    )
    for field, model, message in linked:
        key = values.get(field)
        if key:
            obj = session.get(model, key)
            if obj is None or obj.deleted_at is not None:
                raise ValidationError(field, message)
    if values.get("attendees"):
        wanted = set(values["attendees"])
        found = set(
            session.scalars(
                select(Actor.id).where(Actor.id.in_(wanted), Actor.deleted_at.is_(None))
            )
        )
        if wanted - found:
            raise ValidationError("attendees", _("A participant no longer exists"))


def set_attendance(activity: Activity, attendees: Sequence[str]) -> None:
    """Who took part (actor ids), replacing the earlier list."""
    activity.attendance = [
        ActivityAttendance(activity_id=activity.id, actor_id=actor_id) for actor_id in attendees
    ]


def add_activity(
    session: Session, values: Mapping[str, Any], attendees: Sequence[str] = ()
) -> Activity:
    """Store a new activity (an event, a coordination meeting, a recovery activity) with its
    attendance, and report it."""
    activity = Activity(**values)
    session.add(activity)
    session.flush()
    if attendees:
        set_attendance(activity, attendees)
        session.flush()
    record_change(session, ChangeKind.ACTIVITY, activity.id)
    return activity


def apply_activity_change(
    session: Session,
    activity: Activity,
    values: Mapping[str, Any],
    attendees: Sequence[str] | None,
) -> bool:
    """Set ``values`` and, when given and different, the attendance, as one change (history
    kept, revision bumped). True if anything changed."""
    relink = None
    if attendees is not None and list(attendees) != activity.attendee_ids:
        relink = partial(set_attendance, activity, attendees)
    return apply_change(session, activity, values, relink)


def create_activity(store: Store, fields: ActivityFields) -> ActivityDetail:
    """Add an activity; ``fields`` need a title and ``starts_at`` (aware), and may hold
    ``attendees`` (actor ids). Raises ``ValidationError``."""
    values = clean(ACTIVITY_FIELDS, {"title": fields.get("title"), **fields})
    if "starts_at" not in values:
        raise ValidationError("starts_at", _("A time is required"))
    attendees = values.pop("attendees", [])
    with store.write() as session:
        _check(session, {**values, "attendees": attendees}, values["starts_at"])
        activity = add_activity(session, values, attendees)
        return _detail(session, activity)


def update_activity(store: Store, activity_id: str, fields: ActivityFields) -> ActivityDetail:
    """Change some fields of an activity, or its attendance (``attendees``)."""
    values = clean(ACTIVITY_FIELDS, fields)
    attendees = values.pop("attendees", None)
    with store.write() as session:
        activity = get_live(session, Activity, activity_id)
        _check(
            session,
            {**values, "attendees": attendees or []},
            values.get("starts_at", activity.starts_at),
        )
        if "ends_at" not in values and "starts_at" in values and activity.ends_at is not None:
            _check(session, {"ends_at": activity.ends_at}, values["starts_at"])
        if apply_activity_change(session, activity, values, attendees):
            session.flush()
            record_change(session, ChangeKind.ACTIVITY, activity.id)
        return _detail(session, activity)


def delete_activity(store: Store, activity_id: str) -> None:
    """Move an activity to the trash."""
    with store.write() as session:
        move_to_trash(session, Activity, activity_id, ChangeKind.ACTIVITY)


def get_activity(store: Store, activity_id: str) -> ActivityDetail:
    """One live activity; ``NotFound`` when it is gone."""
    with store.read() as session:
        return _detail(session, get_live(session, Activity, activity_id))


def activities(
    store: Store, when: str = "upcoming", now: datetime | None = None
) -> list[ActivityRow]:
    """``"upcoming"`` (not yet over, soonest first), ``"past"`` (newest first) or ``"all"``."""
    moment = now or utcnow()
    organiser = aliased(Actor)
    attendance = (
        select(ActivityAttendance.activity_id, func.count().label("n"))
        .group_by(ActivityAttendance.activity_id)
        .subquery()
    )
    query = (
        select(
            Activity.id,
            Activity.kind,
            Activity.title,
            Activity.starts_at,
            Activity.ends_at,
            Facility.name,
            Facility.address,
            Activity.place,
            organiser.name,
            attendance.c.n,
            Activity.residents_involved,
        )
        .outerjoin(Facility, Facility.id == Activity.facility_id)
        .outerjoin(organiser, organiser.id == Activity.organiser_id)
        .outerjoin(attendance, attendance.c.activity_id == Activity.id)
        .where(Activity.deleted_at.is_(None))
    )
    # "Not yet over": an activity without an end is over when it starts.
    not_over = or_(
        Activity.starts_at >= moment,
        and_(Activity.ends_at.is_not(None), Activity.ends_at >= moment),
    )
    if when == "upcoming":
        query = query.where(not_over).order_by(Activity.starts_at, Activity.title)
    elif when == "past":
        query = query.where(~not_over).order_by(Activity.starts_at.desc(), Activity.title)
    else:
        query = query.order_by(Activity.starts_at.desc(), Activity.title)
    with store.read() as session:
        query = query.where(of_own_network(session, Activity.__table__))
        return [
            ActivityRow(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                _place_text(row[5] or "", row[6] or "", row[7]),
                row[8] or "",
                row[9] or 0,
                row[10],
            )
            for row in session.execute(query)
        ]


def calendar_activities(
    store: Store, start: datetime | None = None, end: datetime | None = None
) -> list[ActivityDetail]:
    """Live activities starting in ``[start, end)`` (open-ended when None), oldest first."""
    query = select(Activity).where(Activity.deleted_at.is_(None))
    if start is not None:
        query = query.where(Activity.starts_at >= start)
    if end is not None:
        query = query.where(Activity.starts_at < end)
    with store.read() as session:
        query = query.where(of_own_network(session, Activity.__table__))
        found = session.scalars(query.order_by(Activity.starts_at, Activity.id)).all()
        return [_detail(session, activity) for activity in found]


def facility_choices(store: Store) -> list[FacilityChoice]:
    """Every live facility of a live actor, by name (Finnish order), for choosing a place."""
    with store.read() as session:
        rows = session.execute(
            select(Facility.id, Facility.name, Actor.name, Facility.address)
            .join(Actor, Actor.id == Facility.actor_id)
            .where(Facility.deleted_at.is_(None), Actor.deleted_at.is_(None))
        ).all()
    choices = [FacilityChoice(*row) for row in rows]
    return finnish_sorted(choices, key=lambda c: f"{c.name} {c.actor_name}")
