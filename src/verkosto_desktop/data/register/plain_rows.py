"""The register table's lines in plain SQL on a driver's cursor (sqlite3 or psycopg).

Shared by ``search.rows_for`` (every page the table shows) and ``first_paint`` (the first
screenful, read before SQLAlchemy is imported), so that both show an actor the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from verkosto_desktop.data.stored_ids import id_from_stored, id_stored
from verkosto_desktop.domain.whom_to_call import CALL_ORDER

# The contacts in the order to call them (``domain.whom_to_call``).
CALL_ORDER_SQL = ", ".join(f"{name} {'DESC' if desc else 'ASC'}" for name, desc in CALL_ORDER)

# The register's first page in name order, straight off the actors' (deleted_at, name_key, id)
# index; ``{after}`` continues after a mark, one row more than wanted tells that more follow.
NAME_PAGE = (
    "SELECT id, name_key, id FROM actor WHERE deleted_at IS NULL {after} "
    "ORDER BY name_key {order}, id {order} LIMIT ?"
)

_ROW_ACTORS = (
    "SELECT id, name, kind, area, membership_status, last_verified_on, phone "
    "FROM actor WHERE id IN ({marks})"
)
_ROW_CONTACTS = (
    "SELECT actor_id, name, mobile, landline, reachable_24_7 FROM contact "
    "WHERE actor_id IN ({marks}) AND deleted_at IS NULL ORDER BY " + CALL_ORDER_SQL
)
_ROW_CAPABILITIES = (
    "SELECT c.actor_id, c.category_key, "
    "(SELECT group_concat(phase, ',') FROM capability_phase WHERE capability_key = c.link_key), "
    "(SELECT group_concat(situation_key, ',') FROM capability_situation "
    "WHERE capability_key = c.link_key) "
    "FROM capability c WHERE c.actor_id IN ({marks}) AND c.deleted_at IS NULL "
    "ORDER BY c.category_key"
)

# The regional register reads the same lists off each actor's summary, kept by triggers from the
# very links above (migration 0022_capability_summary): one row per actor, not two look-ups per
# capability.
_ROW_SUMMARIES = (
    "SELECT actor_id, categories, phases, situations FROM capability_summary "
    "WHERE actor_id IN ({marks})"
)


@dataclass(frozen=True)
class ActorRow:
    """One line of the register table (and of ``verkosto find``)."""

    id: str
    name: str
    kind: str
    area: str
    membership_status: str
    contact_name: str  # the person to call about the actor (``domain.whom_to_call``)
    phone: str | None  # that person's mobile or landline, else the actor's own number
    categories: tuple[str, ...]
    phases: frozenset[str]
    situations: frozenset[str]
    last_verified_on: date | None
    contact_count: int
    has_24_7: bool


def read_rows(cursor: Any, ids: Sequence[str], *, server: bool = False) -> list[ActorRow]:
    """Table rows for the given actor ids, in the same order, read on a driver's ``cursor``
    (``server``: PostgreSQL's placeholders and functions)."""
    if not ids:
        return []
    id_list = list(ids)
    if server:
        # One array parameter, not one placeholder per id: a network's 2,000 ids would make a
        # statement of 2,000 parameters for the driver to bind and the server to plan.
        marks = "SELECT unnest(%s::text[])"
        # The array as one literal made once: the driver would convert the list on each of
        # the three statements (a fifth of the program's time for a network's 2,000 rows).
        params: list[Any] = [_array_literal(id_list)]
    else:
        marks = ",".join("?" * len(id_list))
        params = [id_stored(i) for i in id_list]
    # SQLite hands ids back as it keeps them (16 bytes); PostgreSQL as text.
    text_of = _same if server else id_from_stored
    cursor.execute(_ROW_ACTORS.format(marks=marks), params)
    actors = {text_of(r[0]): r for r in cursor.fetchall()}
    contacts: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    cursor.execute(_ROW_CONTACTS.format(marks=marks), params)
    for r in cursor.fetchall():
        contacts[text_of(r[0])].append(r)
    categories: dict[str, list[str]] = defaultdict(list)
    phases: dict[str, set[str]] = defaultdict(set)
    situations: dict[str, set[str]] = defaultdict(set)
    if server:
        cursor.execute(_ROW_SUMMARIES.format(marks=marks), params)
        for actor_id, category_list, phase_list, situation_list in cursor.fetchall():
            categories[actor_id] = category_list
            phases[actor_id].update(phase_list)
            situations[actor_id].update(situation_list)
    else:
        cursor.execute(_ROW_CAPABILITIES.format(marks=marks), params)
        for stored_id, category, phase_list, situation_list in cursor.fetchall():
            actor_id = text_of(stored_id)
            if category not in categories[actor_id]:
                categories[actor_id].append(category)
            if phase_list:
                phases[actor_id].update(phase_list.split(","))
            if situation_list:
                situations[actor_id].update(situation_list.split(","))
    rows: list[ActorRow] = []
    for actor_id in id_list:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        _id, name, kind, area, membership, verified, actor_phone = actor
        people = contacts.get(actor_id, [])  # in call order: the first is the one to call
        phone = (people[0][2] or people[0][3]) if people else None
        rows.append(
            ActorRow(
                id=actor_id,
                name=name,
                kind=kind,
                area=area,
                membership_status=membership,
                contact_name=people[0][1] if people else "",
                phone=phone or actor_phone,
                categories=tuple(categories.get(actor_id, ())),
                phases=frozenset(phases.get(actor_id, ())),
                situations=frozenset(situations.get(actor_id, ())),
                last_verified_on=_date(verified),
                contact_count=len(people),
                has_24_7=any(p[4] for p in people),
            )
        )
    return rows


def _same(value: str) -> str:
    return value


def _array_literal(values: Sequence[str]) -> str:
    """A PostgreSQL array literal of ``values``, each quoted."""
    quoted = (value.replace("\\", "\\\\").replace('"', '\\"') for value in values)
    return "{" + ",".join(f'"{value}"' for value in quoted) + "}"


def _date(value: str | date | None) -> date | None:
    # The driver's own value: ISO text from SQLite, a date from PostgreSQL.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
