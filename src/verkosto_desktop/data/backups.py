"""Checked backups with SQLite's online backup API, kept beside the data and rotated.

A backup is copied page by page from a consistent snapshot of the file (other programs may go on
writing meanwhile) into a temporary file, switched to a single-file journal, checked with
``integrity_check``, synced to the disk and only then renamed to its final name: a file in the
backups folder with a backup's name is a backup that passed its check. ``VACUUM INTO`` is not
used because it does not sync what it writes.

Backups live in ``<data folder>/backups/<file name>/`` and are named
``<file name>_<UTC time>Z_<reason>.verkosto``. Rotation keeps the last 10, the newest of each day
for 14 days and the newest of each month for 12 months.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.file_state import read_uri
from verkosto_desktop.data.store import APPLICATION_ID
from verkosto_desktop.domain.timefmt import to_local
from verkosto_desktop.i18n import N_, _
from verkosto_desktop.paths import DATABASE_SUFFIX, backups_folder_for

KEEP_LAST = 10
KEEP_DAYS = 14
KEEP_MONTHS = 12
DUE_AFTER = timedelta(hours=1)
PAGES_PER_STEP = 256  # 1 MiB at a time: progress and cancel stay responsive on big files

REASONS: dict[str, str] = {
    "open": N_("when the file was opened"),
    "daily": N_("daily"),
    "exit": N_("on exit"),
    "migration": N_("before a program update"),
    "import": N_("before an import"),
    "restore": N_("before a restore"),
    "manual": N_("made by hand"),
}
_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<time>\d{8}-\d{6})Z(?:-(?P<n>\d+))?_(?P<reason>[a-z]+)"
    + re.escape(DATABASE_SUFFIX)
    + "$"
)
_PARTIAL = ".partial"

Progress = Callable[[int, int], None]


class BackupFailed(StoreError):
    """A backup could not be made or did not pass its check; nothing was counted as a backup."""


class BackupCancelled(StoreError):
    """The user cancelled a backup; its temporary file was removed."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup: where, when (UTC), why, and what it holds (None when it cannot be read)."""

    path: Path
    taken_at: datetime
    reason: str
    actors: int | None = None
    contacts: int | None = None

    @property
    def readable(self) -> bool:
        return self.actors is not None

    def reason_label(self) -> str:
        """The reason in the user's language."""
        return _(REASONS.get(self.reason, self.reason))


def backups_folder(database: Path) -> Path:
    """Where the automatic backups of ``database`` are kept."""
    return backups_folder_for(database)


def parse_name(path: Path) -> BackupInfo | None:
    """The time and reason written in a backup's name; None for any other file."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    taken = datetime.strptime(match["time"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    # Backups made within one second carry a counter; it orders them.
    taken += timedelta(microseconds=int(match["n"] or 0))
    return BackupInfo(path, taken, match["reason"])


def _name_for(database: Path, taken_at: datetime, reason: str, n: int) -> str:
    counter = f"-{n}" if n else ""
    return f"{database.stem}_{taken_at:%Y%m%d-%H%M%S}Z{counter}_{reason}{DATABASE_SUFFIX}"


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
    replaced in one rename. Raises ``BackupFailed`` or ``BackupCancelled``.
    """
    temporary = target.with_name(f".{target.name}{_PARTIAL}")
    _remove_quietly(temporary)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancel is not None and cancel.is_set():
            raise BackupCancelled(_("The backup was cancelled."))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        reader = sqlite3.connect(read_uri(source), uri=True, timeout=10)
        try:
            # One read transaction for the whole copy: a fixed snapshot, so that writes by
            # other programs neither restart the copy nor mix two states of the file.
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
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
        for info in _named_backups(folder)
        if info.taken_at.replace(microsecond=0) == taken_at
    ]
    n = max(same_second) + 1 if same_second else 0
    return folder / _name_for(database, taken_at, reason, n)


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
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _sqlite_failure(error, folder) from None
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


def _named_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder`` by their names only (no file is opened), newest first."""
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if (info := parse_name(p)) is not None]
    found.sort(key=lambda info: info.taken_at, reverse=True)
    return found


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of ``database`` with their counts, newest first."""
    return [describe(info.path, info.taken_at) for info in _named_backups(backups_folder(database))]


def last_backup(database: Path) -> BackupInfo | None:
    """The newest backup of ``database`` (by name; cheap)."""
    named = _named_backups(backups_folder(database))
    return named[0] if named else None


def backup_due(database: Path, now: datetime | None = None, max_age: timedelta = DUE_AFTER) -> bool:
    """True when the newest backup is older than ``max_age`` (or there is none)."""
    newest = last_backup(database)
    if newest is None:
        return True
    return (now or datetime.now(UTC)) - newest.taken_at >= max_age


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup that can be read and passes SQLite's quick check."""
    for info in _named_backups(backups_folder(database)):
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


def _months_between(later: datetime, earlier: datetime) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def backups_to_keep(backups: list[BackupInfo], now: datetime) -> set[Path]:
    """Which of ``backups`` rotation keeps: the last 10, the newest of each of the last 14
    days and the newest of each of the last 12 months (days and months in local time)."""
    ordered = sorted(backups, key=lambda info: info.taken_at, reverse=True)
    keep = {info.path for info in ordered[:KEEP_LAST]}
    today = to_local(now).date()
    this_month = to_local(now)
    seen_days: set[object] = set()
    seen_months: set[tuple[int, int]] = set()
    for info in ordered:
        local = to_local(info.taken_at)
        if 0 <= (today - local.date()).days < KEEP_DAYS and local.date() not in seen_days:
            seen_days.add(local.date())
            keep.add(info.path)
        month = (local.year, local.month)
        if 0 <= _months_between(this_month, local) < KEEP_MONTHS and month not in seen_months:
            seen_months.add(month)
            keep.add(info.path)
    return keep


def rotate(folder: Path, now: datetime | None = None, keep: Path | None = None) -> list[Path]:
    """Remove the backups in ``folder`` that rotation does not keep (never ``keep``, the one
    just made, even if the clock went backwards); returns those removed."""
    backups = _named_backups(folder)
    keep_paths = backups_to_keep(backups, now or datetime.now(UTC))
    if keep is not None:
        keep_paths.add(keep)
    removed: list[Path] = []
    for info in backups:
        if info.path not in keep_paths:
            with contextlib.suppress(OSError):
                info.path.unlink()
                removed.append(info.path)
    return removed


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
