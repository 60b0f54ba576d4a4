"""Restoring backups, and what to do with a damaged file.

A restore never swaps files under an open database: the backup's pages are written into the live
file with SQLite's backup API, inside one write transaction, so a crash in the middle leaves the
file as it was and other programs reading it see either the old or the restored content. Before
that, the current file is itself backed up. Afterwards every erasure known from the current file
and from backups newer than the restored one is applied again (data-protection requests stay
honoured). When the erasure log of the file being replaced cannot be read (it is damaged, or
gone), the erasures in the backups are still applied and the result says that some may be missing.

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

from verkosto_desktop.data.errors import DamagedFile, NewerSchema, NotVerkostoFile, StoreError
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.backups import BackupInfo
from verkosto_desktop.data.storage.file_state import JOURNAL_SUFFIXES, companion, read_uri
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store, inspect_file
from verkosto_desktop.data.stored_ids import id_from_stored
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _

# What undecodable bytes read as (a damaged page).
_GARBLED = "\ufffd"


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: from which backup, the backup of the file made first (None when the
    file was damaged), where a damaged file was moved, and how many erasures were applied again.
    ``erasures_incomplete`` is True when the erasure log of the replaced file could not be read
    (or there was no file): persons erased after the backup was taken may be back.
    """

    restored_from: BackupInfo
    safety_backup: BackupInfo | None
    moved_aside: Path | None
    erasures_reapplied: int
    erasures_incomplete: bool = False


@dataclass(frozen=True)
class ErasuresKnown:
    """The erasures made after a backup, as far as they can be read, and whether any source
    that should hold them could not be read completely."""

    erasures: list[tuple[str, str]]
    incomplete: bool


def erasures_warning(result: RestoreResult) -> str | None:
    """What to tell the user when erasures made after the restored backup may be undone."""
    if not result.erasures_incomplete:
        return None
    return _(
        "The erasure log of the damaged or lost file could not be read: persons erased after "
        "{time} may be back in the restored file. Check the contacts and erase them again if "
        "needed."
    ).format(time=format_datetime(result.restored_from.taken_at))


def check_restorable(path: Path) -> None:
    """Raise a ``StoreError`` unless ``path`` is a sound Verkosto database this program knows."""
    from verkosto_desktop.data.storage.migrate import known_revisions

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


def _erasures_in(path: Path) -> tuple[list[tuple[str, str]], bool]:
    """The erasures logged in ``path`` as far as they can be read, and whether all could be.

    A damaged file may yield part of its log, or bytes that are not text (its pages were
    overwritten): what reads cleanly is kept, the rest makes the answer incomplete.
    """
    found: list[tuple[str, str]] = []
    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        # Text from damaged pages is not necessarily UTF-8: decode it rather than fail.
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            rows = connection.execute("SELECT entity, record_id FROM erasure ORDER BY id")
            for entity, stored in rows:
                # An id is kept as 16 bytes since migration 0026 (as text in older backups).
                record_id = id_from_stored(stored) if isinstance(stored, bytes) else stored
                if _GARBLED in f"{entity}{record_id}":
                    return found, False
                found.append((str(entity), str(record_id)))
            # Rows read from a damaged table may be short of some: check the table itself.
            sound = connection.execute("PRAGMA integrity_check(erasure)").fetchall() == [("ok",)]
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError):
        # (SQLite's message about a damaged page may itself hold bytes that are not UTF-8.)
        return found, False
    return found, sound


def erasures_to_keep(
    database: Path, restoring: BackupInfo, *, current: Path | None
) -> ErasuresKnown:
    """Every erasure made after ``restoring`` was taken, as far as they can be known: those in
    ``current`` (the file being replaced) and in every newer backup of ``database``.

    The answer is incomplete when ``current`` is None (the file is gone) or its log cannot be
    read in full: erasures made after the newest backup are known only to that file.
    """
    sources = [
        info.path
        for info in backups.list_backups(database)
        if info.taken_at > restoring.taken_at and info.path != restoring.path
    ]
    found: dict[tuple[str, str], None] = {}
    incomplete = current is None
    if current is not None:
        erasures, complete = _erasures_in(current)
        found.update(dict.fromkeys(erasures))
        incomplete = not complete
    for source in sources:
        # A damaged newer backup only matters when the current file's log is lost too, and
        # then the answer is already incomplete.
        erasures, _complete = _erasures_in(source)
        for erasure in erasures:
            found.setdefault(erasure)
    return ErasuresKnown(list(found), incomplete)


def _reapply(store: Store, known: ErasuresKnown) -> int:
    from verkosto_desktop.data.register.privacy import reapply_erasures

    return reapply_erasures(store, known.erasures) if known.erasures else 0


def restore_into(store: Store, backup: Path) -> RestoreResult:
    """Replace the content of the open ``store`` with ``backup`` (see the module docstring)."""
    from verkosto_desktop.data.storage import migrate

    check_restorable(backup)
    restoring = backups.describe(backup)
    known = erasures_to_keep(store.path, restoring, current=store.path)
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
    from verkosto_desktop.data.exchange.site import ensure_bound

    # The file went back in time: it must not speak for its old site any more (the others
    # believe that site holds changes the backup does not).
    ensure_bound(store, force_new=True)
    reapplied = _reapply(store, known)
    store.notify(Change(ChangeKind.RESTORED, frozenset()))
    return RestoreResult(restoring, safety, None, reapplied, known.incomplete)


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
    from verkosto_desktop.data.storage.file_lock import ensure_not_open_in_window

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
    known = erasures_to_keep(database, restoring, current=moved)
    with Store.open(database) as store:
        reapplied = _reapply(store, known)
    return RestoreResult(restoring, None, moved, reapplied, known.incomplete)


def restore_lost(database: Path, backup: Path | None = None) -> RestoreResult:
    """Put ``backup`` (default: the newest good one) at the name of a ``database`` that is gone
    (deleted, or lost with a stick), then erase again what newer backups know was erased.

    Erasures made after the newest backup were only in the lost file: the result says so.
    """
    from verkosto_desktop.data.storage.file_lock import ensure_not_open_in_window

    ensure_not_open_in_window(database)
    if backup is None:
        newest = backups.newest_good_backup(database)
        if newest is None:
            raise StoreError(_("File not found: {path}").format(path=database))
        backup = newest.path
    check_restorable(backup)
    restoring = backups.describe(backup)
    known = erasures_to_keep(database, restoring, current=None)
    backups.copy_database(backup, database)
    with Store.open(database) as store:
        reapplied = _reapply(store, known)
    return RestoreResult(restoring, None, None, reapplied, known.incomplete)


def restore_file(database: Path, backup: Path | None = None) -> RestoreResult:
    """Restore ``database`` from ``backup`` (default: the newest good one) with no window open:
    a sound file is restored in place, a damaged one is moved aside first."""
    from verkosto_desktop.data.storage.file_lock import ensure_not_open_in_window

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
