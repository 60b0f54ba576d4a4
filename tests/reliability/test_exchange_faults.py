"""Receiving a bundle survives real faults: SIGKILL at random moments of the merge (each kill
landing inside the merge's transaction) leaves the file as it was or fully merged, never a mix;
a disk that fills up during the merge leaves it as it was and the same merge then succeeds; a
USB stick pulled out while a bundle is written leaves no half bundle and an intact database."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_harness import Worker, integrity, tally

from verkosto_desktop.data.exchange import bundle, site
from verkosto_desktop.data.models import Actor, Capability, Contact
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key

PASSPHRASE = "neljä sanaa salalauseena"
KILLS = 40  # at most; stops once MID_MERGE_NEEDED kills landed inside the merge
MID_MERGE_NEEDED = 20


def _state(path: Path) -> tuple[object, ...]:
    """What a merge changes, read with plain SQL: the register, the change log, the peers."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (
            connection.execute(
                "SELECT id, name, area, notes, deleted_at FROM actor ORDER BY id"
            ).fetchall(),
            connection.execute(
                "SELECT id, actor_id, name, role FROM contact ORDER BY id"
            ).fetchall(),
            connection.execute("SELECT count(*) FROM capability").fetchone(),
            # Stamps and site ids differ from copy to copy (each copy is a site of its own).
            connection.execute("SELECT count(*) FROM change").fetchone(),
            connection.execute("SELECT count(*) FROM site").fetchone(),
            connection.execute("SELECT count(*) FROM bundle_log").fetchone(),
            connection.execute("SELECT count(*) FROM history").fetchone(),
        )
    finally:
        connection.close()


@pytest.fixture
def sending(demo_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A receiving laptop's file and a bundle with a few hundred new and changed records."""
    receiver = tmp_path / "vastaanottaja.verkosto"
    shutil.copy(demo_path, receiver)
    Store.open(receiver).close()
    with Store.open(demo_path) as sender:
        for actor_id, _name in actors.actor_names(sender):
            actors.update_actor(sender, actor_id, {"notes": "Tarkistettu puhelimitse"})
        with sender.write() as session:
            # Written in one go (as an import does): only their number matters here.
            for i in range(300):
                name = f"Kylätoimikunta {i:03d}"
                actor = Actor(name=name, name_key=sort_key(name), area="Vaara")
                session.add(actor)
                session.flush()
                session.add(
                    Contact(actor_id=actor.id, name=f"Yhteys {i:03d}", mobile="+358401234567")
                )
                session.add(Capability(actor_id=actor.id, category_key="catering"))
        target = tmp_path / "paketti.verkostobundle"
        bundle.write_bundle(sender, target, PASSPHRASE, full=True, cost=10)
    return receiver, target


def _receive(worker: Worker, db: Path, target: Path, limit: int | None = None) -> None:
    request = {"db": str(db), "bundle": str(target), "passphrase": PASSPHRASE}
    if limit is not None:
        request["limit"] = limit
    worker.send(**request)


def test_sigkill_during_a_merge_leaves_the_file_as_before_or_fully_merged(
    sending: tuple[Path, Path], tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    receiver, target = sending

    def fresh_copy(name: str) -> Path:
        copy = tmp_path / name
        shutil.copy(receiver, copy)
        Store.open(copy).close()  # a copy becomes a site of its own on its first open
        return copy

    # One undisturbed merge: the state a completed merge leaves, and how long the merge runs.
    reference = fresh_copy("viite.verkosto")
    before = _state(reference)
    calibration = worker("exchange_merge.py")
    assert "pid" in calibration.receive()
    _receive(calibration, reference, target)
    assert calibration.receive() == {"inside": True}
    started = time.monotonic()
    assert "done" in calibration.receive()
    duration = time.monotonic() - started
    merged = _state(reference)
    assert merged != before

    rng = random.Random(15)
    landed = unchanged = complete = attempt = 0
    while landed < MID_MERGE_NEEDED and attempt < KILLS:
        attempt += 1
        copy = fresh_copy(f"tapettu-{attempt}.verkosto")
        assert _state(copy) == before
        victim = worker("exchange_merge.py")
        pid = int(victim.receive()["pid"])
        _receive(victim, copy, target)
        assert victim.receive() == {"inside": True}
        time.sleep(rng.uniform(0.0, 0.7 * duration))
        os.kill(pid, 9)
        victim.process.wait(timeout=30)
        tally("merges killed")
        if '"done"' not in victim.stdout.read():
            landed += 1
        assert integrity(copy) == "ok"
        found = _state(copy)
        assert found in (before, merged), f"kill {attempt}: neither the old file nor the merged one"
        unchanged += found == before
        complete += found == merged
        if attempt % 8 == 1:
            # The program opens the file and merges it fully afterwards.
            with Store.open(copy) as store:
                bundle.receive_bundle(store, target, PASSPHRASE, backup=False)
            assert _state(copy)[:3] == merged[:3]
    tally("merges killed inside the transaction", landed)
    assert landed >= MID_MERGE_NEEDED, f"only {landed} of {KILLS} kills landed mid-merge"
    assert unchanged >= 1


def test_a_disk_filling_up_during_a_merge_changes_nothing(
    sending: tuple[Path, Path], worker: Callable[..., Worker]
) -> None:
    receiver, target = sending
    before = _state(receiver)
    wal = receiver.with_name(receiver.name + "-wal")
    limit = (wal.stat().st_size if wal.exists() else 0) + 32 * 1024
    filling = worker("exchange_merge.py")
    assert "pid" in filling.receive()
    _receive(filling, receiver, target, limit=limit)
    answer = filling.receive()
    while answer == {"inside": True}:
        answer = filling.receive()
    assert answer.get("failed") == "disk_full", answer
    tally("merges on a full disk")
    assert integrity(receiver) == "ok"
    assert _state(receiver) == before
    # Room again: the same merge goes through.
    _receive(filling, receiver, target)
    answer = filling.receive()
    while answer == {"inside": True}:
        answer = filling.receive()
    assert "done" in answer
    assert _state(receiver) != before


def test_a_stick_pulled_out_while_a_bundle_is_written(
    sending: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    receiver, _target = sending
    stick = tmp_path / "USB"
    stick.mkdir()
    target = stick / "kunta.verkostobundle"
    real_fsync = os.fsync
    pulled: list[int] = []

    def pull_then_sync(fd: int) -> None:
        # The bundle's bytes are in the temporary file on the stick: the stick goes now.
        if not pulled:
            pulled.append(fd)
            shutil.rmtree(stick)
        real_fsync(fd)

    with Store.open(receiver) as store:
        before = {p.uuid: p.last_sent_at for p in site.peers(store)}
        peer = next(iter(before))
        monkeypatch.setattr(os, "fsync", pull_then_sync)
        with pytest.raises(bundle.BundleWriteFailed) as failed:
            bundle.write_bundle(store, target, PASSPHRASE, peer=peer, cost=10)
        monkeypatch.undo()
        assert str(stick) in str(failed.value) or "USB" in str(failed.value)
        assert pulled and not stick.exists()
        assert {p.uuid: p.last_sent_at for p in site.peers(store)} == before
        tally("bundles written onto a pulled stick")
        # Pulled before writing began: said plainly, nothing created in its place.
        with pytest.raises(bundle.BundleWriteFailed):
            bundle.write_bundle(store, target, PASSPHRASE, peer=peer, cost=10)
        assert not stick.exists()
        # The stick is back: the bundle is written.
        stick.mkdir()
        written = bundle.write_bundle(store, target, PASSPHRASE, peer=peer, cost=10)
        assert written.path.exists() and [p.name for p in stick.iterdir()] == [target.name]
    assert integrity(receiver) == "ok"
