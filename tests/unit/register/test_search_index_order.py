"""The index's documents keep the actors' name order in their ids, through every kind of write:
new actors, renames, deletions, restores, and many actors squeezed between the same two."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from verkosto_desktop.data.models.types import utc_stored
from verkosto_desktop.data.register import actors, search_index
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.register.search_index import GAP, plan_ids
from verkosto_desktop.data.storage.driver import driver_cursor
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_from_stored


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A laptop's file only: on the regional register the documents' ids need no order (its
    searches sort the matches by their name keys; tests/unit/server/test_search_parity.py)."""
    opened = Store.open(tmp_path / "order.verkosto")
    yield opened
    opened.close()


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
    return [id_from_stored(row[0]) for row in rows]


def _live_in_name_order(store: Store) -> list[str]:
    with store.read() as session:
        return [
            id_from_stored(i)
            for i in session.execute(
                text("SELECT id FROM actor WHERE deleted_at IS NULL ORDER BY name_key, id")
            ).scalars()
        ]


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
        cursor = driver_cursor(session)
        search_index._move(cursor, {doc_id: rank for rank, doc_id in enumerate(ids, start=1)})
        cursor.close()
    assert_in_name_order(store)
    actors.create_actor(store, {"name": "Toimija 20b"})
    assert_in_name_order(store)
    assert len(search_actor_ids(store, ActorFilter(text="toimija"))) == 41


def _keys(words: list[str]) -> list[tuple[str, str]]:
    return [(word, f"id-{word}") for word in words]


@given(
    st.lists(st.text("abc", min_size=1, max_size=4), unique=True, max_size=30),
    st.lists(st.text("abc", min_size=1, max_size=4), unique=True, max_size=30),
    st.integers(min_value=1, max_value=40),
    st.booleans(),
)
def test_planned_ids_keep_every_document_in_key_order(
    old_words: list[str], new_words: list[str], spacing: int, open_ended: bool
) -> None:
    new_words = [w for w in new_words if w not in old_words]
    existing = [(key, spacing * (n + 1)) for n, key in enumerate(sorted(_keys(old_words)))]
    ceiling = None if open_ended else spacing * (len(existing) + 1)
    plan = plan_ids(existing, sorted(_keys(new_words)), 0, ceiling)
    if plan is None:
        # Only a closed window with fewer free ids than documents may refuse.
        assert ceiling is not None and ceiling - 1 < len(existing) + len(new_words)
        return
    fresh, moved = plan
    final = {key: moved.get(doc_id, doc_id) for key, doc_id in existing}
    final.update(fresh)
    ordered = sorted(final)
    ids = [final[key] for key in ordered]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(doc_id > 0 and (ceiling is None or doc_id < ceiling) for doc_id in ids)
    assert set(fresh) == set(_keys(new_words))


def test_a_document_keeps_its_old_id_while_it_is_still_in_place() -> None:
    existing = [(("a", "1"), 32), (("c", "3"), 96)]
    fresh, moved = plan_ids(existing, [("b", "2")], 0, None, {("b", "2"): 50}) or ({}, {})
    assert fresh == {("b", "2"): 50} and moved == {}
    fresh, moved = plan_ids(existing, [("d", "4")], 0, None, {("d", "4"): 50}) or ({}, {})
    assert fresh == {("d", "4"): 96 + GAP} and moved == {}


def test_an_import_of_many_actors_keeps_the_order(store: Store) -> None:
    from verkosto_desktop.data.register import search_index

    for name in ("Aalto", "Keskinen", "Öhman"):
        actors.create_actor(store, {"name": name})
    # Many actors indexed in one go (as an import does), most between the same two.
    at = utc_stored(datetime(2026, 1, 1, tzinfo=UTC))  # a time as the file stores it
    with store.write() as session:
        for n in range(150):
            session.execute(
                text(
                    "INSERT INTO actor (id, name, name_key, kind, area, description, "
                    "basic_activity, address, website, membership_status, notes, created_at, "
                    "updated_at, updated_by, revision) VALUES (:id, :name, :key, 'association', "
                    "'', '', '', '', '', 'member', '', :at, :at, 'test', 1)"
                ),
                {
                    "id": f"bulk-{n:03d}",
                    "name": f"Kallio {n:03d}",
                    "key": f"kallio {n:03d}",
                    "at": at,
                },
            )
        search_index.reindex(session, [f"bulk-{n:03d}" for n in range(150)])
    assert_in_name_order(store)
    assert len(search_actor_ids(store, ActorFilter(text="kallio"))) == 150
