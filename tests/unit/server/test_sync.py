"""Laptops sync with the regional register as with one more site: two laptops and the server
converge whatever the order of their syncs; edits, deletions and erasures travel through the
server; a laptop's new records take its writer's network."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.data.exchange.networks import choose_networks, read_only_network
from verkosto_desktop.data.incident import log
from verkosto_desktop.data.incident.incidents import get_incident, start_incident
from verkosto_desktop.data.network import action_plan
from verkosto_desktop.data.register import actors, contacts, privacy
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import add_user, init_register
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.server.sync import sync
from verkosto_desktop.data.storage.backups import list_backups
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_from_stored, id_stored

PASSWORD = "kylän salasana"


def register_state(store: Store) -> dict[str, tuple[object, ...]]:
    """What must agree everywhere: the live actors and contacts, field by field."""
    with store.read() as session:
        found: dict[str, tuple[object, ...]] = {}
        for row in session.execute(
            text(
                "SELECT id, name, area, network, deleted_at IS NULL FROM actor "
                "WHERE name NOT LIKE 'Esimerkki%'"
            )
        ):
            # (SQLite says 1, PostgreSQL true; SQLite keeps an id as 16 bytes.)
            found[id_from_stored(row[0])] = (*row[1:-1], bool(row[-1]))
        for row in session.execute(
            text("SELECT id, actor_id, name, mobile, role, deleted_at IS NULL FROM contact")
        ):
            owner = id_from_stored(row[1])
            found[id_from_stored(row[0])] = (owner, *row[2:-1], bool(row[-1]))
        return found


@pytest.fixture
def region(pg_address: ServerAddress, tmp_path: Path) -> Iterator[tuple[ServerStore, Store, Store]]:
    """The register, and two laptops of network a syncing as its writer."""
    init_register(pg_address)
    user = f"{pg_address.database}_kyla"
    add_user(pg_address, user, PASSWORD, network="a")
    server = ServerStore.connect(pg_address.with_user(user).with_password(PASSWORD))
    first = Store.open(tmp_path / "eka.verkosto")
    second = Store.open(tmp_path / "toka.verkosto")
    yield server, first, second
    first.close()
    second.close()
    server.close()


def test_two_laptops_and_the_server_converge(
    region: tuple[ServerStore, Store, Store],
) -> None:
    server, first, second = region
    made = actors.create_actor(first, {"name": "Kirkonkylän VPK", "membership_status": "member"})
    person = contacts.add_contact(
        first, made.id, {"name": "Veikko Vahtera", "mobile": "0401112222"}
    )
    result = sync(first, server)
    assert result.network == "a" and result.claimed == 1 and result.pushed.new >= 2
    sync(second, server)
    assert register_state(second) == register_state(first) == register_state(server)
    assert register_state(server)[made.id][2] == "a"  # the laptop's record took its network

    # Edits on both laptops between syncs, synced in a random order, twice round.
    actors.update_actor(first, made.id, {"area": "Kirkonkylä"})
    contacts.update_contact(second, person.id, {"role": "päällikkö"})
    other = actors.create_actor(second, {"name": "Ylikylän Marttayhdistys"})
    rng = random.Random(16)
    for _round in range(2):
        order = [first, second]
        rng.shuffle(order)
        for laptop in order:
            sync(laptop, server)
    state = register_state(server)
    assert register_state(first) == register_state(second) == state
    assert state[made.id][:2] == ("Kirkonkylän VPK", "Kirkonkylä")
    assert state[person.id][3] == "päällikkö" and state[other.id][0] == "Ylikylän Marttayhdistys"

    # A deletion on one laptop, an erasure on the other: both reach everyone.
    actors.delete_actor(second, other.id)
    privacy.erase_person(first, person.id)
    for laptop in (first, second, first):
        sync(laptop, server)
    for store in (server, first, second):
        state = register_state(store)
        assert person.id not in state, store
        assert state[other.id][3] is False, store
    with server.read() as session:
        kept = session.execute(
            text("SELECT count(*) FROM contact WHERE name = 'Veikko Vahtera'")
        ).scalar()
    assert kept == 0


def test_a_sync_backs_the_laptop_up_before_merging_into_it(
    region: tuple[ServerStore, Store, Store],
) -> None:
    server, first, second = region
    made = actors.create_actor(first, {"name": "Kirkonkylän VPK"})
    sync(first, server)  # its record takes the network: a change to the file, so a backup
    assert [b.reason for b in list_backups(first.path)] == ["sync"]

    sync(second, server)
    taken = list_backups(second.path)
    assert [b.reason for b in taken] == ["sync"]
    with contextlib.closing(sqlite3.connect(taken[0].path)) as before:
        held = before.execute(
            "SELECT count(*) FROM actor WHERE id = ?", (id_stored(made.id),)
        ).fetchone()
    assert held == (0,)  # the state before the server's changes came in
    assert made.id in register_state(second)

    sync(second, server)  # nothing new: no backup
    assert len(list_backups(second.path)) == 1
    actors.update_actor(first, made.id, {"area": "Kirkonkylä"})
    sync(first, server)
    sync(second, server)
    assert [b.reason for b in list_backups(second.path)] == ["sync", "sync"]


def test_a_laptop_holds_its_own_network_and_chosen_neighbours_read_only(
    pg_address: ServerAddress, tmp_path: Path
) -> None:
    init_register(pg_address)
    prefix = pg_address.database
    add_user(pg_address, f"{prefix}_kyla", PASSWORD, network="a")
    add_user(pg_address, f"{prefix}_naapuri", PASSWORD, network="b")
    writer = ServerStore.connect(pg_address.with_user(f"{prefix}_kyla").with_password(PASSWORD))
    neighbour = ServerStore.connect(
        pg_address.with_user(f"{prefix}_naapuri").with_password(PASSWORD)
    )
    laptop = Store.open(tmp_path / "kyla.verkosto")
    try:
        own = actors.create_actor(writer, {"name": "Aution kyläyhdistys"})
        theirs = actors.create_actor(neighbour, {"name": "Bölen VPK"})
        person = contacts.add_contact(neighbour, theirs.id, {"name": "Bertil Böle"})
        storm = start_incident(neighbour, {"title": "Bölen myrsky", "situations": ["storm"]})
        plan = action_plan.create_item(neighbour, {"title": "Bölen kotivarakurssi"})
        planned_here = action_plan.create_item(laptop, {"title": "Aution kotivarakurssi"})
        sync(laptop, writer)
        held = register_state(laptop)
        assert own.id in held and theirs.id not in held and person.id not in held
        assert {i.id for i in action_plan.action_items(laptop)} == {planned_here.id}
        # The laptop's own plan took its writer's network and reached the register.
        assert action_plan.get_item(writer, planned_here.id).title == "Aution kotivarakurssi"

        assert choose_networks(laptop, ["b"]).also == ("b",)
        sync(laptop, writer)  # a network newly chosen comes whole
        held = register_state(laptop)
        assert held[theirs.id][:3] == ("Bölen VPK", "", "b") and person.id in held
        assert action_plan.get_item(laptop, plan.id).title == "Bölen kotivarakurssi"

        for attempt in (
            lambda: actors.update_actor(laptop, theirs.id, {"area": "Böle"}),
            lambda: actors.delete_actor(laptop, theirs.id),
            lambda: contacts.add_contact(laptop, theirs.id, {"name": "Uusi"}),
            lambda: contacts.update_contact(laptop, person.id, {"role": "puheenjohtaja"}),
            lambda: privacy.erase_person(laptop, person.id),
            lambda: action_plan.update_item(laptop, plan.id, {"status": "done"}),
            lambda: action_plan.delete_item(laptop, plan.id),
        ):
            with pytest.raises(WriteFailed, match="'b'") as refused:
                attempt()
            assert refused.value.reason == "other_network"
        assert register_state(laptop) == held
        assert read_only_network(laptop, "actor", theirs.id) == "b"
        assert read_only_network(laptop, "contact", person.id) == "b"
        assert read_only_network(laptop, "actor", own.id) is None
        # The neighbour's incident: held read-only, and what belongs to it is refused too.
        held_storm = get_incident(laptop, storm.id)
        assert (held_storm.held_for, held_storm.writable) == ("b", False)
        with pytest.raises(WriteFailed, match="'b'"):
            log.add_entry(laptop, storm.id, {"kind": "observation", "text": "Tuulee"})
        mine = start_incident(laptop, {"title": "Oma harjoitus", "situations": ["storm"]})
        assert (mine.held_for, mine.writable) == ("", True)

        actors.update_actor(laptop, own.id, {"area": "Autio"})  # its own: written
        actors.update_actor(neighbour, theirs.id, {"area": "Böle"})
        sync(laptop, writer)
        assert register_state(laptop)[theirs.id][1] == "Böle"
        assert register_state(writer)[own.id][1] == "Autio"
    finally:
        laptop.close()
        writer.close()
        neighbour.close()
