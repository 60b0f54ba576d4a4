"""A large register for measuring speed: about 10,000 actors, 30,000 contacts and 40,000
capabilities, generated from a fixed seed so every run writes the same data."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from verkosto_desktop.data.models import (
    Actor,
    Capability,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
    Facility,
    NetworkInfo,
)
from verkosto_desktop.data.models.types import device_user
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.catalogues import CATEGORY_KEYS, SITUATION_KEYS
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.enums import ActorKind, Phase

PLACES = [
    "Ahola",
    "Haapala",
    "Hakala",
    "Harju",
    "Heinola",
    "Honkala",
    "Järvelä",
    "Kallio",
    "Kangas",
    "Kivelä",
    "Koivula",
    "Korpela",
    "Kuusela",
    "Lahti",
    "Lehtola",
    "Luoto",
    "Mäkelä",
    "Männistö",
    "Niemelä",
    "Nummela",
    "Ojala",
    "Peltola",
    "Pihlaja",
    "Rantala",
    "Riihelä",
    "Saarela",
    "Salo",
    "Suvanto",
    "Tamminen",
    "Toivola",
    "Vaara",
    "Vainio",
    "Vuori",
    "Yliaho",
    "Åkerby",
    "Östanå",
]
SUFFIXES = [
    "Marttayhdistys",
    "kyläyhdistys",
    "Eläkeläiset ry",
    "Urheiluseura",
    "VPK",
    "partiolippukunta",
    "Nuorisoseura",
    "Metsästysseura",
    "Maa- ja kotitalousnaiset",
    "Sydänyhdistys",
    "4H-yhdistys",
    "kalastuskunta",
    "Omaishoitajat ry",
    "Lions Club",
    "Mielenterveysyhdistys",
    "Kotiseutuyhdistys",
]
FIRST = [
    "Aino",
    "Anne",
    "Antti",
    "Eero",
    "Eila",
    "Hanna",
    "Heikki",
    "Helena",
    "Jari",
    "Johanna",
    "Juha",
    "Kaisa",
    "Kalle",
    "Leena",
    "Liisa",
    "Maija",
    "Markku",
    "Matti",
    "Mika",
    "Minna",
    "Olli",
    "Paula",
    "Pekka",
    "Pirjo",
    "Riikka",
    "Sanna",
    "Sari",
    "Timo",
    "Tuula",
    "Ville",
    "Åsa",
    "Örjan",
]
LAST = [
    "Aalto",
    "Heikkinen",
    "Hämäläinen",
    "Järvinen",
    "Karjalainen",
    "Kettunen",
    "Korhonen",
    "Koskinen",
    "Laine",
    "Lehtonen",
    "Mäkinen",
    "Nieminen",
    "Ojala",
    "Rantanen",
    "Salminen",
    "Salonen",
    "Toivonen",
    "Tuominen",
    "Virtanen",
    "Väisänen",
    "Söderström",
    "Öhman",
]
AREAS = [
    "Keskusta",
    "Kirkonkylä",
    "Pohjoisranta",
    "Mäkelänkylä",
    "Koivuniemi",
    "Lahdenperä",
    "Ylikylä",
    "Äijälä",
]
DESCRIPTIONS = {
    "premises": "Kokoontumistila",
    "catering": "Ruokahuolto talkoovoimin",
    "transport": "Kuljetusapu",
    "first_aid": "Ensiapuvalmius",
    "psychosocial_support": "Keskusteluapu",
    "outreach": "Soittorinki",
    "information": "Tiedotus",
    "childcare": "Lastenhoitoapu",
    "interpreting": "Tulkkausapu",
    "power_supply": "Aggregaatti",
    "heating": "Lämmin tila",
    "water_supply": "Vedenjakelu",
    "communications": "Radioyhteys",
    "activities": "Kerhotoiminta",
    "peer_support": "Vertaistuki",
    "logistics": "Talkooapu",
    "it_support": "Digituki",
}
PHASES = [p.value for p in Phase]
KINDS = [k.value for k in ActorKind]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _mobile(rng: random.Random) -> str:
    return f"+358{rng.choice(('40', '44', '45', '50'))}{rng.randrange(1_000_000, 9_999_999)}"


def write_large_demo(
    store: Store,
    actors: int = 10_000,
    seed: int = 2026,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Fill an empty store with ``actors`` generated actors (three contacts and four capabilities
    each on average); returns the number of actors written."""
    rng = random.Random(seed)
    now = now or datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    today = now.date()
    who = device_user()
    stamp = {
        "created_at": now,
        "updated_at": now,
        "updated_by": who,
        "revision": 1,
        "deleted_at": None,
    }
    rows: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("actor", "contact", "cap", "phase", "sit", "fac")
    }
    names_seen: dict[str, int] = {}
    for n in range(actors):
        place = rng.choice(PLACES)
        base = f"{place}n {rng.choice(SUFFIXES)}"
        names_seen[base] = names_seen.get(base, 0) + 1
        name = base if names_seen[base] == 1 else f"{base} {names_seen[base]}"
        actor_id = _uuid(rng)
        rows["actor"].append(
            {
                **stamp,
                "id": actor_id,
                "name": name,
                "name_key": sort_key(name),
                "kind": KINDS[0] if rng.random() < 0.7 else rng.choice(KINDS),
                "area": rng.choice(AREAS),
                "description": "",
                "basic_activity": "Yhdistystoimintaa",
                "address": f"{place}ntie {rng.randrange(1, 200)}",
                "website": "",
                "email": None,
                "phone": None,
                "membership_status": "member" if rng.random() < 0.8 else "candidate",
                "membership_changed_on": today - timedelta(days=rng.randrange(1, 2000)),
                "invited_by_id": None,
                "notes": "",
                "last_verified_on": today - timedelta(days=rng.randrange(1, 900)),
            }
        )
        contact_ids = []
        for position in range(rng.choice((1, 2, 3, 3, 4, 5))):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            contact_id = _uuid(rng)
            contact_ids.append(contact_id)
            rows["contact"].append(
                {
                    **stamp,
                    "id": contact_id,
                    "actor_id": actor_id,
                    "name": f"{first} {last}",
                    "name_key": sort_key(f"{first} {last}"),
                    "role": "Puheenjohtaja" if position == 0 else "Jäsen",
                    "mobile": _mobile(rng),
                    "landline": None,
                    "email": f"{first}.{last}{n}@example.fi".lower()
                    .replace("ä", "a")
                    .replace("ö", "o")
                    .replace("å", "a"),
                    "radio": "",
                    "walk_in": "",
                    "without_mobile_network": False,
                    "reachable_24_7": rng.random() < 0.15,
                    "is_primary": position == 0,
                    "consent_on": today - timedelta(days=rng.randrange(1, 1500))
                    if rng.random() < 0.9
                    else None,
                    "consent_method": "Lomake",
                    "consent_share_with_authorities": True,
                    "consent_note": "",
                    "notes": "",
                    "last_verified_on": today - timedelta(days=rng.randrange(1, 900)),
                }
            )
        for _ in range(rng.choice((2, 3, 4, 5, 6))):
            category = rng.choice(CATEGORY_KEYS)
            capability_id = _uuid(rng)
            rows["cap"].append(
                {
                    **stamp,
                    "id": capability_id,
                    "actor_id": actor_id,
                    "category_key": category,
                    "description": f"{DESCRIPTIONS[category]} ({place})",
                    "capacity": rng.randrange(1, 200),
                    "capacity_unit": "henkilöä",
                    "activation_minutes": rng.choice((30, 60, 120, 240, None)),
                    "contact_id": rng.choice(contact_ids),
                    "notes": "",
                    "last_verified_on": None,
                }
            )
            for phase in rng.sample(PHASES, rng.randrange(1, 4)):
                rows["phase"].append({"capability_id": capability_id, "phase": phase})
            for situation in rng.sample(SITUATION_KEYS, rng.randrange(1, 5)):
                rows["sit"].append({"capability_id": capability_id, "situation_key": situation})
        if rng.random() < 0.1:
            rows["fac"].append(
                {
                    **stamp,
                    "id": _uuid(rng),
                    "actor_id": actor_id,
                    "name": f"{place}n talo",
                    "address": f"{place}ntie 1",
                    "capacity": rng.randrange(20, 300),
                    "heating": "puu",
                    "heating_without_mains": True,  # wood burns without the mains
                    "backup_power": rng.random() < 0.3,
                    "backup_power_kind": "",
                    "fuel_hours": None,
                    "water": True,
                    "kitchen": True,
                    "accessible": False,
                    "key_holder_id": contact_ids[0],
                    "notes": "",
                    "last_verified_on": None,
                }
            )
        if progress is not None and n % 1000 == 0:
            progress(n, actors)
    with store.write() as session:
        if session.scalar(select(Actor.id).limit(1)) is not None:
            raise ValueError("the demo register goes into an empty file only")
        network = session.scalar(select(NetworkInfo))
        if network is not None:
            network.name = "Suuri esimerkkiverkosto"
            network.area = "Esimerkkimaakunta"
        for model, key in (
            (Actor, "actor"),
            (Contact, "contact"),
            (Capability, "cap"),
            (CapabilityPhase, "phase"),
            (CapabilitySituation, "sit"),
            (Facility, "fac"),
        ):
            batch = rows[key]
            for start in range(0, len(batch), 5000):
                session.execute(insert(model), batch[start : start + 5000])
        search_index.rebuild(session)
        record_change(session, ChangeKind.ACTOR, "*")
    if progress is not None:
        progress(actors, actors)
    return actors
