"""A neighbouring network no longer chosen leaves the laptop at once: its records, what belongs
to them, their past versions, changes and search words, down to the file's bytes; the laptop's
own records stay untouched, and nothing is recorded to travel."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import bindparam, text

from old_files import older_rows
from verkosto_desktop.data.exchange import forgetting
from verkosto_desktop.data.exchange.networks import choose_networks, network_choice, note_received
from verkosto_desktop.data.incident import log
from verkosto_desktop.data.incident.incidents import start_incident
from verkosto_desktop.data.models.types import RecordId
from verkosto_desktop.data.network import action_plan
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.coverage_cells import ALL_CELLS
from verkosto_desktop.data.storage.store import Store

NEIGHBOUR = "Bertil Qvarnbölen"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "kyla.verkosto")
    yield opened
    opened.close()


def _file_bytes(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    with store.read() as session:
        # (Ids as text: SQLite keeps them as 16 bytes.)
        return older_rows(list(session.execute(text(sql))))


def _give_network(store: Store, network: str, **ids: str) -> None:
    """As a sync would have brought them: the records of another network."""
    with store.write() as session:
        for table, record_id in ids.items():
            session.execute(
                text(f"UPDATE {table} SET network = :n WHERE id = :i").bindparams(
                    bindparam("i", type_=RecordId())
                ),
                {"n": network, "i": record_id},
            )


@pytest.mark.parametrize("helper_indexes", [False, True], ids=["few", "many"])
def test_a_neighbour_no_longer_chosen_leaves_the_laptop(
    store: Store, helper_indexes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if helper_indexes:  # as for a neighbour of thousands of records
        monkeypatch.setattr(forgetting, "_HELPERS_ABOVE", 0)
    own = actors.create_actor(store, {"name": "Aution kyläyhdistys"})
    own_person = contacts.add_contact(store, own.id, {"name": "Aino Autio", "mobile": "0401112223"})
    theirs = actors.create_actor(store, {"name": "Qvarnbölen VPK"})
    person = contacts.add_contact(store, theirs.id, {"name": NEIGHBOUR, "mobile": "0409998887"})
    contacts.update_contact(store, person.id, {"role": "puheenjohtaja"})  # a past version
    capabilities.add_capability(
        store,
        theirs.id,
        {"category_key": "catering", "phases": ["response"], "situations": ["storm"]},
    )
    storm = start_incident(store, {"title": "Qvarnbölen myrsky", "situations": ["storm"]})
    log.add_entry(store, storm.id, {"kind": "observation", "text": f"{NEIGHBOUR} soitti"})
    plan = action_plan.create_item(store, {"title": "Qvarnbölen kotivarakurssi"})
    mine = action_plan.create_item(store, {"title": "Aution kotivarakurssi"})
    _give_network(store, "b", actor=theirs.id, incident=storm.id, action_item=plan.id)
    note_received(store, "a", ("", "a", "b"))
    choose_networks(store, ["b"])
    assert search_actor_ids(store, ActorFilter(text="Qvarnbölen")) == [theirs.id]
    # Held read-only, the neighbour's plan is not this network's plan.
    assert [i.id for i in action_plan.action_items(store)] == [mine.id]
    assert action_plan.get_item(store, plan.id).title == "Qvarnbölen kotivarakurssi"
    changes_before = _rows(store, "SELECT count(*) FROM change")[0][0]

    chosen = choose_networks(store, [])

    assert chosen.also == () and "b" not in (network_choice(store).received or ())
    held = {row[0] for row in _rows(store, "SELECT id FROM actor")}
    assert own.id in held and theirs.id not in held
    assert [row[0] for row in _rows(store, "SELECT id FROM contact")] == [own_person.id]
    assert _rows(store, "SELECT count(*) FROM capability") == [(0,)]
    assert _rows(store, "SELECT id FROM incident") == []
    assert _rows(store, "SELECT count(*) FROM incident_log_entry") == [(0,)]
    assert [row[0] for row in _rows(store, "SELECT id FROM action_item")] == [mine.id]
    gone = {theirs.id, person.id, storm.id, plan.id}
    for table in ("change", "history"):
        ids = {row[0] for row in _rows(store, f"SELECT record_id FROM {table}")}
        assert not ids & gone, table
    # Nothing was recorded: forgetting is not a deletion to send anywhere.
    assert _rows(store, "SELECT count(*) FROM change")[0][0] < changes_before
    assert search_actor_ids(store, ActorFilter(text="Qvarnbölen")) == []
    assert search_actor_ids(store, ActorFilter(text="Autio")) == [own.id]
    with store.read() as session:
        kept = {
            tuple(r[:3]): tuple(r[3:]) for r in session.execute(text("SELECT * FROM coverage_cell"))
        }
        counted = {tuple(r[:3]): tuple(r[3:]) for r in session.execute(text(ALL_CELLS))}
    assert {k: v for k, v in kept.items() if v != (0, 0)} == counted
    assert NEIGHBOUR.encode() not in _file_bytes(store.path)
    assert "Qvarnbölen".encode() not in _file_bytes(store.path)
    # The log is append-only again.
    connection = sqlite3.connect(store.path)
    try:
        names = {
            r[0]
            for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    finally:
        connection.close()
    assert "incident_log_no_delete" in names
    with store.read() as session:
        assert (
            session.execute(
                text("SELECT name FROM sqlite_master WHERE name LIKE 'forgetting%'")
            ).all()
            == []
        )


def test_a_laptop_of_no_network_forgets_nothing(store: Store) -> None:
    made = actors.create_actor(store, {"name": "Qvarnbölen VPK"})
    _give_network(store, "b", actor=made.id)  # before any sync: no own network to keep
    choose_networks(store, [])
    assert actors.get_actor(store, made.id).name == "Qvarnbölen VPK"
