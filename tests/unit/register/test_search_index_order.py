"""The index's documents keep the actors' name order in their ids, through every kind of write:
new actors, renames, deletions, restores, and many actors squeezed between the same two."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.register.search_index import GAP
from verkosto_desktop.data.storage.store import Store


def _documents_in_id_order(store: Store) -> list[str]:
    with store.read() as session:
        rows = session.execute(
            text(
                "SELECT d.actor_id, d.doc_id, s.rowid FROM search_doc d "
                "LEFT JOIN search_index s ON s.rowid = d.doc_id ORDER BY d.doc_id"
            )
        ).all()
        indexed = session.execute(text("SELECT count(*) FROM search_index")).scalar()
    assert all(row[2] == row[1] for row in rows), "every document is in the full-text index"
    assert indexed == len(rows), "and the index holds no other"
    return [row[0] for row in rows]


def _live_in_name_order(store: Store) -> list[str]:
    with store.read() as session:
        return list(
            session.execute(
                text("SELECT id FROM actor WHERE deleted_at IS NULL ORDER BY name_key, id")
            ).scalars()
        )


def assert_in_name_order(store: Store) -> None:
    assert _documents_in_id_order(store) == _live_in_name_order(store)


def test_many_actors_squeezed_between_the_same_two_keep_the_order(store: Store) -> None:
    first = actors.create_actor(store, {"name": "Aalto"})
    actors.create_actor(store, {"name": "Aaltola"})
    # Each new name falls just after the one before it and before "Aaltola": more than the
    # room left between two documents (GAP), so the documents around have to move.
    for n in range(3 * GAP.bit_length() + 5):
        actors.create_actor(store, {"name": "Aalto " + "a" * (n + 1)})
        assert_in_name_order(store)
    assert search_actor_ids(store, ActorFilter(text="aalto")) == _live_in_name_order(store)
    assert search_actor_ids(store, ActorFilter(text="aalto"))[0] == first.id


def test_squeezing_before_the_first_actor_keeps_the_order(store: Store) -> None:
    actors.create_actor(store, {"name": "Bertta"})
    for n in range(12):
        actors.create_actor(store, {"name": "B" + "a" * (12 - n)})
        assert_in_name_order(store)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from("crud"), st.text("abcäö ", max_size=6)), max_size=40))
def test_any_sequence_of_writes_keeps_the_documents_in_name_order(
    store: Store, steps: list[tuple[str, str]]
) -> None:
    rng = random.Random(len(steps))
    live: list[str] = list(_live_in_name_order(store))
    deleted: list[str] = []
    for action, name in steps:
        name = "Toimija " + name
        if action == "c" or not live:
            live.append(actors.create_actor(store, {"name": name}).id)
        elif action == "u":
            actors.update_actor(store, rng.choice(live), {"name": name})
        elif action == "d":
            victim = live.pop(rng.randrange(len(live)))
            actors.delete_actor(store, victim)
            deleted.append(victim)
        elif deleted:
            back = deleted.pop()
            actors.restore_actor(store, back)
            live.append(back)
    assert_in_name_order(store)


def test_documents_packed_tight_are_spread_over_a_wider_window(store: Store) -> None:
    for n in range(40):
        actors.create_actor(store, {"name": f"Toimija {n:02d}"})
    # Ids 1, 2, 3…: no room anywhere, so a new document makes its neighbours' window widen
    # until the ids around it leave room.
    with store.write() as session:
        ids = list(session.execute(text("SELECT doc_id FROM search_doc ORDER BY doc_id")).scalars())
        session.execute(text("UPDATE search_doc SET doc_id = -doc_id"))
        for rank, doc_id in enumerate(ids, start=1):
            session.execute(
                text("UPDATE search_doc SET doc_id = :new WHERE doc_id = :old"),
                {"new": rank, "old": -doc_id},
            )
        session.execute(text("DELETE FROM search_index"))
        session.execute(
            text(
                "INSERT INTO search_index (rowid, body) "
                "SELECT d.doc_id, a.name FROM search_doc d JOIN actor a ON a.id = d.actor_id"
            )
        )
    assert_in_name_order(store)
    actors.create_actor(store, {"name": "Toimija 20b"})
    assert_in_name_order(store)
    assert len(search_actor_ids(store, ActorFilter(text="toimija"))) == 41
