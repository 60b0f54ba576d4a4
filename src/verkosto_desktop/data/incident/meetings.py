"""Coordination meetings of an incident: when, who convened, who attended, what was decided
(each decision is also a log entry) and when the next meeting is. Stored as activities of kind
``coordination_meeting`` linked to the incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.incident.incidents import actor_names_by_id, require_incident
from verkosto_desktop.data.incident.log import (
    LogEntryRow,
    LogFilter,
    get_entry,
    log_entries,
    sync_meeting_decisions,
)
from verkosto_desktop.data.models import Activity, Actor, IncidentLogEntry
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.network.activities import add_activity, apply_activity_change
from verkosto_desktop.data.recording import get_live
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.collation import finnish_sorted
from verkosto_desktop.domain.enums import ActivityKind, LogKind
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.records import ACTIVITY_FIELDS, clean
from verkosto_desktop.domain.validation import require_text
from verkosto_desktop.domain.writes import ActivityFields
from verkosto_desktop.i18n import _

MEETING = ActivityKind.COORDINATION_MEETING.value
DECISIONS = LogFilter(kinds=frozenset({LogKind.DECISION.value}))


@dataclass(frozen=True)
class MeetingRow:
    """One coordination meeting with its attendance and decisions."""

    id: str
    incident_id: str
    title: str
    starts_at: datetime
    convened_by_id: str | None
    convened_by: str
    place: str
    attendees: tuple[tuple[str, str], ...]  # (actor id, name) in Finnish order
    decisions: tuple[LogEntryRow, ...]  # in the order they were made
    next_meeting_at: datetime | None
    notes: str


def _check_actors(session: Session, values: dict[str, Any]) -> None:
    wanted = set(values.get("attendees") or ())
    if values.get("organiser_id"):
        wanted.add(values["organiser_id"])
    if wanted:
        found = set(session.scalars(select(Actor.id).where(Actor.id.in_(wanted))))
        if found != wanted:
            raise ValidationError("attendees", _("The actor no longer exists."))


def hold_meeting(store: Store, incident_id: str, fields: ActivityFields) -> MeetingRow:
    """Record a coordination meeting. ``fields``: ``starts_at`` (default now), ``organiser_id``
    (who convened), ``attendees`` (actor ids), ``place``, ``next_meeting_at``, ``notes`` and
    ``title`` (default "Coordination meeting N")."""
    given = {k: v for k, v in fields.items() if not (k == "title" and not str(v or "").strip())}
    values = clean(ACTIVITY_FIELDS, {**given, "starts_at": given.get("starts_at") or utcnow()})
    attendees = values.pop("attendees", [])
    with store.write() as session:
        incident = require_incident(session, incident_id, open_only=True)
        _check_actors(session, {**values, "attendees": attendees})
        if not values.get("title"):
            count = len(
                list(
                    session.scalars(
                        select(Activity.id).where(
                            Activity.incident_id == incident.id, Activity.kind == MEETING
                        )
                    )
                )
            )
            values["title"] = _("Coordination meeting {number}").format(number=count + 1)
        values.update(kind=MEETING, incident_id=incident.id, phase=None)
        activity_id = add_activity(session, values, attendees).id
    return get_meeting(store, activity_id)


def update_meeting(store: Store, meeting_id: str, fields: ActivityFields) -> MeetingRow:
    """Change a meeting's time, convener, place, attendance, next meeting or notes."""
    values = clean(ACTIVITY_FIELDS, fields)
    attendees = values.pop("attendees", None)
    with store.write() as session:
        activity = _require_meeting(session, meeting_id)
        _check_actors(session, {**values, "attendees": attendees or []})
        if apply_activity_change(session, activity, values, attendees):
            session.flush()
            record_change(session, ChangeKind.ACTIVITY, activity.id)
    return get_meeting(store, meeting_id)


def add_decision(
    store: Store,
    meeting_id: str,
    text: str,
    *,
    author: str = "",
    happened_at: datetime | None = None,
) -> LogEntryRow:
    """Record a decision of the meeting: a log entry of kind decision pointing to the meeting,
    and a line in the meeting's decisions (what the printed meeting pack shows)."""
    text = require_text(text, "text", _("Decision"))
    with store.write() as session:
        activity = _require_meeting(session, meeting_id)
        assert activity.incident_id is not None
        require_incident(session, activity.incident_id, open_only=True)
        entry = IncidentLogEntry(
            incident_id=activity.incident_id,
            kind=LogKind.DECISION.value,
            happened_at=happened_at or utcnow(),
            recorded_at=utcnow(),
            author=author,
            actor_id=activity.organiser_id,
            text=text,
            details={"meeting_id": activity.id},
        )
        session.add(entry)
        session.flush()
        sync_meeting_decisions(session, activity.id)
        record_change(session, ChangeKind.INCIDENT_LOG_ENTRY, entry.id)
        entry_id = entry.id
    return get_entry(store, entry_id)


def _require_meeting(session: Session, meeting_id: str) -> Activity:
    activity = get_live(session, Activity, meeting_id)
    if activity.kind != MEETING or activity.incident_id is None:
        raise ValidationError("meeting_id", _("Not a coordination meeting of an incident."))
    return activity


def _row(session: Session, activity: Activity, decisions: list[LogEntryRow]) -> MeetingRow:
    ids = activity.attendee_ids
    names = actor_names_by_id(session, ids)
    convener = session.get(Actor, activity.organiser_id) if activity.organiser_id else None
    attendees = finnish_sorted(((i, names.get(i, "")) for i in ids), key=lambda pair: pair[1])
    return MeetingRow(
        id=activity.id,
        incident_id=activity.incident_id or "",
        title=activity.title,
        starts_at=activity.starts_at,
        convened_by_id=activity.organiser_id,
        convened_by=convener.name if convener else "",
        place=activity.place,
        attendees=tuple(attendees),
        decisions=tuple(d for d in decisions if d.details.get("meeting_id") == activity.id),
        next_meeting_at=activity.next_meeting_at,
        notes=activity.notes,
    )


def incident_meetings(store: Store, incident_id: str) -> list[MeetingRow]:
    """The incident's coordination meetings, in the order they were held."""
    decisions = log_entries(store, incident_id, DECISIONS, newest_first=False)
    with store.read() as session:
        activities = session.scalars(
            select(Activity)
            .where(
                Activity.incident_id == incident_id,
                Activity.kind == MEETING,
                Activity.deleted_at.is_(None),
            )
            .order_by(Activity.starts_at, Activity.id)
        )
        return [_row(session, a, decisions) for a in activities]


def get_meeting(store: Store, meeting_id: str) -> MeetingRow:
    """One coordination meeting."""
    with store.read() as session:
        incident_id = _require_meeting(session, meeting_id).incident_id or ""
    decisions = log_entries(store, incident_id, DECISIONS, newest_first=False)
    with store.read() as session:
        return _row(session, _require_meeting(session, meeting_id), decisions)
