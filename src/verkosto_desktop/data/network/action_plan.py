"""The network's action plan: items with goal, action, responsible actor, phase, situation type,
due date, status and whether residents are involved. Each status reached is kept, with its time,
in ``ActionStatusChange``. Items of an incident (its tasks) belong to the incident section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from verkosto_desktop.data.exchange.networks import of_own_network
from verkosto_desktop.data.models import ActionItem, ActionStatusChange, Actor, SituationType
from verkosto_desktop.data.models.types import device_user, utcnow
from verkosto_desktop.data.recording import apply_change, get_live, move_to_trash
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.enums import ActionStatus, Phase
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.records import ACTION_ITEM_FIELDS, clean
from verkosto_desktop.domain.writes import ActionItemFields
from verkosto_desktop.i18n import _

# The incident section owns these; the network's plan never sets or changes them.
_INCIDENT_FIELDS = ("incident_id",)
PHASE_ORDER = {phase.value: index for index, phase in enumerate(Phase)}


@dataclass(frozen=True)
class ActionItemRow:
    """One item of the plan as the table and the editor show it."""

    id: str
    title: str  # the action
    goal: str
    responsible_id: str | None
    responsible_name: str
    phase: str | None
    situation_key: str | None
    due_on: date | None
    status: str
    residents_involved: bool
    notes: str
    revision: int

    @property
    def is_open(self) -> bool:
        return ActionStatus(self.status).is_open


@dataclass(frozen=True)
class StatusEvent:
    status: str
    changed_at: datetime
    changed_by: str


def _query() -> Select[ActionItem, str]:
    responsible = aliased(Actor)
    return (
        select(ActionItem, responsible.name)
        .outerjoin(responsible, responsible.id == ActionItem.responsible_id)
        .where(ActionItem.deleted_at.is_(None), ActionItem.incident_id.is_(None))
    )


def _row(item: ActionItem, responsible_name: str | None) -> ActionItemRow:
    return ActionItemRow(
        id=item.id,
        title=item.title,
        goal=item.goal,
        responsible_id=item.responsible_id,
        responsible_name=responsible_name or "",
        phase=item.phase,
        situation_key=item.situation_key,
        due_on=item.due_on,
        status=item.status,
        residents_involved=item.residents_involved,
        notes=item.notes,
        revision=item.revision,
    )


def action_items(store: Store, open_only: bool = False) -> list[ActionItemRow]:
    """The network's plan (its own network's, on a laptop holding neighbours): by due date
    (undated last), then by action."""
    query = _query().order_by(
        ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.title, ActionItem.id
    )
    with store.read() as session:
        query = query.where(of_own_network(session, ActionItem.__table__))
        rows = [_row(item, name) for item, name in session.execute(query)]
    return [r for r in rows if r.is_open] if open_only else rows


def network_action_plan(store: Store) -> list[ActionItemRow]:
    """The plan as printed: by phase (preparedness, response, recovery, then items without a
    phase), each phase by due date (undated last) and action in Finnish order."""
    return sorted(
        action_items(store),
        key=lambda i: (
            PHASE_ORDER.get(i.phase or "", len(PHASE_ORDER)),
            i.due_on is None,
            i.due_on or date.max,
            sort_key(i.title),
        ),
    )


def _load(session: Session, item_id: str) -> ActionItemRow:
    item, name = session.execute(_query().where(ActionItem.id == item_id)).one()
    return _row(item, name)


def get_item(store: Store, item_id: str) -> ActionItemRow:
    """One item of the network's plan; ``NotFound`` when it is gone."""
    with store.read() as session:
        get_live(session, ActionItem, item_id)
        return _load(session, item_id)


def _check(session: Session, values: dict[str, Any]) -> None:
    for field in _INCIDENT_FIELDS:
        if values.get(field):
            raise ValidationError(field, _("Incident tasks are kept in the incident"))
        values.pop(field, None)
    responsible = values.get("responsible_id")
    if responsible:
        actor = session.get(Actor, responsible)
        if actor is None or actor.deleted_at is not None:
            raise ValidationError("responsible_id", _("The responsible actor no longer exists"))
    situation = values.get("situation_key")
    if situation and session.get(SituationType, situation) is None:
        raise ValidationError(
            "situation_key", _("Unknown situation type: {keys}").format(keys=situation)
        )


def _status_reached(session: Session, item: ActionItem, status: str) -> None:
    session.add(
        ActionStatusChange(
            action_item_id=item.id, status=status, changed_at=utcnow(), changed_by=device_user()
        )
    )


def create_item(store: Store, fields: ActionItemFields) -> ActionItemRow:
    """Add an item to the network's plan (``title`` is the action). Raises ``ValidationError``."""
    values = clean(ACTION_ITEM_FIELDS, {"title": fields.get("title"), **fields})
    with store.write() as session:
        _check(session, values)
        item = ActionItem(**values)
        session.add(item)
        session.flush()
        _status_reached(session, item, item.status)
        record_change(session, ChangeKind.ACTION_ITEM, item.id)
        return _load(session, item.id)


def update_item(store: Store, item_id: str, fields: ActionItemFields) -> ActionItemRow:
    """Change some fields of an item; a new status is recorded with its time."""
    values = clean(ACTION_ITEM_FIELDS, fields)
    with store.write() as session:
        item = get_live(session, ActionItem, item_id)
        if item.incident_id is not None:
            raise ValidationError("incident_id", _("Incident tasks are kept in the incident"))
        _check(session, values)
        previous = item.status
        if apply_change(session, item, values):
            if item.status != previous:
                _status_reached(session, item, item.status)
            record_change(session, ChangeKind.ACTION_ITEM, item.id)
        return _load(session, item.id)


def delete_item(store: Store, item_id: str) -> None:
    """Move an item to the trash."""
    with store.write() as session:
        move_to_trash(session, ActionItem, item_id, ChangeKind.ACTION_ITEM)


def status_history(store: Store, item_id: str) -> list[StatusEvent]:
    """When each status of the item was reached, oldest first."""
    with store.read() as session:
        rows = session.execute(
            select(
                ActionStatusChange.status,
                ActionStatusChange.changed_at,
                ActionStatusChange.changed_by,
            )
            .where(ActionStatusChange.action_item_id == item_id)
            .order_by(ActionStatusChange.changed_at, ActionStatusChange.id)
        )
        return [StatusEvent(s, at, by) for s, at, by in rows]
