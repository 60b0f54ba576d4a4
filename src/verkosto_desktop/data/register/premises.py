"""The premises of the network as the premises card ("Tilat ja varavoima") and the dashboard
see them: which halls have power and heat, for how many people, and who has the key.

:func:`premises_rows` is the one answer to "which premises does this filter mean": the register
counts the actors that have them (the same ``premises_condition``), the card prints them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from verkosto_desktop.data.details import from_model
from verkosto_desktop.data.dialects import is_postgresql
from verkosto_desktop.data.models import Actor, Contact, Facility
from verkosto_desktop.data.register.premises_filter import premises_condition
from verkosto_desktop.data.register.search import ActorFilter, actor_query
from verkosto_desktop.data.register.whom_to_call import PERSON_COLUMNS, CallPerson, call_order
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.premises import card_order
from verkosto_desktop.domain.whom_to_call import whom_to_call

CHUNK = 500


@dataclass(frozen=True)
class PremisesRow:
    """One premises as printed on the card: ``key_holder`` is the recorded key holder;
    ``on_call`` is whom to call about the actor (``domain.whom_to_call``: a contact reachable
    24/7 first) when there is no key holder or the key holder does not answer at any hour,
    else None."""

    id: str
    actor_id: str
    actor_name: str
    area: str
    name: str
    address: str
    capacity: int | None
    heating: str
    heating_without_mains: bool
    backup_power: bool
    backup_power_kind: str
    fuel_hours: int | None
    water: bool
    kitchen: bool
    accessible: bool
    notes: str
    last_verified_on: date | None
    key_holder: CallPerson | None
    on_call: CallPerson | None


def _people(store: Store, actor_ids: list[str]) -> dict[str, list[CallPerson]]:
    """The live contacts of the actors, in call order."""
    people: dict[str, list[CallPerson]] = defaultdict(list)
    with store.read() as session:
        connection = session.connection()
        for start in range(0, len(actor_ids), CHUNK):
            part = actor_ids[start : start + CHUNK]
            for contact in connection.execute(
                select(Contact.actor_id, *PERSON_COLUMNS)
                .where(Contact.actor_id.in_(part), Contact.deleted_at.is_(None))
                .order_by(Contact.actor_id, *call_order())
            ):
                # By field name: CallPerson's fields are not in the columns' order.
                people[contact.actor_id].append(from_model(CallPerson, contact))
    return people


def _on_call(holder: CallPerson | None, contacts: list[CallPerson]) -> CallPerson | None:
    """Whom to call about the keys besides the key holder: nobody when the key holder answers
    at any hour, else the person to call about the actor (not the key holder again)."""
    if holder is not None and holder.reachable_24_7:
        return None
    chosen = whom_to_call(contacts)
    return None if chosen is None or (holder is not None and chosen.id == holder.id) else chosen


def _fields(facility: Facility, actor_name: str, area: str) -> dict[str, Any]:
    return {
        "id": facility.id,
        "actor_id": facility.actor_id,
        "actor_name": actor_name,
        "area": area,
        "name": facility.name,
        "address": facility.address,
        "capacity": facility.capacity,
        "heating": facility.heating,
        "heating_without_mains": facility.heating_without_mains,
        "backup_power": facility.backup_power,
        "backup_power_kind": facility.backup_power_kind,
        "fuel_hours": facility.fuel_hours,
        "water": facility.water,
        "kitchen": facility.kitchen,
        "accessible": facility.accessible,
        "notes": facility.notes,
        "last_verified_on": facility.last_verified_on,
    }


def premises_rows(store: Store, flt: ActorFilter | None = None) -> list[PremisesRow]:
    """The live premises of the actors ``flt`` finds (every filter and the search text as in the
    register) that have what ``flt.premises`` and ``flt.min_capacity`` ask for, in the card's
    order (:func:`domain.premises.card_order`)."""
    flt = flt or ActorFilter()
    with store.read() as session:
        actors = actor_query(flt, postgresql=is_postgresql(session)).subquery("chosen")
        query = (
            select(Facility, Actor.name.label("actor_name"), Actor.area)
            .join(Actor, Actor.id == Facility.actor_id)
            .where(
                Facility.actor_id.in_(select(actors.c.id)),
                premises_condition(flt.premises, flt.min_capacity),
            )
        )
        found = [
            (_fields(row.Facility, row.actor_name, row.area), row.Facility.key_holder_id)
            for row in session.execute(query)
        ]
    people = _people(store, sorted({fields["actor_id"] for fields, _holder in found}))
    rows: list[PremisesRow] = []
    for fields, key_holder_id in found:
        contacts = people.get(fields["actor_id"], [])
        holder = next((p for p in contacts if p.id == key_holder_id), None)
        rows.append(PremisesRow(**fields, key_holder=holder, on_call=_on_call(holder, contacts)))
    rows.sort(key=lambda r: card_order(r.area, r.backup_power, r.actor_name, r.name))
    return rows
