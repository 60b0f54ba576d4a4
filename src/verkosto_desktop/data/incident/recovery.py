"""Targeted recovery activities of an incident: a club, an event, a one-off or a new permanent
activity, planned in the recovery phase as activities linked to the incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.incident.incidents import require_incident
from verkosto_desktop.data.models import Activity, Actor
from verkosto_desktop.data.register.actors import require_actor
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.enums import ActivityKind, IncidentPhase, Phase
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.records import ACTIVITY_FIELDS, clean
from verkosto_desktop.domain.writes import ActivityFields
from verkosto_desktop.i18n import _

RECOVERY_KINDS: tuple[str, ...] = (
    ActivityKind.RECOVERY_ACTIVITY.value,
    ActivityKind.CLUB.value,
    ActivityKind.EVENT.value,
)


@dataclass(frozen=True)
class RecoveryActivityRow:
    id: str
    incident_id: str
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    organiser_id: str | None
    organiser: str
    permanent: bool
    residents_involved: bool
    notes: str


def _row(session: Session, activity: Activity) -> RecoveryActivityRow:
    organiser = session.get(Actor, activity.organiser_id) if activity.organiser_id else None
    return RecoveryActivityRow(
        id=activity.id,
        incident_id=activity.incident_id or "",
        kind=activity.kind,
        title=activity.title,
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        place=activity.place,
        organiser_id=activity.organiser_id,
        organiser=organiser.name if organiser else "",
        permanent=activity.permanent,
        residents_involved=activity.residents_involved,
        notes=activity.notes,
    )


def plan_recovery_activity(
    store: Store, incident_id: str, fields: ActivityFields
) -> RecoveryActivityRow:
    """Plan a recovery activity for an incident in its recovery phase. ``fields``: ``title``,
    ``kind`` (recovery_activity, club or event), ``starts_at``; optional ``ends_at``, ``place``,
    ``organiser_id``, ``permanent`` (a new permanent activity rather than a one-off),
    ``residents_involved`` and ``notes``."""
    values = clean(
        ACTIVITY_FIELDS,
        {"title": fields.get("title"), "starts_at": fields.get("starts_at"), **fields},
    )
    if values.get("kind", RECOVERY_KINDS[0]) not in RECOVERY_KINDS:
        raise ValidationError("kind", _("Choose a recovery activity, a club or an event"))
    values.pop("attendees", None)
    with store.write() as session:
        incident = require_incident(session, incident_id, open_only=True)
        if incident.phase != IncidentPhase.RECOVERY:
            raise ValidationError(
                "phase", _("Recovery activities are planned in the recovery phase.")
            )
        if values.get("organiser_id"):
            require_actor(session, values["organiser_id"])
        values.update(incident_id=incident.id, phase=Phase.RECOVERY.value)
        values.setdefault("kind", RECOVERY_KINDS[0])
        activity = Activity(**values)
        session.add(activity)
        session.flush()
        record_change(session, ChangeKind.ACTIVITY, activity.id)
        return _row(session, activity)


def recovery_activities(store: Store, incident_id: str) -> list[RecoveryActivityRow]:
    """The incident's recovery activities, by start time."""
    with store.read() as session:
        activities = session.scalars(
            select(Activity)
            .where(
                Activity.incident_id == incident_id,
                Activity.kind.in_(RECOVERY_KINDS),
                Activity.deleted_at.is_(None),
            )
            .order_by(Activity.starts_at, Activity.id)
        )
        return [_row(session, a) for a in activities]
