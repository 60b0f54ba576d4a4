"""The network and its incidents at a glance: active incidents with their open tasks and latest
log entries, activities of the coming weeks, and open items of the network's action plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from verkosto_desktop.data.models import (
    ActionItem,
    Activity,
    Actor,
    Incident,
    IncidentLogEntry,
    IncidentSituation,
)
from verkosto_desktop.domain.enums import ActionStatus

OPEN_STATUSES: tuple[str, ...] = tuple(s.value for s in ActionStatus if s.is_open)
UPCOMING_DAYS = 30


@dataclass(frozen=True)
class LogLine:
    kind: str
    happened_at: datetime
    text: str
    author: str


@dataclass(frozen=True)
class IncidentSummary:
    """An active incident as the dashboard's banner shows it."""

    id: str
    title: str
    area: str
    situations: tuple[str, ...]  # situation type keys
    started_at: datetime
    phase: str
    open_tasks: int
    last_entries: tuple[LogLine, ...]  # newest first


@dataclass(frozen=True)
class UpcomingActivity:
    id: str
    kind: str
    title: str
    starts_at: datetime
    place: str
    organiser: str


@dataclass(frozen=True)
class OpenAction:
    """An open item of the network's action plan (incident tasks are counted on the incident)."""

    id: str
    title: str
    responsible: str
    phase: str | None
    situation_key: str | None
    due_on: date | None
    status: str


def active_incidents(session: Session, last_entries: int = 3) -> list[IncidentSummary]:
    """Incidents not closed, newest first, each with its open tasks and latest log entries."""
    incidents = list(
        session.execute(
            select(Incident.id, Incident.title, Incident.area, Incident.started_at, Incident.phase)
            .where(
                Incident.deleted_at.is_(None),
                Incident.closed_at.is_(None),
                Incident.phase != "closed",
            )
            .order_by(Incident.started_at.desc())
        )
    )
    summaries: list[IncidentSummary] = []
    for incident in incidents:
        situations = tuple(
            session.scalars(
                select(IncidentSituation.situation_key).where(
                    IncidentSituation.incident_id == incident.id
                )
            )
        )
        open_tasks = session.scalar(
            select(func.count()).where(
                ActionItem.incident_id == incident.id,
                ActionItem.deleted_at.is_(None),
                ActionItem.status.in_(OPEN_STATUSES),
            )
        )
        entries = tuple(
            LogLine(row.kind, row.happened_at, row.text, row.author)
            for row in session.execute(
                select(
                    IncidentLogEntry.kind,
                    IncidentLogEntry.happened_at,
                    IncidentLogEntry.text,
                    IncidentLogEntry.author,
                )
                .where(IncidentLogEntry.incident_id == incident.id)
                .order_by(IncidentLogEntry.happened_at.desc(), IncidentLogEntry.recorded_at.desc())
                .limit(last_entries)
            )
        )
        summaries.append(
            IncidentSummary(
                incident.id,
                incident.title,
                incident.area,
                situations,
                incident.started_at,
                incident.phase,
                open_tasks or 0,
                entries,
            )
        )
    return summaries


def upcoming_activities(
    session: Session, now: datetime, days: int = UPCOMING_DAYS
) -> list[UpcomingActivity]:
    """Activities starting from ``now`` to ``days`` days ahead, soonest first."""
    organiser = aliased(Actor)
    rows = session.execute(
        select(
            Activity.id,
            Activity.kind,
            Activity.title,
            Activity.starts_at,
            Activity.place,
            func.coalesce(organiser.name, ""),
        )
        .outerjoin(organiser, organiser.id == Activity.organiser_id)
        .where(
            Activity.deleted_at.is_(None),
            Activity.starts_at >= now,
            Activity.starts_at < now + timedelta(days=days),
        )
        .order_by(Activity.starts_at, Activity.title)
    )
    return [UpcomingActivity(*row) for row in rows]


def open_action_items(session: Session) -> list[OpenAction]:
    """Open items of the network's action plan, those due soonest first (undated last)."""
    responsible = aliased(Actor)
    rows = session.execute(
        select(
            ActionItem.id,
            ActionItem.title,
            func.coalesce(responsible.name, ""),
            ActionItem.phase,
            ActionItem.situation_key,
            ActionItem.due_on,
            ActionItem.status,
        )
        .outerjoin(responsible, responsible.id == ActionItem.responsible_id)
        .where(
            ActionItem.deleted_at.is_(None),
            ActionItem.incident_id.is_(None),
            ActionItem.status.in_(OPEN_STATUSES),
        )
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.title)
    )
    return [OpenAction(*row) for row in rows]
