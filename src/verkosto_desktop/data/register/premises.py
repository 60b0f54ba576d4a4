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

from verkosto_desktop.data.models import Actor, Contact, Facility
from verkosto_desktop.data.register.premises_filter import premises_condition
from verkosto_desktop.data.register.search import ActorFilter, actor_query
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.premises import card_order, round_the_clock

CHUNK = 500


@dataclass(frozen=True)
class KeyPerson:
    """Someone to call about the premises: name, role, number (mobile, else landline; E.164)
    and whether they answer at any hour."""

    name: str
    role: str
    phone: str | None
    reachable_24_7: bool


@dataclass(frozen=True)
class PremisesRow:
    """One premises as printed on the card: ``key_holder`` is the recorded key holder,
    ``on_call`` the actor's contact reachable 24/7 when the key holder is not (else None)."""

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
    key_holder: KeyPerson | None
    on_call: KeyPerson | None


def _people(store: Store, actor_ids: list[str]) -> dict[str, list[tuple[str, KeyPerson]]]:
    """The live contacts of the actors as (contact id, person), primary first then by name."""
    people: dict[str, list[tuple[str, KeyPerson]]] = defaultdict(list)
    with store.read() as session:
        connection = session.connection()
        for start in range(0, len(actor_ids), CHUNK):
            part = actor_ids[start : start + CHUNK]
            for row in connection.execute(
                select(
                    Contact.id,
                    Contact.actor_id,
                    Contact.name,
                    Contact.role,
                    Contact.mobile,
                    Contact.landline,
                    Contact.reachable_24_7,
                )
                .where(Contact.actor_id.in_(part), Contact.deleted_at.is_(None))
                .order_by(Contact.actor_id, Contact.is_primary.desc(), Contact.name_key, Contact.id)
            ):
                person = KeyPerson(
                    row.name, row.role, row.mobile or row.landline, bool(row.reachable_24_7)
                )
                people[row.actor_id].append((row.id, person))
    return people


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
    actors = actor_query(flt).subquery("chosen")
    query = (
        select(Facility, Actor.name.label("actor_name"), Actor.area)
        .join(Actor, Actor.id == Facility.actor_id)
        .where(
            Facility.actor_id.in_(select(actors.c.id)),
            premises_condition(flt.premises, flt.min_capacity),
        )
    )
    with store.read() as session:
        found = [
            (_fields(row.Facility, row.actor_name, row.area), row.Facility.key_holder_id)
            for row in session.execute(query)
        ]
    people = _people(store, sorted({fields["actor_id"] for fields, _holder in found}))
    rows: list[PremisesRow] = []
    for fields, key_holder_id in found:
        contacts = people.get(fields["actor_id"], [])
        holder = next((p for cid, p in contacts if cid == key_holder_id), None)
        on_call = round_the_clock(holder, [p for _cid, p in contacts])
        rows.append(PremisesRow(**fields, key_holder=holder, on_call=on_call))
    rows.sort(key=lambda r: card_order(r.area, r.backup_power, r.actor_name, r.name))
    return rows
