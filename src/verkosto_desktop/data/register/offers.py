"""Who offers what in a kind of disruption: the capabilities of live actors for given situation
types, with the person to call. Read by the situation card and the coordination-meeting pack."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from verkosto_desktop.data.details import from_model
from verkosto_desktop.data.models import (
    Actor,
    Capability,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
)
from verkosto_desktop.data.models.types import link_key
from verkosto_desktop.data.register.whom_to_call import PERSON_COLUMNS, CallPerson
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.consent import Audience, may_show
from verkosto_desktop.domain.whom_to_call import whom_to_call


@dataclass(frozen=True)
class CapabilityOffer:
    """One capability of one actor, with the contact person to call about it.

    The contact is the person :func:`~verkosto_desktop.domain.whom_to_call.whom_to_call` names
    (the capability's own contact person, else one reachable 24/7, else the primary one);
    ``phone`` is that person's mobile or landline, else the actor's own number. On a shared
    document the rule chooses among the people who may be named there (``domain.consent``);
    ``withheld_contact_id`` is then the person the network's own lists would have named.
    """

    id: str
    category_key: str
    description: str
    capacity: int | None
    capacity_unit: str
    activation_minutes: int | None
    phases: frozenset[str]
    situations: frozenset[str]
    actor_id: str
    actor_name: str
    actor_is_member: bool
    contact_name: str
    contact_role: str
    phone: str | None
    reachable_24_7: bool
    withheld_contact_id: str | None = None

    def sort_key(self) -> tuple[bool, int, str, str]:
        """24/7 first, then the quickest to activate, then the actor's name (Finnish order)."""
        activation = self.activation_minutes if self.activation_minutes is not None else 10**6
        return (not self.reachable_24_7, activation, sort_key(self.actor_name), self.id)


def capability_offers(
    store: Store,
    situations: Iterable[str],
    members_only: bool = False,
    audience: Audience = Audience.INTERNAL,
) -> list[CapabilityOffer]:
    """Live capabilities of live actors that apply to any of ``situations`` (keys), in
    :meth:`CapabilityOffer.sort_key` order; ``members_only`` leaves out non-member actors;
    ``audience`` chooses whom a document for it may name."""
    keys = sorted(set(situations))
    if not keys:
        return []
    with store.read() as session:
        connection = session.connection()
        applies = (
            select(CapabilitySituation.capability_key)
            .where(CapabilitySituation.situation_key.in_(keys))
            .distinct()
        )
        query = (
            select(
                Capability.id,
                Capability.category_key,
                Capability.description,
                Capability.capacity,
                Capability.capacity_unit,
                Capability.activation_minutes,
                Capability.contact_id,
                Actor.id.label("actor_id"),
                Actor.name.label("actor_name"),
                Actor.membership_status,
                Actor.phone.label("actor_phone"),
            )
            .join(Actor, Actor.id == Capability.actor_id)
            .where(
                Capability.deleted_at.is_(None),
                Actor.deleted_at.is_(None),
                Capability.link_key.in_(applies),
            )
        )
        if members_only:
            query = query.where(Actor.membership_status == "member")
        rows = list(connection.execute(query))
        ids = [r.id for r in rows]
        actor_ids = sorted({r.actor_id for r in rows})
        phases: dict[str, set[str]] = defaultdict(set)
        situations_of: dict[str, set[str]] = defaultdict(set)
        contacts: dict[str, list[CallPerson]] = defaultdict(list)
        # Those a document for ``audience`` may not name (``domain.consent``).
        hidden: set[str] = set()
        for start in range(0, len(ids), 500):
            owners = {link_key(i): i for i in ids[start : start + 500]}
            for capability_key, phase in connection.execute(
                select(CapabilityPhase.capability_key, CapabilityPhase.phase).where(
                    CapabilityPhase.capability_key.in_(owners)
                )
            ):
                phases[owners[capability_key]].add(phase)
            for capability_key, key in connection.execute(
                select(CapabilitySituation.capability_key, CapabilitySituation.situation_key).where(
                    CapabilitySituation.capability_key.in_(owners)
                )
            ):
                situations_of[owners[capability_key]].add(key)
        for start in range(0, len(actor_ids), 500):
            part = actor_ids[start : start + 500]
            for contact in connection.execute(
                select(
                    Contact.actor_id,
                    *PERSON_COLUMNS,
                    Contact.consent_on,
                    Contact.consent_share_with_authorities,
                ).where(Contact.actor_id.in_(part), Contact.deleted_at.is_(None))
            ):
                known = from_model(CallPerson, contact)
                contacts[contact.actor_id].append(known)
                if not may_show(
                    audience, contact.consent_on, contact.consent_share_with_authorities
                ):
                    hidden.add(known.id)
    offers: list[CapabilityOffer] = []
    for row in rows:
        people = contacts.get(row.actor_id, [])
        usual = whom_to_call(people, row.contact_id)
        person = usual
        if usual is not None and usual.id in hidden:
            person = whom_to_call([p for p in people if p.id not in hidden], row.contact_id)
        withheld = usual.id if usual is not None and usual.id in hidden else None
        offers.append(
            CapabilityOffer(
                id=row.id,
                category_key=row.category_key,
                description=row.description,
                capacity=row.capacity,
                capacity_unit=row.capacity_unit,
                activation_minutes=row.activation_minutes,
                phases=frozenset(phases.get(row.id, ())),
                situations=frozenset(situations_of.get(row.id, ())),
                actor_id=row.actor_id,
                actor_name=row.actor_name,
                actor_is_member=row.membership_status == "member",
                contact_name=person.name if person else "",
                contact_role=person.role if person else "",
                phone=(person.phone if person else None) or row.actor_phone,
                reachable_24_7=person.reachable_24_7 if person else False,
                withheld_contact_id=withheld,
            )
        )
    offers.sort(key=CapabilityOffer.sort_key)
    return offers
