"""Syncing with the regional register survives the network going away and the program being
killed: a sync killed with SIGKILL at random moments inside its transfers leaves the laptop and
the server consistent, and the next sync completes the work with nothing acknowledged lost.
Two laptops syncing at the same moment lose no update."""

from __future__ import annotations

import os
import random
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reliability_harness import Worker, tally
from sqlalchemy import text

from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import add_user, init_register
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.server.sync import sync
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_from_stored

PASSWORD = "verkon salasana"


def areas(store: Store) -> dict[str, str]:
    with store.read() as session:
        rows = session.execute(text("SELECT id, area FROM actor WHERE deleted_at IS NULL"))
        # (The laptop keeps an id as 16 bytes, the server as text.)
        return {id_from_stored(row[0]): row[1] for row in rows}


def url(address: ServerAddress) -> str:
    return address.url.render_as_string(hide_password=False)


@pytest.fixture
def writer(pg_address: ServerAddress) -> Iterator[ServerAddress]:
    """The address of network a's writer on a fresh register."""
    init_register(pg_address)
    user = f"{pg_address.database}_kyla"
    add_user(pg_address, user, PASSWORD, network="a")
    yield pg_address.with_user(user).with_password(PASSWORD)


def _kill_when_stopped(sync_worker: Worker) -> str:
    """Kill the worker once it has stopped inside a merge; says where the kill landed
    ("receiving", "sending", or "after" when the merge it was to stop in never came)."""
    while True:
        line = sync_worker.receive()
        if "done" in line:
            return "after"
        if "stopped" in line:
            break
    os.kill(sync_worker.process.pid, signal.SIGKILL)
    sync_worker.process.wait(timeout=30)
    return "receiving" if line["stopped"] == 1 else "sending"


def test_a_sync_killed_mid_transfer_is_completed_by_the_next(
    writer: ServerAddress, tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    laptop_path = tmp_path / "kannettava.verkosto"
    with Store.open(laptop_path) as laptop:
        write_large_demo(laptop, actors=300)
    rng = random.Random(1616)
    landed: dict[str, int] = {"receiving": 0, "sending": 0, "after": 0}
    expected: dict[str, str] = {}
    for round_number in range(6):
        with Store.open(laptop_path) as laptop:
            live = sorted(areas(laptop))
            for actor_id in rng.sample(live, 40):
                area = f"Alue {round_number}-{rng.randrange(1000)}"
                actors.update_actor(laptop, actor_id, {"area": area})
                expected[actor_id] = area
        # The first merge writes into the laptop, the second into the server.
        # Stop at a random statement inside a random merge, then kill.
        where = _kill_when_stopped(
            worker(
                "server_sync.py",
                str(laptop_path),
                url(writer),
                str(rng.choice([1, 2, 2])),
                str(rng.randrange(1, 30)),
            )
        )
        landed[where] += 1
        tally("sync killed with SIGKILL")
        server = ServerStore.connect(writer)
        try:
            with Store.open(laptop_path) as laptop:
                sync(laptop, server)
                on_laptop, on_server = areas(laptop), areas(server)
        finally:
            server.close()
        assert on_laptop == on_server
        assert {k: on_server[k] for k in expected} == expected
    # The kills must really have cut transfers, not only finished syncs.
    assert landed["receiving"] + landed["sending"] >= 3, landed
    assert landed["sending"] >= 1, landed


def test_two_laptops_syncing_at_the_same_moment_lose_no_update(
    writer: ServerAddress, tmp_path: Path
) -> None:
    first_path, second_path = tmp_path / "eka.verkosto", tmp_path / "toka.verkosto"
    with Store.open(first_path) as first:
        shared = actors.create_actor(first, {"name": "Yhteinen yhdistys"})
        server = ServerStore.connect(writer)
        try:
            sync(first, server)
            with Store.open(second_path) as second:
                sync(second, server)
        finally:
            server.close()
    with Store.open(first_path) as first:
        actors.update_actor(first, shared.id, {"area": "Ensimmäisen alue"})
        first_new = actors.create_actor(first, {"name": "Ensimmäisen uusi"}).id
    with Store.open(second_path) as second:
        actors.update_actor(second, shared.id, {"description": "Toisen kuvaus"})
        second_new = actors.create_actor(second, {"name": "Toisen uusi"}).id

    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        try:
            server = ServerStore.connect(writer)
            try:
                with Store.open(path) as laptop:
                    start.wait(timeout=30)
                    sync(laptop, server)
            finally:
                server.close()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(p,)) for p in (first_path, second_path)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    server = ServerStore.connect(writer)
    try:
        for path in (first_path, second_path):
            with Store.open(path) as laptop:
                sync(laptop, server)
        found = actors.get_actor(server, shared.id)
        assert (found.area, found.description) == ("Ensimmäisen alue", "Toisen kuvaus")
        with Store.open(first_path) as first, Store.open(second_path) as second:
            for laptop in (first, second):
                again = actors.get_actor(laptop, shared.id)
                assert (again.area, again.description) == ("Ensimmäisen alue", "Toisen kuvaus")
                names = {actors.get_actor(laptop, i).name for i in (first_new, second_new)}
                assert names == {"Ensimmäisen uusi", "Toisen uusi"}
    finally:
        server.close()
