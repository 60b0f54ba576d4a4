"""Checked backups with SQLite's online backup API, kept beside the data and rotated.

A backup is copied page by page from a consistent snapshot of the file (other programs may go on
writing meanwhile) into a temporary file, switched to a single-file journal, checked with
``integrity_check``, synced to the disk and only then renamed to its final name: a file in the
backups folder with a backup's name is a backup that passed its check. ``VACUUM INTO`` is not
used because it does not sync what it writes.

Where backups live and how they are named: ``backup_names``; which are kept: ``backup_rotation``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.storage.backup_names import (
    REASONS,
    BackupInfo,
    backups_folder,
    name_for,
    named_backups,
    parse_name,
)
from verkosto_desktop.data.storage.backup_rotation import rotate
from verkosto_desktop.data.storage.file_state import read_uri
from verkosto_desktop.data.storage.store import APPLICATION_ID
from verkosto_desktop.i18n import _
from verkosto_desktop.private_files import create_private, private_folder, tighten

__all__ = [
    "REASONS",
    "BackupCancelled",
    "BackupFailed",
    "BackupInfo",
    "Progress",
    "backup_before_migration",
    "backup_due",
    "backup_to",
    "backups_folder",
    "copy_database",
    "describe",
    "is_sound",
    "last_backup",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "parse_name",
    "read_counts",
    "rotate",
]

DUE_AFTER = timedelta(hours=1)
PAGES_PER_STEP = 256  # 1 MiB at a time: progress and cancel stay responsive on big files

_PARTIAL = ".partial"

Progress = Callable[[int, int], None]


class BackupFailed(StoreError):
    """A backup could not be made or did not pass its check; nothing was counted as a backup."""


class BackupCancelled(StoreError):
    """The user cancelled a backup; its temporary file was removed."""


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows syncs renames itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _check_copy(path: Path) -> None:
    """Make the copy a single self-contained file, then check it; raise ``BackupFailed``."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
    try:
        # The copy inherits WAL mode from the page it copied; a backup must be one file.
        connection.execute("PRAGMA journal_mode = DELETE")
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    finally:
        connection.close()
    if problems != ["ok"]:
        raise BackupFailed(
            _("The copy did not pass its check ({problem}); it was not kept.").format(
                problem="; ".join(problems[:3])
            )
        )
    if application_id != APPLICATION_ID:
        raise BackupFailed(_("The file being backed up is not a Verkosto database."))


def _remove_quietly(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            candidate.unlink()


def _sqlite_failure(error: BaseException, target: Path) -> BackupFailed:
    text = str(error)
    if isinstance(error, OSError) and error.strerror:
        text = error.strerror
    return BackupFailed(_("The backup to {path} failed: {reason}").format(path=target, reason=text))


def copy_database(
    source: Path,
    target: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Copy the database ``source`` to ``target`` with the online backup API, checked and synced.

    ``target`` appears only when the copy is complete and sound; an existing ``target`` is
    replaced in one rename. Its folder must exist: a folder that is missing may be a stick
    that was pulled out, and creating it would put the "backup" on the local disk. Raises
    ``BackupFailed`` or ``BackupCancelled``.
    """
    temporary = target.with_name(f".{target.name}{_PARTIAL}")
    if target.exists() and not target.is_file():  # follows links: a link to a device too
        raise BackupFailed(
            _("The backup to {path} failed: it exists and is not an ordinary file.").format(
                path=target
            )
        )
    _remove_quietly(temporary)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancel is not None and cancel.is_set():
            raise BackupCancelled(_("The backup was cancelled."))

    if not target.parent.is_dir():
        raise BackupFailed(
            _(
                "The backup to {path} failed: the folder {folder} does not exist (is the "
                "stick or disk still attached?)."
            ).format(path=target, folder=target.parent)
        )
    try:
        reader = sqlite3.connect(read_uri(source), uri=True, timeout=10)
        try:
            # One read transaction for the whole copy: a fixed snapshot, so that writes by
            # other programs neither restart the copy nor mix two states of the file.
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
            create_private(temporary)  # the copy holds every phone number: owner only
            writer = sqlite3.connect(temporary)
            try:
                reader.backup(writer, pages=PAGES_PER_STEP, progress=step)
            finally:
                writer.close()
        finally:
            reader.close()
        _check_copy(temporary)
        _fsync_file(temporary)
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    except BackupCancelled:
        _remove_quietly(temporary)
        raise
    except BackupFailed:
        _remove_quietly(temporary)
        raise
    except (sqlite3.Error, OSError) as error:
        _remove_quietly(temporary)
        raise _sqlite_failure(error, target) from None


def _free_name(database: Path, folder: Path, taken_at: datetime, reason: str) -> Path:
    # Backups made within one second are ordered by a counter; it always grows (a counter
    # freed by rotation is not reused, or the newest backup would sort as the oldest).
    same_second = [
        info.taken_at.microsecond
        for info in named_backups(folder)
        if info.taken_at.replace(microsecond=0) == taken_at
    ]
    n = max(same_second) + 1 if same_second else 0
    return folder / name_for(database, taken_at, reason, n)


def make_backup(
    database: Path,
    reason: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """A checked backup of ``database`` in its backups folder, then rotation. Raises
    ``BackupFailed`` (nothing counted) or ``BackupCancelled``."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backups_folder(database)
    taken_at = (now or datetime.now(UTC)).replace(microsecond=0)
    try:
        private_folder(folder)
    except OSError as error:
        raise _sqlite_failure(error, folder) from None
    tighten(folder.parent)
    for older in named_backups(folder):  # made by a version that left them readable to all
        tighten(older.path)
    _remove_stale_partials(folder)
    target = _free_name(database, folder, taken_at, reason)
    copy_database(database, target, progress=progress, cancel=cancel)
    info = describe(target)
    rotate(folder, now=now, keep=target)
    return info


def backup_to(
    database: Path,
    target: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> BackupInfo:
    """A checked copy of ``database`` at ``target`` (e.g. on a USB stick); not rotated."""
    if target.resolve() == database.resolve():
        raise BackupFailed(_("A backup cannot replace the file itself."))
    copy_database(database, target, progress=progress, cancel=cancel)
    return describe(target, taken_at=datetime.now(UTC))


def _remove_stale_partials(folder: Path) -> None:
    # A copy interrupted by a crash leaves its temporary file; another program's copy in
    # progress is young, so only old ones go.
    limit = datetime.now().timestamp() - 3600
    for leftover in folder.glob(f".*{_PARTIAL}"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def read_counts(path: Path) -> tuple[int, int] | None:
    """(live actors, live contacts) in a database file, or None when it cannot be read."""
    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        try:
            actors = connection.execute(
                "SELECT count(*) FROM actor WHERE deleted_at IS NULL"
            ).fetchone()[0]
            contacts = connection.execute(
                "SELECT count(*) FROM contact WHERE deleted_at IS NULL"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return int(actors), int(contacts)


def describe(path: Path, taken_at: datetime | None = None) -> BackupInfo:
    """A backup file with its counts (time and reason from its name when it has one)."""
    named = parse_name(path)
    if taken_at is None:
        taken_at = (
            named.taken_at
            if named
            else datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
        )
    counts = read_counts(path)
    return BackupInfo(
        path,
        taken_at,
        named.reason if named else "manual",
        counts[0] if counts else None,
        counts[1] if counts else None,
    )


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of ``database`` with their counts, newest first."""
    return [describe(info.path, info.taken_at) for info in named_backups(backups_folder(database))]


def last_backup(database: Path) -> BackupInfo | None:
    """The newest backup of ``database`` (by name; cheap)."""
    named = named_backups(backups_folder(database))
    return named[0] if named else None


def backup_due(database: Path, now: datetime | None = None, max_age: timedelta = DUE_AFTER) -> bool:
    """True when the newest backup is older than ``max_age`` (or there is none)."""
    newest = last_backup(database)
    if newest is None:
        return True
    return (now or datetime.now(UTC)) - newest.taken_at >= max_age


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup that can be read and passes SQLite's quick check."""
    for info in named_backups(backups_folder(database)):
        if is_sound(info.path):
            return describe(info.path, info.taken_at)
    return None


def is_sound(path: Path) -> bool:
    """True when ``path`` is a Verkosto database that passes SQLite's quick check."""
    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            ok = connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return ok and application_id == APPLICATION_ID


def backup_before_migration(database: Path) -> None:
    """The ``before_migration`` hook of ``Store.open``: no schema change without a backup."""
    try:
        make_backup(database, "migration")
    except BackupFailed as error:
        raise StoreError(
            _(
                "{path} must be updated for this version of Verkosto, but no backup could be "
                "made first ({reason}). The file was not changed."
            ).format(path=database, reason=error)
        ) from None
