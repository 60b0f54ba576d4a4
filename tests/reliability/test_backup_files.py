"""Backups: made with the online backup API, checked before they count, consistent while another
process writes, never left half-written (cancelled or on a full disk), rotated as promised."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reliability_harness import Worker, integrity, tally

from verkosto_desktop.data.register.search import count_live_actors
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.backups import BackupCancelled, BackupFailed, BackupInfo
from verkosto_desktop.data.storage.store import APPLICATION_ID, Store
from verkosto_desktop.domain.clock import to_local


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_backup_is_one_checked_file_with_its_counts(demo_store: Store) -> None:
    info = backups.make_backup(demo_store.path, "manual")
    folder = backups.backups_folder(demo_store.path)
    assert info.path.parent == folder
    assert _files(folder) == [info.path.name]  # no temporary file, WAL or journal left
    assert info.reason == "manual"
    assert abs(datetime.now(UTC) - info.taken_at) < timedelta(minutes=1)
    assert info.actors == count_live_actors(demo_store) > 0
    assert info.contacts is not None and info.contacts > 0
    connection = sqlite3.connect(info.path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        connection.close()
    assert integrity(info.path) == "ok"
    assert backups.last_backup(demo_store.path) == BackupInfo(info.path, info.taken_at, "manual")
    tally("backups verified")


def test_a_damaged_file_gives_no_backup(demo_path: Path) -> None:
    data = bytearray(demo_path.read_bytes())
    for offset in range(4096 * 4, min(len(data), 4096 * 40), 5):
        data[offset] = 0xA5
    demo_path.write_bytes(bytes(data))
    with pytest.raises(BackupFailed):
        backups.make_backup(demo_path, "manual")
    assert [p for p in backups.backups_folder(demo_path).glob("*") if p.is_file()] == []
    tally("damaged copies refused")


def test_a_cancelled_backup_leaves_nothing(demo_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(BackupCancelled):
        backups.make_backup(demo_path, "manual", cancel=cancel)
    assert _files(backups.backups_folder(demo_path)) == []


def test_backup_on_a_full_disk_counts_nothing(
    demo_path: Path, worker: Callable[..., Worker]
) -> None:
    process = worker("fault_store.py")
    process.ask(op="limit_file_size", size=demo_path.stat().st_size // 2)
    answer = process.ask(op="backup", db=str(demo_path))
    assert "failed" in answer, answer
    assert _files(backups.backups_folder(demo_path)) == []
    process.ask(op="limit_file_size", size=None)
    assert "ok" in process.ask(op="backup", db=str(demo_path))
    assert len(_files(backups.backups_folder(demo_path))) == 1
    tally("faults tried: backup on a full disk")


def test_backups_are_consistent_while_another_process_writes(
    demo_path: Path, worker: Callable[..., Worker]
) -> None:
    writer = worker("writer.py", str(demo_path), "60", "Taustalla")
    assert writer.receive() == {"ready": True}
    made = 0
    while writer.process.poll() is None or made < 2:
        info = backups.make_backup(demo_path, "manual")
        made += 1
        # The backup just made is the newest, and rotation never removes it.
        assert backups.last_backup(demo_path) == backups.parse_name(info.path)
        assert integrity(info.path) == "ok"
        connection = sqlite3.connect(info.path)
        try:
            # Each actor was created in one transaction with its index row: all or nothing.
            orphans = connection.execute(
                "SELECT count(*) FROM actor a WHERE a.name LIKE 'Taustalla %' AND NOT EXISTS "
                "(SELECT 1 FROM search_doc s WHERE s.actor_id = a.id)"
            ).fetchone()[0]
        finally:
            connection.close()
        assert orphans == 0
    assert writer.receive()["errors"] == []
    tally("backups verified", made)


def _fake_backups(folder: Path, newest: datetime, every: timedelta, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        taken = newest - i * every
        path = folder / f"demo_{taken:%Y%m%d-%H%M%S}Z_daily.verkosto"
        path.write_bytes(b"")
        made.append(path)
    return made


def test_rotation_keeps_the_last_ten_a_day_for_two_weeks_and_a_month_for_a_year(
    tmp_path: Path,
) -> None:
    now = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
    folder = tmp_path / "backups" / "demo"
    made = _fake_backups(folder, now, timedelta(hours=5), 24 * 500 // 5)
    other = folder / "notes.txt"
    other.write_text("not a backup", encoding="utf-8")
    removed = backups.rotate(folder, now=now)
    kept = [p for p in made if p.exists()]
    assert set(removed) == set(made) - set(kept)
    assert other.exists()  # only backups are ever removed

    ordered = sorted(made, key=lambda p: p.name, reverse=True)
    assert ordered[:10] == sorted(kept, key=lambda p: p.name, reverse=True)[:10]
    infos = [backups.parse_name(p) for p in kept]
    assert all(info is not None for info in infos)
    days = {to_local(i.taken_at).date() for i in infos if i}
    today = to_local(now).date()
    for back in range(14):
        assert today - timedelta(days=back) in days
    months = {(to_local(i.taken_at).year, to_local(i.taken_at).month) for i in infos if i}
    assert len(months) == 12
    oldest_allowed = (today.year * 12 + today.month - 1) - 11
    assert min(y * 12 + m - 1 for y, m in months) == oldest_allowed
    # Of each kept day and month only the newest survives (beyond the last ten).
    last_ten = set(ordered[:10])
    per_day: dict[object, int] = {}
    for info in infos:
        if info and info.path not in last_ten:
            key = to_local(info.taken_at).date()
            per_day[key] = per_day.get(key, 0) + 1
    assert max(per_day.values()) == 1
    # Rotating again changes nothing.
    assert backups.rotate(folder, now=now) == []


def test_backup_due_after_an_hour(demo_path: Path) -> None:
    assert backups.backup_due(demo_path)
    info = backups.make_backup(demo_path, "open")
    assert not backups.backup_due(demo_path)
    assert backups.backup_due(demo_path, now=info.taken_at + timedelta(hours=1, seconds=1))


def _actor_names(path: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in connection.execute("SELECT name FROM actor WHERE deleted_at IS NULL")}
    finally:
        connection.close()


def test_backup_to_another_place_and_back(demo_path: Path, tmp_path: Path) -> None:
    from verkosto_desktop.data.register import actors
    from verkosto_desktop.data.register.search import ActorFilter, search_actors
    from verkosto_desktop.data.storage.restore import restore_file

    stick = tmp_path / "usb"
    stick.mkdir()
    info = backups.backup_to(demo_path, stick / "kopio.verkosto")
    assert info.actors == backups.describe(demo_path).actors
    assert integrity(info.path) == "ok"
    with pytest.raises(BackupFailed):
        backups.backup_to(demo_path, demo_path)
    at_backup = _actor_names(demo_path)
    copy_bytes = info.path.read_bytes()

    # Work goes on, then goes wrong: an actor added, another one deleted.
    with Store.open(demo_path) as store:
        actors.create_actor(store, {"name": "Kopion jälkeen lisätty"})
        first = search_actors(store, ActorFilter(), limit=1)[0]
        actors.delete_actor(store, first.id)
    assert _actor_names(demo_path) != at_backup

    # Back from the stick.
    result = restore_file(demo_path, info.path)
    assert result.restored_from.path == info.path
    assert _actor_names(demo_path) == at_backup
    assert integrity(demo_path) == "ok"
    with Store.open(demo_path) as store:
        assert count_live_actors(store) == info.actors
    assert info.path.read_bytes() == copy_bytes  # the copy on the stick is not changed
    # The file as it was before is kept, so the restore can be undone.
    assert result.safety_backup is not None
    assert "Kopion jälkeen lisätty" in _actor_names(result.safety_backup.path)
    tally("restores verified")
