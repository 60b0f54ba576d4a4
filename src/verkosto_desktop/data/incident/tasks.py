"""An incident's tasks: action items tied to the incident, each with an actor, what to do and a
status (requested, accepted, in progress, done, cancelled) whose every change keeps its time.
Creating a task and changing its status also writes the incident log, so the journal is whole."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.incident.incidents import actor_names_by_id, require_incident
from verkosto_desktop.data.models import (
    ActionItem,
    ActionStatusChange,
    Actor,
    Capability,
    IncidentLogEntry,
)
from verkosto_desktop.data.models.types import device_user, utcnow
from verkosto_desktop.data.recording import apply_change, get_live
from verkosto_desktop.data.register.actors import require_actor
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.enums import ActionStatus, LogKind
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.incidents import TASK_STATUSES, capability_phase
from verkosto_desktop.domain.validation import clean_text, require_text
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class StatusChange:
    status: str
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class TaskRow:
    """One task of an incident, with the time each status was reached."""

    id: str
    incident_id: str
    title: str
    actor_id: str | None
    actor_name: str
    status: str
    capability_id: str | None
    notes: str
    created_at: datetime
    changes: tuple[StatusChange, ...]
    due_on: date | None = None

    @property
    def is_open(self) -> bool:
        """Not done and not cancelled (an unknown status counts as open: better printed)."""
        return self.status not in (ActionStatus.DONE.value, ActionStatus.CANCELLED.value)

    @property
    def status_since(self) -> datetime:
        """When the current status was reached."""
        return self.changes[-1].changed_at if self.changes else self.created_at

    def reached_at(self, status: str) -> datetime | None:
        """When the task last reached ``status`` (None if never)."""
        times = [c.changed_at for c in self.changes if c.status == status]
        return times[-1] if times else None


def _log(session: Session, item: ActionItem, actor: Actor | None, text: str, author: str) -> None:
    entry = IncidentLogEntry(
        incident_id=item.incident_id,
        kind=(
            LogKind.REQUEST.value
            if item.status == ActionStatus.REQUESTED
            else LogKind.TASK_UPDATE.value
        ),
        happened_at=utcnow(),
        author=author,
        actor_id=actor.id if actor else None,
        text=text,
        details={"task_id": item.id, "status": item.status},
    )
    session.add(entry)
    session.flush()
    record_change(session, ChangeKind.INCIDENT_LOG_ENTRY, entry.id)


def _status(value: str) -> str:
    if value not in TASK_STATUSES:
        raise ValidationError("status", _("Unknown key '{key}'").format(key=value))
    return value


def create_task(
    store: Store,
    incident_id: str,
    actor_id: str | None,
    title: str,
    *,
    capability_id: str | None = None,
    status: str = ActionStatus.REQUESTED.value,
    author: str = "",
    notes: str = "",
) -> TaskRow:
    """Ask an actor (or nobody yet) to do something for the incident; logged as a request."""
    title = require_text(title, "title", _("Title"))
    status = _status(status)
    with store.write() as session:
        incident = require_incident(session, incident_id, open_only=True)
        actor = require_actor(session, actor_id) if actor_id else None
        if capability_id and session.get(Capability, capability_id) is None:
            capability_id = None
        item = ActionItem(
            title=title,
            responsible_id=actor.id if actor else None,
            incident_id=incident.id,
            capability_id=capability_id,
            phase=capability_phase(incident.phase),
            status=status,
            notes=clean_text(notes, "notes"),
        )
        session.add(item)
        session.flush()
        session.add(
            ActionStatusChange(
                action_item_id=item.id, status=status, changed_at=utcnow(), changed_by=device_user()
            )
        )
        who = actor.name if actor else _("no actor yet")
        _log(
            session,
            item,
            actor,
            _("Task for {actor}: {title}").format(actor=who, title=title),
            author,
        )
        record_change(session, ChangeKind.ACTION_ITEM, item.id)
        return _rows(session, [item])[0]


def set_task_status(store: Store, task_id: str, status: str, author: str = "") -> TaskRow:
    """Move a task to ``status``; the time of the change is kept and the log is written."""
    status = _status(status)
    with store.write() as session:
        item = get_live(session, ActionItem, task_id)
        if item.incident_id is None:
            raise ValidationError("incident_id", _("Not a task of an incident."))
        if item.status != status:
            apply_change(session, item, {"status": status})
            session.add(
                ActionStatusChange(
                    action_item_id=item.id,
                    status=status,
                    changed_at=utcnow(),
                    changed_by=device_user(),
                )
            )
            actor = session.get(Actor, item.responsible_id) if item.responsible_id else None
            _log(
                session,
                item,
                actor,
                _("{title} ({actor}): {status}").format(
                    title=item.title,
                    actor=actor.name if actor else _("no actor yet"),
                    status=ActionStatus(status).label(),
                ),
                author,
            )
            record_change(session, ChangeKind.ACTION_ITEM, item.id)
        return _rows(session, [item])[0]


def cancel_task(store: Store, task_id: str, reason: str = "", author: str = "") -> TaskRow:
    """Cancel a task asked by mistake or no longer needed: it is marked cancelled, and the
    request it wrote in the log is corrected (the log keeps both: the request shows crossed out,
    with why it was cancelled)."""
    reason = clean_text(reason)
    with store.write() as session:
        item = get_live(session, ActionItem, task_id)
        if item.incident_id is None:
            raise ValidationError("incident_id", _("Not a task of an incident."))
        if item.status == ActionStatus.CANCELLED:
            return _rows(session, [item])[0]
        require_incident(session, item.incident_id, open_only=True)
        apply_change(session, item, {"status": ActionStatus.CANCELLED.value})
        session.add(
            ActionStatusChange(
                action_item_id=item.id,
                status=ActionStatus.CANCELLED.value,
                changed_at=utcnow(),
                changed_by=device_user(),
            )
        )
        actor = session.get(Actor, item.responsible_id) if item.responsible_id else None
        text = _("Request cancelled: {title} ({actor})").format(
            title=item.title, actor=actor.name if actor else _("no actor yet")
        )
        if reason:
            text += " " + _("Why: {reason}").format(reason=reason)
        request = _request_entry(session, item)
        if request is None:  # asked before requests were logged: a plain entry then
            _log(session, item, actor, text, author)
        else:
            session.add(
                IncidentLogEntry(
                    incident_id=item.incident_id,
                    kind=request.kind,
                    happened_at=request.happened_at,
                    author=author,
                    actor_id=request.actor_id,
                    text=text,
                    details={**(request.details or {}), "status": item.status},
                    corrects_id=request.id,
                )
            )
            record_change(session, ChangeKind.INCIDENT_LOG_ENTRY, item.incident_id)
        record_change(session, ChangeKind.ACTION_ITEM, item.id)
        return _rows(session, [item])[0]


def _request_entry(session: Session, item: ActionItem) -> IncidentLogEntry | None:
    """The log entry that asked for the task (the latest version of it, if corrected)."""
    entries = list(
        session.scalars(
            select(IncidentLogEntry)
            .where(
                IncidentLogEntry.incident_id == item.incident_id,
                IncidentLogEntry.kind == LogKind.REQUEST.value,
            )
            .order_by(IncidentLogEntry.recorded_at)
        )
    )
    asked = [e for e in entries if (e.details or {}).get("task_id") == item.id]
    corrected = {e.corrects_id for e in entries if e.corrects_id}
    live = [e for e in asked if e.id not in corrected]
    return live[-1] if live else None


def _rows(session: Session, items: list[ActionItem]) -> list[TaskRow]:
    ids = [i.id for i in items]
    changes: dict[str, list[StatusChange]] = defaultdict(list)
    for row in session.execute(
        select(ActionStatusChange)
        .where(ActionStatusChange.action_item_id.in_(ids))
        .order_by(ActionStatusChange.changed_at, ActionStatusChange.id)
    ).scalars():
        changes[row.action_item_id].append(StatusChange(row.status, row.changed_at, row.changed_by))
    actor_ids = {i.responsible_id for i in items if i.responsible_id}
    names = actor_names_by_id(session, actor_ids)
    return [
        TaskRow(
            id=i.id,
            incident_id=i.incident_id or "",
            title=i.title,
            actor_id=i.responsible_id,
            actor_name=names.get(i.responsible_id or "", ""),
            status=i.status,
            capability_id=i.capability_id,
            notes=i.notes,
            created_at=i.created_at,
            changes=tuple(changes.get(i.id, ())),
            due_on=i.due_on,
        )
        for i in items
    ]


def incident_tasks(store: Store, incident_id: str) -> list[TaskRow]:
    """The incident's tasks grouped by status (requested, accepted, in progress, done,
    cancelled), oldest first within a status."""
    order = {status: n for n, status in enumerate(TASK_STATUSES)}
    with store.read() as session:
        items = list(
            session.scalars(
                select(ActionItem)
                .where(ActionItem.incident_id == incident_id, ActionItem.deleted_at.is_(None))
                .order_by(ActionItem.created_at, ActionItem.id)
            )
        )
        rows = _rows(session, items)
    rows.sort(key=lambda r: order.get(r.status, len(order)))
    return rows
