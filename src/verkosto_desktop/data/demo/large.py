"""Large registers for measuring speed: 10,000 actors (30,000 contacts, 40,000 capabilities) or a
national 100,000, generated from a fixed seed so every run writes the same data.

The rows go in through the driver's own ``executemany`` in one transaction: the ORM's bulk insert
spends most of its time building parameters, which for 100,000 actors took minutes.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, select

from verkosto_desktop.data.dialects import dialect_name, is_postgresql
from verkosto_desktop.data.models import Actor, Base, NetworkInfo
from verkosto_desktop.data.models.types import device_user, link_key, utc_for
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.coverage_cells import CellCounter, Offer, rebuild_coverage
from verkosto_desktop.data.storage.driver import driver_cursor
from verkosto_desktop.data.storage.migrate import pack_file
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.data.stored_ids import id_stored
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


_VERSION_4 = ~((0xC000 << 48) | (0xF000 << 64))
_VERSION_4_BITS = (0x8000 << 48) | (4 << 76)


def _uuid(rng: random.Random) -> str:
    """``str(uuid.UUID(int=rng.getrandbits(128), version=4))``, without building the object."""
    digits = f"{rng.getrandbits(128) & _VERSION_4 | _VERSION_4_BITS:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


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
    # Every record's tracking columns: created, updated, by whom, revision, not deleted (the
    # times as the file's own UTC columns hold them: the rows go in past the column types).
    stored = utc_for(dialect_name(store.engine), now)
    stamp = (stored, stored, device_user(), 1, None)
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
    names_seen: dict[str, int] = {}
    # The coverage counted as the rows are made: reading them back to count took seconds.
    cells = CellCounter()

    # Every date written lies fewer than 2,000 days back: made once, not once a row.
    day = [(today - timedelta(days=days_ago)).isoformat() for days_ago in range(2000)].__getitem__

    for n in range(actors):
        place = rng.choice(PLACES)
        base = f"{place}n {rng.choice(SUFFIXES)}"
        names_seen[base] = names_seen.get(base, 0) + 1
        name = base if names_seen[base] == 1 else f"{base} {names_seen[base]}"
        actor_id = _uuid(rng)
        kind = KINDS[0] if rng.random() < 0.7 else rng.choice(KINDS)
        area = rng.choice(AREAS)
        address = f"{place}ntie {rng.randrange(1, 200)}"
        membership = "member" if rng.random() < 0.8 else "candidate"
        membership_changed = day(rng.randrange(1, 2000))
        verified = day(rng.randrange(1, 900))
        rows["actor"].append(
            (
                actor_id,
                name,
                sort_key(name),
                kind,
                area,
                "",
                "Yhdistystoimintaa",
                address,
                "",
                None,
                None,
                membership,
                membership_changed,
                None,
                "",
                verified,
                *stamp,
            )
        )
        contact_ids = []
        for position in range(rng.choice((1, 2, 3, 3, 4, 5))):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            contact_id = _uuid(rng)
            contact_ids.append(contact_id)
            mobile = _mobile(rng)
            email = (
                f"{first}.{last}{n}@example.fi".lower()
                .replace("ä", "a")
                .replace("ö", "o")
                .replace("å", "a")
            )
            reachable = rng.random() < 0.15
            consent = day(rng.randrange(1, 1500)) if rng.random() < 0.9 else None
            rows["contact"].append(
                (
                    contact_id,
                    actor_id,
                    f"{first} {last}",
                    sort_key(f"{first} {last}"),
                    "Puheenjohtaja" if position == 0 else "Jäsen",
                    mobile,
                    None,
                    email,
                    "",
                    "",
                    0,
                    int(reachable),
                    int(position == 0),
                    consent,
                    "Lomake",
                    1,
                    "",
                    "",
                    day(rng.randrange(1, 900)),
                    *stamp,
                )
            )
        offers: list[Offer] = []
        for _ in range(rng.choice((2, 3, 4, 5, 6))):
            category = rng.choice(CATEGORY_KEYS)
            capability_id = _uuid(rng)
            key = link_key(capability_id)
            rows["capability"].append(
                (
                    capability_id,
                    actor_id,
                    category,
                    f"{DESCRIPTIONS[category]} ({place})",
                    rng.randrange(1, 200),
                    "henkilöä",
                    rng.choice((30, 60, 120, 240, None)),
                    rng.choice(contact_ids),
                    "",
                    None,
                    *stamp,
                    key,
                )
            )
            phases = rng.sample(PHASES, rng.randrange(1, 4))
            situations = rng.sample(SITUATION_KEYS, rng.randrange(1, 5))
            rows["capability_phase"].extend((key, phase) for phase in phases)
            rows["capability_situation"].extend((key, situation) for situation in situations)
            offers.append((category, phases, situations))
        cells.add(offers)
        if rng.random() < 0.1:
            # Wood burns without the mains: the heating works in a power cut.
            rows["facility"].append(
                (
                    _uuid(rng),
                    actor_id,
                    f"{place}n talo",
                    f"{place}ntie 1",
                    rng.randrange(20, 300),
                    "puu",
                    1,
                    int(rng.random() < 0.3),
                    "",
                    None,
                    1,
                    1,
                    0,
                    contact_ids[0],
                    "",
                    None,
                    *stamp,
                )
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
        session.flush()
        cursor = driver_cursor(session)
        if is_postgresql(session):
            try:
                _insert_all_server(cursor, rows)
            finally:
                cursor.close()
            search_index.rebuild(session)
            record_change(session, ChangeKind.ACTOR, "*")
            return actors
        try:
            # Rows keyed by random ids land all over their indexes: with the default cache of
            # 2 MB nearly every insert reads and writes pages again.
            cursor.execute("PRAGMA cache_size = -262144")
            written = _insert_all(cursor, rows, cells)
            search_index.rebuild(session, written)
        finally:
            cursor.execute("PRAGMA cache_size = -2000")  # the connection goes back to the pool
            cursor.close()
        record_change(session, ChangeKind.ACTOR, "*")
    # Each table was written in key order, but B-tree splits still leave its pages a tenth
    # empty (11 MB of a national register): packed once, as a bulk-written file should be.
    pack_file(store)
    if progress is not None:
        progress(actors, actors)
    return actors


def _insert_all(
    cursor: sqlite3.Cursor, rows: dict[str, list[tuple[Any, ...]]], cells: CellCounter
) -> Written:
    """Insert the generated rows, each table's in the order of its primary key (sorted keys
    fill the key's index page by page), with its other indexes built afterwards in one pass
    each instead of row by row; returns the columns the search index is made of, of the rows
    in the order written (the order they are read back in)."""
    searched: dict[str, list[tuple[Any, ...]]] = {}
    tables = tuple(COLUMNS)
    marks = ",".join("?" * len(tables))
    # Indexes and the coverage triggers (which count each row's actor again) are made anew
    # after the rows are in: one pass each instead of one per row. A unique index is made as
    # soon as its table is written: the link rows' foreign key refers to the capability's key.
    indexes = cursor.execute(
        f"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY type",
        tables,
    ).fetchall()
    for kind, name, _table, _sql in indexes:
        cursor.execute(f'DROP {kind.upper()} "{name}"')
    unique = [(t, sql) for _k, _n, t, sql in indexes if sql.startswith("CREATE UNIQUE ")]
    for table, columns in COLUMNS.items():
        batch = rows[table]
        if len(KEYS[table]) == 1:
            batch.sort(key=itemgetter(columns.index(_ROW_ORDER.get(table, KEYS[table][0]))))
        else:
            batch.sort()  # a link row is its key
        marks = ", ".join("?" * len(columns))
        if table in search_index.SEARCHED:  # the ids as text, as the index reads them
            wanted = itemgetter(*(columns.index(c) for c in search_index.SEARCHED[table]))
            searched[table] = list(map(wanted, batch))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            _stored_ids(columns, batch),
        )
        batch.clear()  # what is written need not stay in memory
        for sql in (sql for owner, sql in unique if owner == table):
            cursor.execute(sql)
    for _kind, _name, _table, sql in indexes:
        if not sql.startswith("CREATE UNIQUE "):
            cursor.execute(sql)
    rebuild_coverage(cursor, cells)
    return searched["actor"], searched["contact"], searched["capability"], searched["facility"]


# The generated columns that hold record ids: written as SQLite stores them (16 bytes), past
# the column type.
_ID_COLUMNS = frozenset({"id", "actor_id", "contact_id", "invited_by_id", "key_holder_id"})


def _stored_ids(
    columns: tuple[str, ...], batch: list[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    at = [i for i, column in enumerate(columns) if column in _ID_COLUMNS]
    if not at:
        yield from batch
        return
    for row in batch:
        values = list(row)
        for i in at:
            if values[i] is not None:
                values[i] = id_stored(values[i])
        yield tuple(values)


def _insert_all_server(cursor: Any, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """The same rows into the regional register on PostgreSQL (psycopg's cursor): its flags
    are booleans there, and it keeps no coverage counts to make."""
    for table, columns in COLUMNS.items():
        flags = [isinstance(Base.metadata.tables[table].c[c].type, Boolean) for c in columns]
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            [
                tuple(
                    bool(v) if flag and v is not None else v
                    for v, flag in zip(row, flags, strict=True)
                )
                for row in rows[table]
            ],
        )
        rows[table].clear()


Written = tuple[search_index.Rows, search_index.Rows, search_index.Rows, search_index.Rows]
# The primary key of each table written: its first columns in ``COLUMNS``.
KEYS = {
    "actor": ("id",),
    "contact": ("id",),
    "capability": ("id",),
    "capability_phase": ("capability_key", "phase"),
    "capability_situation": ("capability_key", "situation_key"),
    "facility": ("id",),
}
# Capabilities are written in the order of their link keys: who can help and the offers read
# them through their link rows (in key order), so they read the table front to back.
_ROW_ORDER = {"capability": "link_key"}
_TRACKING = ("created_at", "updated_at", "updated_by", "revision", "deleted_at")
# The columns written, in the order of the generated tuples (tables in the order of their keys).
COLUMNS: dict[str, tuple[str, ...]] = {
    "actor": (
        "id",
        "name",
        "name_key",
        "kind",
        "area",
        "description",
        "basic_activity",
        "address",
        "website",
        "email",
        "phone",
        "membership_status",
        "membership_changed_on",
        "invited_by_id",
        "notes",
        "last_verified_on",
        *_TRACKING,
    ),
    "contact": (
        "id",
        "actor_id",
        "name",
        "name_key",
        "role",
        "mobile",
        "landline",
        "email",
        "radio",
        "walk_in",
        "without_mobile_network",
        "reachable_24_7",
        "is_primary",
        "consent_on",
        "consent_method",
        "consent_share_with_authorities",
        "consent_note",
        "notes",
        "last_verified_on",
        *_TRACKING,
    ),
    "capability": (
        "id",
        "actor_id",
        "category_key",
        "description",
        "capacity",
        "capacity_unit",
        "activation_minutes",
        "contact_id",
        "notes",
        "last_verified_on",
        *_TRACKING,
        "link_key",
    ),
    "capability_phase": ("capability_key", "phase"),
    "capability_situation": ("capability_key", "situation_key"),
    "facility": (
        "id",
        "actor_id",
        "name",
        "address",
        "capacity",
        "heating",
        "heating_without_mains",
        "backup_power",
        "backup_power_kind",
        "fuel_hours",
        "water",
        "kitchen",
        "accessible",
        "key_holder_id",
        "notes",
        "last_verified_on",
        *_TRACKING,
    ),
}
