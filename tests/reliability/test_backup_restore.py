"""Restoring: the current file is backed up first, erasures made since the backup stay erased,
a damaged file is moved aside and never deleted, foreign and newer files are refused untouched,
and a restore killed half-way leaves the file either as it was or fully restored."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from reliability_harness import Worker, integrity, tally
from sqlalchemy import select

from verkosto_desktop.data.errors import DamagedFile, NewerSchema, NotVerkostoFile
from verkosto_desktop.data.models import Contact
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.privacy import erase_person
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.file_lock import FileInUse, FileLock
from verkosto_desktop.data.storage.restore import (
    check_restorable,
    recover_damaged,
    restore_file,
    restore_into,
)
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store


def _actor_names(path: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in connection.execute("SELECT name FROM actor")}
    finally:
        connection.close()


def _some_contact(store: Store) -> tuple[str, str]:
    with store.read() as session:
        contact = session.scalars(select(Contact).order_by(Contact.name)).first()
        assert contact is not None
        return contact.id, contact.name


def _contains(path: Path, text: str) -> bool:
    return text.encode() in path.read_bytes()


def _damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, min(len(data), 4096 * 30), 7):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    return bytes(data)


def test_restore_backs_up_first_and_keeps_erasures(demo_store: Store) -> None:
    backup = backups.make_backup(demo_store.path, "manual")
    contact_id, contact_name = _some_contact(demo_store)
    actors.create_actor(demo_store, {"name": "Varmuuskopion jälkeen lisätty"})
    erase_person(demo_store, contact_id)
    heard: list[tuple[Change, ...]] = []
    demo_store.subscribe(heard.append)

    result = restore_into(demo_store, backup.path)

    names = _actor_names(demo_store.path)
    assert "Varmuuskopion jälkeen lisätty" not in names
    with demo_store.read() as session:
        assert session.get(Contact, contact_id) is None  # erased again
    assert result.erasures_reapplied == 1
    assert not _contains(demo_store.path, contact_name)
    # The file as it was is a backup of its own: the restore can be undone.
    assert result.safety_backup is not None and result.safety_backup.reason == "restore"
    assert "Varmuuskopion jälkeen lisätty" in _actor_names(result.safety_backup.path)
    assert integrity(demo_store.path) == "ok"
    assert any(c.kind is ChangeKind.RESTORED for changes in heard for c in changes)
    tally("restores verified")


def test_a_damaged_file_is_kept_and_the_newest_good_backup_restored(demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        older = backups.make_backup(demo_path, "manual")
        contact_id, _name = _some_contact(store)
        erase_person(store, contact_id)
        actors.create_actor(store, {"name": "Viimeisin lisäys"})
        newest = backups.make_backup(demo_path, "exit")
    damaged_bytes = _damage(demo_path)
    with pytest.raises((DamagedFile, NotVerkostoFile)):
        Store.open(demo_path)

    result = recover_damaged(demo_path)

    assert result.restored_from.path == newest.path
    assert result.moved_aside is not None
    assert result.moved_aside.read_bytes() == damaged_bytes  # never deleted, never changed
    assert result.moved_aside.parent == demo_path.parent
    assert "Viimeisin lisäys" in _actor_names(demo_path)
    assert integrity(demo_path) == "ok"

    # Restoring the older backup too: the erasure made after it is known from the newer one.
    _damage(demo_path)
    result = recover_damaged(demo_path, older.path)
    with Store.open(demo_path) as store, store.read() as session:
        assert session.get(Contact, contact_id) is None
    assert len(list(demo_path.parent.glob("demo.damaged-*.verkosto"))) == 2
    tally("damaged files recovered")


def test_foreign_newer_and_damaged_backups_are_refused(demo_path: Path, tmp_path: Path) -> None:
    text = tmp_path / "muistio.verkosto"
    text.write_text("ei tietokanta", encoding="utf-8")
    foreign = tmp_path / "muu.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    newer = tmp_path / "uudempi.verkosto"
    Store.open(newer).close()
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = demo_path.read_bytes()
    for candidate, error in (
        (text, NotVerkostoFile),
        (foreign, NotVerkostoFile),
        (newer, NewerSchema),
    ):
        kept = candidate.read_bytes()
        with pytest.raises(error):
            check_restorable(candidate)
        with Store.open(demo_path) as store, pytest.raises(error):
            restore_into(store, candidate)
        assert candidate.read_bytes() == kept
    assert _actor_names(demo_path) == _actor_names_from_bytes(before, tmp_path)


def _actor_names_from_bytes(data: bytes, folder: Path) -> set[str]:
    copy = folder / "vertailu.verkosto"
    copy.write_bytes(data)
    return _actor_names(copy)


def test_restore_is_refused_while_a_window_has_the_file(demo_path: Path) -> None:
    backups.make_backup(demo_path, "manual")
    lock = FileLock(demo_path)
    lock.acquire()
    try:
        with pytest.raises(FileInUse):
            restore_file(demo_path)
    finally:
        lock.release()
    assert restore_file(demo_path).restored_from is not None


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", *args], capture_output=True, text=True
    )


def test_the_command_line_backs_up_lists_checks_and_restores(
    demo_path: Path, tmp_path: Path
) -> None:
    made = _cli("backup", "--database", str(demo_path))
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip())
    assert backup.exists() and integrity(backup) == "ok"
    stick = tmp_path / "stick"
    stick.mkdir()
    copied = _cli("backup", "--database", str(demo_path), "--to", str(stick))
    assert copied.returncode == 0 and Path(copied.stdout.strip()).parent == stick

    listed = _cli("backups", "--database", str(demo_path))
    assert listed.returncode == 0
    fields = listed.stdout.splitlines()[0].split("\t")
    assert fields[3] == "manual" and Path(fields[4]) == backup
    assert int(fields[1]) == backups.describe(demo_path).actors

    _damage(demo_path)
    checked = _cli("check", "--database", str(demo_path))
    assert checked.returncode == 1
    assert checked.stderr.count("\n") == 1  # one line, no traceback
    assert "vioittunut" in checked.stderr and "verkosto restore" in checked.stderr
    restored = _cli("restore", "--database", str(demo_path))
    assert restored.returncode == 0, restored.stderr
    assert len(list(demo_path.parent.glob("demo.damaged-*.verkosto"))) == 1
    assert _cli("check", "--database", str(demo_path)).stdout.strip() == "ok"

    from_stick = _cli(
        "restore", "--database", str(demo_path), "--from", str(stick / demo_path.name)
    )
    assert from_stick.returncode == 0, from_stick.stderr
    assert integrity(demo_path) == "ok"

    # The file itself lost (deleted, or gone with a stick): its backups beside it bring it back.
    for path in (demo_path, *demo_path.parent.glob(demo_path.name + "-*")):
        path.unlink()
    lost = _cli("restore", "--database", str(demo_path))
    assert lost.returncode == 0, lost.stderr
    assert integrity(demo_path) == "ok"
    assert backups.describe(demo_path).actors == backups.describe(backup).actors
    tally("restores verified", 3)


KILLS = 6


def _fill(database: Path, prefix: str, size: int) -> set[str]:
    """``database`` anew (its WAL gone too) holding 40 actors ``prefix N`` of ``size`` bytes."""
    for leftover in (database, *database.parent.glob(database.name + "-*")):
        leftover.unlink(missing_ok=True)
    with Store.open(database) as store:
        for i in range(40):
            actors.create_actor(store, {"name": f"{prefix} {i}"})
    # Longer than the program lets anyone type: written with plain SQL, as an older file
    # could hold it.
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("UPDATE actor SET description = ?", ("x" * size,))
    connection.close()
    return _actor_names(database)


def _restoring(worker: Callable[..., Worker], database: Path, source: Path) -> Worker:
    process = worker("fault_store.py")
    process.ask(op="open", db=str(database))
    process.send(op="restore", backup=str(source))
    assert process.receive() == {"restoring": True}
    return process


def test_a_restore_killed_half_way_leaves_old_or_new(
    tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    database = tmp_path / "iso.verkosto"
    source = tmp_path / "lahde.verkosto"
    # A large backup over a small file: the copy into the file is most of the work.
    new_names = _fill(source, "Uusi", 1_000_000)
    # How long a whole restore takes here and now (the quicker of two), so that the kills
    # land inside it.
    runs: list[tuple[float, dict[str, float]]] = []
    for _run in range(2):
        _fill(database, "Vanha", 1000)
        timing = _restoring(worker, database, source)
        started = time.perf_counter()
        stages: dict[str, float] = {}
        while "ok" not in (message := timing.receive()):
            stages.update(dict.fromkeys(message, time.perf_counter() - started))
        runs.append((time.perf_counter() - started, stages))
        timing.close()
    duration, stages = min(runs, key=lambda run: run[0])
    rng = random.Random(3)
    landed: Counter[str] = Counter()
    for attempt in range(KILLS):
        old_names = _fill(database, "Vanha", 1000)
        process = _restoring(worker, database, source)
        # A random moment in each sixth of the work (stratified: every part of it is hit).
        time.sleep(duration * 0.9 * (attempt + rng.random()) / KILLS)
        os.kill(process.process.pid, signal.SIGKILL)
        process.process.wait()
        heard = {key for message in process.drain() for key in message}
        assert integrity(database) == "ok"
        names = _actor_names(database)
        if "ok" in heard:
            landed["after the end"] += 1
            assert names == new_names
            continue
        # Killed in the middle: before the copy the file is as it was; during it, as it was or
        # (committed just before the kill, before the worker could say so) the backup's content
        # whole, never a mix; after it the backup's content (the schema check and erasures
        # only follow).
        if "copied" in heard:
            landed["after the copy"] += 1
            assert names == new_names
        elif "copying" in heard:
            landed["during the copy"] += 1
            assert names in (old_names, new_names)
        else:
            landed["checks and safety backup"] += 1
            assert names == old_names
        tally("restores killed half-way")
    print("restore kills:", dict(landed), f"(stages {stages}, whole {duration:.2f} s)")
    assert KILLS - landed["after the end"] >= KILLS // 2 + 1, landed
    assert landed["during the copy"] >= 1, landed


def _xor_damage(path: Path) -> bytes:
    """Flip every bit of scattered bytes (a failing disk), as ``verkosto check``'s test does."""
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2 + 100, len(data) // 2, 13):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return bytes(data)


def _erased_then_damaged(demo_path: Path) -> tuple[Path, list[tuple[str, str]], bytes]:
    """An older backup; a person erased; a newer backup; another person erased; XOR damage.

    Returns the older backup, the two (id, name) erased, and the damaged bytes.
    """
    with Store.open(demo_path) as store:
        older = backups.make_backup(demo_path, "manual")
        with store.read() as session:
            contacts = session.scalars(select(Contact).order_by(Contact.name).limit(2)).all()
            erased = [(c.id, c.name) for c in contacts]
        erase_person(store, erased[0][0])
        backups.make_backup(demo_path, "daily")
        erase_person(store, erased[1][0])
    return older.path, erased, _xor_damage(demo_path)


def test_a_xor_damaged_file_is_restored_from_the_command_line(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verkosto_desktop.cli import main

    older, erased, damaged_bytes = _erased_then_damaged(demo_path)
    assert main(["check", "--database", str(demo_path)]) == 1
    capsys.readouterr()

    assert main(["restore", "--database", str(demo_path), "--from", str(older)]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    kept = list(demo_path.parent.glob("demo.damaged-*.verkosto"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    assert integrity(demo_path) == "ok"
    with Store.open(demo_path) as store, store.read() as session:
        # Known from the newer backup's erasure log: erased again.
        assert session.get(Contact, erased[0][0]) is None
    assert not _contains(demo_path, erased[0][1])
    # The damaged file's own log could not be read: the user is told what may be missing.
    assert "tiedoston poistolokia ei voitu lukea" in out
    assert "poistettiin uudelleen: 1." in out
    tally("damaged files recovered")


def test_the_windows_recovery_of_a_xor_damaged_file_says_what_may_be_missing(
    qtbot: QtBot, demo_path: Path
) -> None:
    from modal_answers import answer_modals, click_button, close_message

    from verkosto_desktop.ui.storage.opening import OpenChoice, offer_recovery

    _older, erased, damaged_bytes = _erased_then_damaged(demo_path)
    with pytest.raises(DamagedFile) as raised:
        Store.open(demo_path)

    seen = answer_modals(click_button("Palauta varmuuskopio"), close_message)
    assert offer_recovery(None, demo_path, raised.value) is OpenChoice.RETRY

    assert len(seen) == 2
    assert "säilytettiin nimellä" in seen[1] and "tiedoston poistolokia ei voitu lukea" in seen[1]
    kept = list(demo_path.parent.glob("demo.damaged-*.verkosto"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    with Store.open(demo_path) as store, store.read() as session:
        assert session.get(Contact, erased[0][0]) is None  # in the newest backup already
    tally("damaged files recovered")


def test_a_lost_file_restored_from_an_older_backup_keeps_the_later_erasures(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verkosto_desktop.cli import main

    with Store.open(demo_path) as store:
        older = backups.make_backup(demo_path, "manual")
        contact_id, contact_name = _some_contact(store)
        erase_person(store, contact_id)
        backups.make_backup(demo_path, "exit")
    # The file is gone (deleted, or lost with a stick); its backups are still beside it.
    for path in (demo_path, *demo_path.parent.glob(demo_path.name + "-*")):
        path.unlink()

    assert main(["restore", "--database", str(demo_path), "--from", str(older.path)]) == 0

    out = capsys.readouterr().out
    assert integrity(demo_path) == "ok"
    with Store.open(demo_path) as store, store.read() as session:
        assert session.get(Contact, contact_id) is None  # erased again, from the newer backup
    assert not _contains(demo_path, contact_name)
    assert "poistettiin uudelleen: 1." in out
    # What was erased after the newest backup was only in the lost file.
    assert "tiedoston poistolokia ei voitu lukea" in out
    tally("restores verified")


def test_a_backup_to_a_folder_that_is_gone_fails_and_creates_nothing(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verkosto_desktop.cli import main

    stick = tmp_path / "stick"  # pulled out: the folder is not there
    target = stick / "kopio.verkosto"
    assert main(["backup", "--database", str(demo_path), "--to", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and str(stick) in err and "ei ole" in err
    assert not stick.exists()
    with pytest.raises(backups.BackupFailed):
        backups.backup_to(demo_path, target)
    assert not stick.exists()
    # Automatic backups still make their own folder.
    assert backups.make_backup(demo_path, "manual").path.parent.is_dir()
