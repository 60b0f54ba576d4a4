"""Who offers what in a kind of disruption: the capabilities of live actors for given situation
types, with the person to call. Read by the situation card and the coordination-meeting pack."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from verkosto_desktop.data.models import (
    Actor,
    Capability,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
)
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.consent import Audience, may_show


@dataclass(frozen=True)
class CapabilityOffer:
    """One capability of one actor, with the contact person to call about it.

    The contact is the capability's own contact person when it has one, else the actor's primary
    contact; ``phone`` is that person's mobile or landline, else the actor's own number. On a
    shared document only people who may be named there are chosen (``domain.consent``);
    ``withheld_contact_id`` is then the person the network's own lists would have shown.
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
            select(CapabilitySituation.capability_id)
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
                Capability.id.in_(applies),
            )
        )
        if members_only:
            query = query.where(Actor.membership_status == "member")
        rows = list(connection.execute(query))
        ids = [r.id for r in rows]
        actor_ids = sorted({r.actor_id for r in rows})
        phases: dict[str, set[str]] = defaultdict(set)
        situations_of: dict[str, set[str]] = defaultdict(set)
        contacts: dict[str, tuple[str, str, str | None, bool]] = {}
        primary: dict[str, str] = {}
        # The person the network's own lists show for each actor, and those a shared
        # document may not name.
        first: dict[str, str] = {}
        hidden: set[str] = set()
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            for capability_id, phase in connection.execute(
                select(CapabilityPhase.capability_id, CapabilityPhase.phase).where(
                    CapabilityPhase.capability_id.in_(part)
                )
            ):
                phases[capability_id].add(phase)
            for capability_id, key in connection.execute(
                select(CapabilitySituation.capability_id, CapabilitySituation.situation_key).where(
                    CapabilitySituation.capability_id.in_(part)
                )
            ):
                situations_of[capability_id].add(key)
        for start in range(0, len(actor_ids), 500):
            part = actor_ids[start : start + 500]
            for row in connection.execute(
                select(
                    Contact.id,
                    Contact.actor_id,
                    Contact.name,
                    Contact.role,
                    Contact.mobile,
                    Contact.landline,
                    Contact.reachable_24_7,
                    Contact.consent_on,
                    Contact.consent_share_with_authorities,
                )
                .where(Contact.actor_id.in_(part), Contact.deleted_at.is_(None))
                .order_by(Contact.actor_id, Contact.is_primary.desc(), Contact.name_key)
            ):
                first.setdefault(row.actor_id, row.id)
                if not may_show(audience, row.consent_on, row.consent_share_with_authorities):
                    hidden.add(row.id)
                    continue
                contacts[row.id] = (
                    row.name,
                    row.role,
                    row.mobile or row.landline,
                    bool(row.reachable_24_7),
                )
                primary.setdefault(row.actor_id, row.id)
    offers: list[CapabilityOffer] = []
    for row in rows:
        # The capability's own person, else the actor's primary one (as every list shows);
        # one a shared document may not name is replaced by the first person who may be.
        usual = row.contact_id if row.contact_id in contacts or row.contact_id in hidden else None
        usual = usual or first.get(row.actor_id)
        contact_id = usual if usual in contacts else primary.get(row.actor_id)
        withheld = usual if usual in hidden else None
        name, role, phone, always = contacts.get(contact_id or "", ("", "", None, False))
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
                contact_name=name,
                contact_role=role,
                phone=phone or row.actor_phone,
                reachable_24_7=always,
                withheld_contact_id=withheld,
            )
        )
    offers.sort(key=CapabilityOffer.sort_key)
    return offers
