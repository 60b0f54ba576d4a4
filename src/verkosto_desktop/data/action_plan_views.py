"""Read-only view of the network's jointly agreed action plan (items not tied to an incident)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from verkosto_desktop.data.models import ActionItem, Actor
from verkosto_desktop.data.store import Store
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.enums import Phase

PHASE_ORDER = {phase.value: index for index, phase in enumerate(Phase)}


@dataclass(frozen=True)
class PlanItem:
    """One item of the action plan as printed."""

    id: str
    title: str
    goal: str
    owner: str
    phase: str | None
    situation_key: str | None
    due_on: date | None
    status: str
    residents_involved: bool
    notes: str


def network_action_plan(store: Store) -> list[PlanItem]:
    """The network's live action items by phase (preparedness, response, recovery, then those
    without a phase), each phase by due date (undated last) and title."""
    owner = aliased(Actor)
    with store.read() as session:
        rows = session.execute(
            select(ActionItem, owner.name)
            .outerjoin(owner, owner.id == ActionItem.responsible_id)
            .where(ActionItem.incident_id.is_(None), ActionItem.deleted_at.is_(None))
        )
        items = [
            PlanItem(
                id=item.id,
                title=item.title,
                goal=item.goal,
                owner=owner_name or "",
                phase=item.phase,
                situation_key=item.situation_key,
                due_on=item.due_on,
                status=item.status,
                residents_involved=item.residents_involved,
                notes=item.notes,
            )
            for item, owner_name in rows
        ]
    items.sort(
        key=lambda i: (
            PHASE_ORDER.get(i.phase or "", len(PHASE_ORDER)),
            i.due_on is None,
            i.due_on or date.max,
            sort_key(i.title),
        )
    )
    return items
