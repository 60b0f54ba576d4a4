"""Writes the demo network of Esimerkkilä: about 40 actors with contacts, capabilities and
premises, a few deliberate gaps (nobody distributes water in recovery), survey answers, past and
upcoming activities, an action plan, a closed storm incident and an active power outage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from verkosto_desktop.data.demo.actors_data import ACTORS
from verkosto_desktop.data.demo.story import add_story
from verkosto_desktop.data.models import (
    Actor,
    Capability,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
    Facility,
    MembershipChange,
    NetworkInfo,
)
from verkosto_desktop.data.models.types import stable_id
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.phones import normalise_phone

PHASE_LETTERS = {"P": "preparedness", "R": "response", "A": "recovery"}
# Premises in a long power cut: (heating works without the mains, backup power, fuel hours).
POWER_CUT = {
    "Kirkonkylän paloasema": (True, "Aggregaatti 40 kVA, kiinteä", 72),
    "Seurakuntatalo": (True, "Siirrettävä aggregaatti 20 kVA", 48),
    "Kirkonkylän koulu": (True, "Varavoimakone 100 kVA (lämpöpumppu toimii sillä)", 36),
    "Partiokolo": (True, "", None),
    "Kirkonkylän kylätalo": (True, "Aggregaatti 8 kVA", 24),
    "Metsästysmaja": (True, "", None),
}


def _days_ago(today: date, days: int) -> date:
    return today - timedelta(days=days)


def write_small_demo(store: Store, now: datetime | None = None) -> int:
    """Fill an empty store with the Esimerkkilä network; returns the number of actors written."""
    now = now or datetime.now(UTC)
    today = now.date()
    with store.write() as session:
        if session.scalar(select(Actor.id).limit(1)) is not None:
            raise ValueError("the demo network goes into an empty file only")
        network = session.scalar(select(NetworkInfo))
        if network is None:
            network = NetworkInfo(id=stable_id("network_info"))
            session.add(network)
        network.name = "Esimerkkilän järjestöverkosto"
        network.area = "Esimerkkilän kunta"
        network.coordinator = "SPR Esimerkkilän osasto ja Esimerkkilän kunta"
        network.description = (
            "Esimerkkilän järjestöt, seurakunta ja kunta tukevat yhdessä asukkaiden hyvinvointia "
            "ja turvallisuutta arjessa ja häiriötilanteissa."
        )
        network.how_it_works = (
            "Verkosto kokoontuu neljästi vuodessa. Häiriötilanteessa SPR tai kunta kutsuu "
            "järjestöjen koordinaatiokokouksen koolle."
        )
        by_name: dict[str, Actor] = {}
        for index, (
            name,
            kind,
            area,
            basic,
            membership,
            contacts,
            capabilities,
            facilities,
        ) in enumerate(ACTORS):
            verified = _days_ago(today, 30 + (index * 37) % 500)
            actor = Actor(
                name=name,
                name_key=sort_key(name),
                kind=kind,
                area=area,
                basic_activity=basic,
                membership_status=membership,
                membership_changed_on=_days_ago(today, 400 - index * 5),
                last_verified_on=verified,
            )
            session.add(actor)
            session.flush()
            by_name[name] = actor
            session.add(
                MembershipChange(
                    actor_id=actor.id, status=membership, changed_on=actor.membership_changed_on
                )
            )
            people: list[Contact] = []
            for position, (
                pname,
                role,
                mobile,
                landline,
                email,
                radio,
                always,
                no_mobile,
            ) in enumerate(contacts):
                contact = Contact(
                    actor_id=actor.id,
                    name=pname,
                    name_key=sort_key(pname),
                    role=role,
                    mobile=normalise_phone(mobile),
                    landline=normalise_phone(landline),
                    email=email or None,
                    radio=radio,
                    reachable_24_7=always,
                    without_mobile_network=no_mobile,
                    is_primary=position == 0,
                    # A few contacts have no recorded consent and some are stale: the dashboard's
                    # register health has something to show.
                    consent_on=None
                    if (index + position) % 9 == 4
                    else _days_ago(today, 200 + index),
                    consent_method=""
                    if (index + position) % 9 == 4
                    else "Lomake verkostotapaamisessa",
                    consent_share_with_authorities=(index + position) % 3 != 0,
                    last_verified_on=_days_ago(today, 20 + ((index + position) * 53) % 540),
                )
                session.add(contact)
                people.append(contact)
            session.flush()
            for cat, description, capacity, unit, activation, phases, situations in capabilities:
                capability = Capability(
                    actor_id=actor.id,
                    category_key=cat,
                    description=description,
                    capacity=capacity,
                    capacity_unit=unit,
                    activation_minutes=activation,
                    contact_id=people[0].id if people else None,
                    last_verified_on=verified,
                )
                session.add(capability)
                session.flush()
                for letter in phases:
                    session.add(
                        CapabilityPhase(
                            capability_key=capability.link_key, phase=PHASE_LETTERS[letter]
                        )
                    )
                for situation in sorted(set(situations)):
                    session.add(
                        CapabilitySituation(
                            capability_key=capability.link_key, situation_key=situation
                        )
                    )
            for fname, address, capacity, heating, backup, water, kitchen, accessible in facilities:
                warm, power_kind, fuel_hours = POWER_CUT.get(fname, (False, "", None))
                session.add(
                    Facility(
                        actor_id=actor.id,
                        name=fname,
                        address=address,
                        capacity=capacity,
                        heating=heating,
                        heating_without_mains=warm,
                        backup_power=backup,
                        backup_power_kind=power_kind if backup else "",
                        fuel_hours=fuel_hours if backup else None,
                        water=water,
                        kitchen=kitchen,
                        accessible=accessible,
                        key_holder_id=people[-1].id if people else None,
                        last_verified_on=verified,
                    )
                )
        session.flush()
        add_story(session, by_name, now)
        search_index.rebuild(session)
        record_change(session, ChangeKind.ACTOR, *(a.id for a in by_name.values()))
        record_change(session, ChangeKind.NETWORK_INFO, network.id)
        return len(by_name)
