"""Restoring backups, and what to do with a damaged file.

A restore never swaps files under an open database: the backup's pages are written into the live
file with SQLite's backup API, inside one write transaction, so a crash in the middle leaves the
file as it was and other programs reading it see either the old or the restored content. Before
that, the current file is itself backed up. Afterwards every erasure known from the current file
and from backups newer than the restored one is applied again (data-protection requests stay
honoured).

A damaged file is never overwritten or deleted: it is moved aside with a dated name (with its WAL
and index files), and the backup is copied into the freed name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from verkosto_desktop.data import backups
from verkosto_desktop.data.backups import BackupInfo
from verkosto_desktop.data.errors import DamagedFile, NewerSchema, NotVerkostoFile, StoreError
from verkosto_desktop.data.file_state import JOURNAL_SUFFIXES, companion, read_uri
from verkosto_desktop.data.store import Change, Store, inspect_file
from verkosto_desktop.i18n import _

# Listeners hear this after a restore: everything may have changed.
RESTORED = "restored"


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: from which backup, the backup of the file made first (None when the
    file was damaged), where a damaged file was moved, and how many erasures were applied again.
    """

    restored_from: BackupInfo
    safety_backup: BackupInfo | None
    moved_aside: Path | None
    erasures_reapplied: int


def check_restorable(path: Path) -> None:
    """Raise a ``StoreError`` unless ``path`` is a sound Verkosto database this program knows."""
    from verkosto_desktop.data.migrate import known_revisions

    if not path.is_file():
        raise StoreError(_("File not found: {path}").format(path=path))
    if inspect_file(path) != "verkosto":
        raise NotVerkostoFile(_("{path} is not a Verkosto database.").format(path=path))
    if not backups.is_sound(path):
        raise DamagedFile(
            _("The backup {path} is damaged and cannot be restored.").format(path=path)
        )
    try:
        connection = sqlite3.connect(read_uri(path), uri=True)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        row = None
    if row is None or row[0] not in known_revisions():
        raise NewerSchema(
            _(
                "The backup {path} was saved by a newer version of Verkosto and cannot be "
                "restored with this one."
            ).format(path=path)
        )


def _erasures_in(path: Path) -> list[tuple[str, str]]:
    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        try:
            rows = connection.execute("SELECT entity, record_id FROM erasure ORDER BY id")
            return [(str(entity), str(record_id)) for entity, record_id in rows]
        finally:
            connection.close()
    except sqlite3.Error:
        # A damaged file may still hold its erasures; if not, the newer backups have them.
        return []


def erasures_to_keep(
    database: Path, restoring: BackupInfo, *, current: Path | None
) -> list[tuple[str, str]]:
    """Every erasure made after ``restoring`` was taken, as far as they can be known: those in
    ``current`` (the file being replaced) and in every newer backup of ``database``."""
    sources = [current] if current is not None else []
    sources += [
        info.path
        for info in backups.list_backups(database)
        if info.taken_at > restoring.taken_at and info.path != restoring.path
    ]
    found: dict[tuple[str, str], None] = {}
    for source in sources:
        for erasure in _erasures_in(source):
            found.setdefault(erasure)
    return list(found)


def _reapply(store: Store, erasures: list[tuple[str, str]]) -> int:
    from verkosto_desktop.data.privacy import reapply_erasures

    return reapply_erasures(store, erasures) if erasures else 0


def restore_into(store: Store, backup: Path) -> RestoreResult:
    """Replace the content of the open ``store`` with ``backup`` (see the module docstring)."""
    from verkosto_desktop.data import migrate

    check_restorable(backup)
    restoring = backups.describe(backup)
    erasures = erasures_to_keep(store.path, restoring, current=store.path)
    safety = backups.make_backup(store.path, "restore")
    source = sqlite3.connect(read_uri(backup), uri=True)
    try:
        with store.engine.connect() as connection:
            target = connection.connection.driver_connection
            assert isinstance(target, sqlite3.Connection)
            # One write transaction on the live file; other writers wait (busy) meanwhile.
            source.backup(target)
    except sqlite3.Error as error:
        raise StoreError(
            _("The backup could not be restored: {reason}. The file was not changed.").format(
                reason=error
            )
        ) from None
    finally:
        source.close()
    migrate.upgrade(store)
    reapplied = _reapply(store, erasures)
    store.notify(Change(RESTORED, frozenset()))
    return RestoreResult(restoring, safety, None, reapplied)


def moved_aside_name(database: Path, now: datetime | None = None) -> Path:
    """A free dated name beside ``database`` for keeping a damaged file."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    n = 0
    while True:
        counter = f"-{n}" if n else ""
        candidate = database.with_name(f"{database.stem}.damaged-{stamp}{counter}{database.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def move_aside(database: Path) -> Path:
    """Rename a damaged ``database`` (and its WAL and index) to a dated name; returns it."""
    target = moved_aside_name(database)
    # The side files first: a WAL left at the old name would be applied to whatever file
    # takes the name next.
    for suffix in JOURNAL_SUFFIXES:
        side = companion(database, suffix)
        if side.exists():
            os.replace(side, companion(target, suffix))
    os.replace(database, target)
    return target


def recover_damaged(database: Path, backup: Path | None = None) -> RestoreResult:
    """Move the damaged ``database`` aside and put ``backup`` (default: the newest good one)
    in its place. Raises ``StoreError`` when there is no good backup (nothing is moved then)."""
    from verkosto_desktop.data.file_lock import ensure_not_open_in_window

    ensure_not_open_in_window(database)
    if backup is None:
        newest = backups.newest_good_backup(database)
        if newest is None:
            raise StoreError(
                _("There is no good backup of {path}; the file was left as it is.").format(
                    path=database
                )
            )
        backup = newest.path
    check_restorable(backup)
    restoring = backups.describe(backup)
    moved = move_aside(database)
    try:
        backups.copy_database(backup, database)
    except StoreError:
        # Put the damaged file back rather than leave nothing at the name.
        with contextlib.suppress(OSError):
            if not database.exists():
                os.replace(moved, database)
        raise
    erasures = erasures_to_keep(database, restoring, current=moved)
    with Store.open(database) as store:
        reapplied = _reapply(store, erasures)
    return RestoreResult(restoring, None, moved, reapplied)


def restore_file(database: Path, backup: Path | None = None) -> RestoreResult:
    """Restore ``database`` from ``backup`` (default: the newest good one) with no window open:
    a sound file is restored in place, a damaged one is moved aside first."""
    from verkosto_desktop.data.file_lock import ensure_not_open_in_window

    ensure_not_open_in_window(database)
    damaged = False
    try:
        store = Store.open(database)
    except DamagedFile:
        damaged = True
    if damaged:
        return recover_damaged(database, backup)
    with store:
        if backup is None:
            newest = backups.newest_good_backup(database)
            if newest is None:
                raise StoreError(_("There are no backups of {path}.").format(path=database))
            backup = newest.path
        return restore_into(store, backup)
