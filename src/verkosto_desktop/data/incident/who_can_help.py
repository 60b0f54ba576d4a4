"""Who can help now: the capabilities that cover an incident's situation types in its current
phase, ranked the way a coordinator calls — reachable around the clock first, then the quickest
to activate, then the largest capacity — each with the person to call (``domain.whom_to_call``)
and their number."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import CompoundSelect, and_, func, intersect, select

from verkosto_desktop.data.incident.incidents import require_incident
from verkosto_desktop.data.models import (
    ActionItem,
    Actor,
    Capability,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
)
from verkosto_desktop.data.models.types import link_key
from verkosto_desktop.data.register.whom_to_call import contact_to_call
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.incidents import OPEN_TASK_STATUSES, capability_phase


@dataclass(frozen=True)
class HelperRow:
    """One capability that fits the incident, with its actor and the contact to call."""

    capability_id: str
    actor_id: str
    actor_name: str
    category_key: str
    description: str
    capacity: int | None
    capacity_unit: str
    activation_minutes: int | None
    contact_id: str | None
    contact_name: str
    phone: str | None  # E.164: the contact's mobile, else landline, else the actor's number
    radio: str
    reachable_24_7: bool
    situations: tuple[str, ...]  # which of the incident's situation types it covers
    has_open_task: bool  # the actor already has an open task in this incident


def _fitting(phase: str, situations: list[str]) -> CompoundSelect[int]:
    # Link keys of capabilities offered in ``phase`` for any of ``situations``: two index scans
    # intersected, several times faster than testing each capability with EXISTS.
    return intersect(
        select(CapabilityPhase.capability_key).where(CapabilityPhase.phase == phase),
        select(CapabilitySituation.capability_key).where(
            CapabilitySituation.situation_key.in_(situations)
        ),
    )


def count_who_can_help(store: Store, incident_id: str, *, category: str | None = None) -> int:
    """How many capabilities ``who_can_help`` would list without a limit."""
    with store.read() as session:
        incident = require_incident(session, incident_id)
        query = (
            select(func.count())
            .select_from(Capability)
            .join(Actor, Actor.id == Capability.actor_id)
            .where(
                Capability.deleted_at.is_(None),
                Actor.deleted_at.is_(None),
                Capability.link_key.in_(
                    _fitting(capability_phase(incident.phase), incident.situations)
                ),
            )
        )
        if category:
            query = query.where(Capability.category_key == category)
        return int(session.scalar(query) or 0)


def who_can_help(
    store: Store, incident_id: str, *, category: str | None = None, limit: int | None = None
) -> list[HelperRow]:
    """Capabilities for the incident's situation types and current phase, best first (at most
    ``limit``: in a register of thousands the first few hundred are the ones to call)."""
    with store.read() as session:
        incident = require_incident(session, incident_id)
        situations = incident.situations
        phase = capability_phase(incident.phase)
        candidates = (
            select(
                Capability.id.label("capability_id"),
                Capability.actor_id,
                Capability.category_key,
                Capability.description,
                Capability.capacity,
                Capability.capacity_unit,
                Capability.activation_minutes,
                Actor.name.label("actor_name"),
                Actor.name_key,
                Actor.phone.label("actor_phone"),
                contact_to_call(Capability.actor_id, Capability.contact_id).label("contact_id"),
            )
            .join(Actor, Actor.id == Capability.actor_id)
            .where(
                Capability.deleted_at.is_(None),
                Actor.deleted_at.is_(None),
                Capability.link_key.in_(_fitting(phase, situations)),
            )
        )
        if category:
            candidates = candidates.where(Capability.category_key == category)
        found = candidates.subquery("candidates")
        always = func.coalesce(Contact.reachable_24_7, False)
        query = (
            select(
                found,
                Contact.name.label("contact_name"),
                Contact.mobile,
                Contact.landline,
                Contact.radio,
                always.label("always"),
            )
            .outerjoin(Contact, Contact.id == found.c.contact_id)
            .order_by(
                always.desc(),
                found.c.activation_minutes.is_(None),
                found.c.activation_minutes,
                found.c.capacity.is_(None),
                found.c.capacity.desc(),
                found.c.name_key,
                found.c.capability_id,
            )
        )
        if limit is not None:
            query = query.limit(limit)
        connection = session.connection()
        rows = list(connection.execute(query))
        keys = {link_key(row.capability_id): row.capability_id for row in rows}
        covered: dict[str, list[str]] = defaultdict(list)
        for capability_key, key in connection.execute(
            select(CapabilitySituation.capability_key, CapabilitySituation.situation_key)
            .where(
                CapabilitySituation.capability_key.in_(keys),
                CapabilitySituation.situation_key.in_(situations),
            )
            .order_by(CapabilitySituation.situation_key)
        ):
            covered[keys[capability_key]].append(key)
        busy = set(
            connection.execute(
                select(ActionItem.responsible_id).where(
                    and_(
                        ActionItem.incident_id == incident.id,
                        ActionItem.deleted_at.is_(None),
                        ActionItem.status.in_(OPEN_TASK_STATUSES),
                    )
                )
            ).scalars()
        )
    return [
        HelperRow(
            capability_id=row.capability_id,
            actor_id=row.actor_id,
            actor_name=row.actor_name,
            category_key=row.category_key,
            description=row.description,
            capacity=row.capacity,
            capacity_unit=row.capacity_unit,
            activation_minutes=row.activation_minutes,
            contact_id=row.contact_id,
            contact_name=row.contact_name or "",
            phone=row.mobile or row.landline or row.actor_phone,
            radio=row.radio or "",
            reachable_24_7=bool(row.always),
            situations=tuple(covered.get(row.capability_id, ())),
            has_open_task=row.actor_id in busy,
        )
        for row in rows
    ]
