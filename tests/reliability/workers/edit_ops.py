"""A deterministic stream of edits through the data layer, and the state it must leave.

Edit ``n`` is one committed operation of one of three kinds:

- ``create``: ``actors.create_actor`` "Kill n" (actor, membership change and search index rows);
- ``update``: ``actors.update_actor`` of an earlier "Kill" actor's notes (row, history, revision);
- ``batch``: one ``store.write()`` adding actor "Batch n" and its three contacts.

After a crash the file must hold exactly the edits ``0 … k-1`` for ``k`` = the acknowledged count
or that plus one (the edit in flight when the process died), each completely.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

KINDS = ("create", "update", "batch")
BATCH_CONTACTS = 3


def kind(n: int) -> str:
    return KINDS[n % 3]


def name(n: int) -> str:
    return f"Kill {n:06d}" if kind(n) == "create" else f"Batch {n:06d}"


def target(n: int) -> int:
    """The create edit whose actor the update edit ``n`` changes (always an earlier one)."""
    return 3 * ((n * 7919) % (n // 3 + 1))


@dataclass(frozen=True)
class ActorState:
    notes: str
    contacts: int
    revision: int
    history: int
    membership_rows: int
    indexed: int


def expected(count: int) -> dict[str, ActorState]:
    """The actors the first ``count`` edits leave behind."""
    state: dict[str, ActorState] = {}
    for n in range(count):
        if kind(n) == "create":
            state[name(n)] = ActorState("", 0, 1, 0, 1, 1)
        elif kind(n) == "batch":
            state[name(n)] = ActorState("", BATCH_CONTACTS, 1, 0, 0, 0)
        else:
            before = state[name(target(n))]
            state[name(target(n))] = ActorState(
                f"note {n}",
                before.contacts,
                before.revision + 1,
                before.history + 1,
                before.membership_rows,
                before.indexed,
            )
    return state


def observed(path: Path) -> dict[str, ActorState]:
    """The test actors as they are in the file (read with plain sqlite3)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            """
            SELECT a.name, a.notes, a.revision,
                   (SELECT count(*) FROM contact c WHERE c.actor_id = a.id),
                   (SELECT count(*) FROM history h WHERE h.entity = 'actor' AND h.record_id = a.id),
                   (SELECT count(*) FROM membership_change m WHERE m.actor_id = a.id),
                   (SELECT count(*) FROM search_doc s WHERE s.actor_id = a.id)
            FROM actor a WHERE a.name LIKE 'Kill %' OR a.name LIKE 'Batch %'
            """
        ).fetchall()
    finally:
        connection.close()
    return {row[0]: ActorState(row[1], row[3], row[2], row[4], row[5], row[6]) for row in rows}


def apply(store: object, n: int, ids: dict[str, str]) -> None:
    """Perform edit ``n`` on ``store`` (``ids`` caches actor ids by name)."""
    from sqlalchemy import select

    from verkosto_desktop.data.models import Actor, Contact
    from verkosto_desktop.data.register import actors
    from verkosto_desktop.data.storage.store import Store
    from verkosto_desktop.domain.collation import sort_key

    assert isinstance(store, Store)
    if kind(n) == "create":
        ids[name(n)] = actors.create_actor(store, {"name": name(n)}).id
    elif kind(n) == "update":
        wanted = name(target(n))
        if wanted not in ids:
            with store.read() as session:
                ids[wanted] = session.scalars(select(Actor.id).where(Actor.name == wanted)).one()
        actors.update_actor(store, ids[wanted], {"notes": f"note {n}"})
    else:
        with store.write() as session:
            actor = Actor(name=name(n), name_key=sort_key(name(n)))
            session.add(actor)
            session.flush()
            for i in range(BATCH_CONTACTS):
                person = f"Henkilö {n}-{i}"
                session.add(Contact(actor_id=actor.id, name=person, name_key=sort_key(person)))
