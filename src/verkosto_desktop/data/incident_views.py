"""Read-only views of incidents for printed sheets and lists: the incident, its tasks and its log.
(The operations that change incidents live elsewhere; these only read.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.models import (
    ActionItem,
    ActionStatusChange,
    Actor,
    Incident,
    IncidentLogEntry,
    IncidentSituation,
)
from verkosto_desktop.data.store import Store
from verkosto_desktop.domain.enums import ActionStatus
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class IncidentSummary:
    """An incident as listed and printed."""

    id: str
    title: str
    area: str
    phase: str
    started_at: datetime
    recovery_at: datetime | None
    closed_at: datetime | None
    situations: tuple[str, ...]
    convened_by: str
    description: str

    @property
    def is_active(self) -> bool:
        return self.phase != "closed"


@dataclass(frozen=True)
class IncidentTask:
    """A task of an incident: who does it, its status and since when."""

    id: str
    title: str
    owner: str
    status: str
    phase: str | None
    due_on: date | None
    status_since: datetime | None
    notes: str

    @property
    def is_open(self) -> bool:
        """Not done and not cancelled (an unknown status counts as open: better printed)."""
        return self.status not in (ActionStatus.DONE.value, ActionStatus.CANCELLED.value)


@dataclass(frozen=True)
class LogLine:
    """One entry of an incident's log, with the actor's name resolved."""

    id: str
    kind: str
    happened_at: datetime
    author: str
    actor_name: str
    text: str
    details: tuple[tuple[str, str], ...]
    corrects_id: str | None


def _summaries(store: Store, where: Any = None) -> list[IncidentSummary]:
    convener = aliased(Actor)
    query = (
        select(Incident, convener.name)
        .outerjoin(convener, convener.id == Incident.convened_by_id)
        .where(Incident.deleted_at.is_(None))
        .order_by(Incident.started_at.desc(), Incident.id)
    )
    if where is not None:
        query = query.where(where)
    with store.read() as session:
        return [
            IncidentSummary(
                id=incident.id,
                title=incident.title,
                area=incident.area,
                phase=incident.phase,
                started_at=incident.started_at,
                recovery_at=incident.recovery_at,
                closed_at=incident.closed_at,
                situations=tuple(incident.situations),
                convened_by=convener_name or incident.convened_by_text,
                description=incident.description,
            )
            for incident, convener_name in session.execute(query)
        ]


def incidents(store: Store) -> list[IncidentSummary]:
    """Every incident, newest first."""
    return _summaries(store)


def active_incident(store: Store) -> IncidentSummary | None:
    """The newest incident that is not closed, if any."""
    active = _summaries(store, Incident.phase != "closed")
    return active[0] if active else None


def get_incident(store: Store, incident_id: str) -> IncidentSummary:
    """The incident ``incident_id``; ``NotFound`` when there is none."""
    found = _summaries(store, Incident.id == incident_id)
    if not found:
        raise NotFound(_("No incident with the id {id}.").format(id=incident_id))
    return found[0]


def incident_situations(store: Store, incident_id: str) -> list[str]:
    """The situation type keys of an incident."""
    with store.read() as session:
        return sorted(
            session.scalars(
                select(IncidentSituation.situation_key).where(
                    IncidentSituation.incident_id == incident_id
                )
            )
        )


def incident_tasks(store: Store, incident_id: str, open_only: bool = False) -> list[IncidentTask]:
    """The tasks of an incident in the order they were created (open ones only if asked)."""
    owner = aliased(Actor)
    with store.read() as session:
        since = {
            item_id: changed_at
            for item_id, changed_at in session.execute(
                select(ActionStatusChange.action_item_id, ActionStatusChange.changed_at)
                .join(ActionItem, ActionItem.id == ActionStatusChange.action_item_id)
                .where(ActionItem.incident_id == incident_id)
                .order_by(ActionStatusChange.changed_at, ActionStatusChange.id)
            )
        }
        rows = session.execute(
            select(ActionItem, owner.name)
            .outerjoin(owner, owner.id == ActionItem.responsible_id)
            .where(ActionItem.incident_id == incident_id, ActionItem.deleted_at.is_(None))
            .order_by(ActionItem.created_at, ActionItem.id)
        )
        tasks = [
            IncidentTask(
                id=item.id,
                title=item.title,
                owner=owner_name or "",
                status=item.status,
                phase=item.phase,
                due_on=item.due_on,
                status_since=since.get(item.id),
                notes=item.notes,
            )
            for item, owner_name in rows
        ]
    return [t for t in tasks if t.is_open] if open_only else tasks


def incident_log(store: Store, incident_id: str) -> list[LogLine]:
    """The incident's log in the order things happened."""
    actor = aliased(Actor)
    with store.read() as session:
        rows = session.execute(
            select(IncidentLogEntry, actor.name)
            .outerjoin(actor, actor.id == IncidentLogEntry.actor_id)
            .where(IncidentLogEntry.incident_id == incident_id)
            .order_by(
                IncidentLogEntry.happened_at,
                IncidentLogEntry.recorded_at,
                IncidentLogEntry.id,
            )
        )
        return [
            LogLine(
                id=entry.id,
                kind=entry.kind,
                happened_at=entry.happened_at,
                author=entry.author,
                actor_name=actor_name or "",
                text=entry.text,
                details=tuple(
                    (str(key), str(value))
                    for key, value in (entry.details or {}).items()
                    if value not in (None, "")
                ),
                corrects_id=entry.corrects_id,
            )
            for entry, actor_name in rows
        ]
