"""Is the database file still where it was opened, and can it be written?

SQLite keeps writing happily to a file that was deleted or whose USB stick was pulled (the open
descriptor still points at the old inode), and a new connection would create an empty file at the
path. So the store remembers the file's identity at open and checks it before every write; after a
failed write it looks at the file and the disk to tell the user what really happened (a full disk
and a pulled stick both look like "disk I/O error" to SQLite).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from verkosto_desktop.data.errors import WriteFailed, classify_write_error
from verkosto_desktop.i18n import _

# Below this much free space a failed write is explained as a full disk.
LOW_SPACE_BYTES = 1024 * 1024
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class FileIdentity:
    """Which file a path named when it was opened (device and inode)."""

    device: int
    inode: int


def identity(path: Path) -> FileIdentity:
    """The identity of the file at ``path`` now (raises ``OSError`` when there is none)."""
    status = os.stat(path)
    return FileIdentity(status.st_dev, status.st_ino)


def sqlite_uri(path: Path, **params: str) -> str:
    """A ``file:`` URI for SQLite, with the path quoted (``?`` and ``#`` are legal in names)."""
    uri = "file:" + quote(str(path.resolve()), safe="/:\\")
    if params:
        uri += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return uri


def read_uri(path: Path) -> str:
    """The URI to read ``path`` without changing it, wherever it is.

    On a read-only medium (or a folder without write permission) SQLite cannot create the WAL
    index a read needs; with no WAL left over nobody can be writing there, so the file is read
    as immutable.
    """
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
    if not folder_writable and not companion(path, "-wal").exists():
        return sqlite_uri(path, mode="ro", immutable="1")
    return sqlite_uri(path, mode="ro")


def is_corruption(error: BaseException) -> bool:
    """True when SQLite says the file itself is damaged (not merely unreachable or locked)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def companion(path: Path, suffix: str) -> Path:
    """SQLite's side file of ``path``: ``-wal``, ``-shm`` or ``-journal``."""
    return path.with_name(path.name + suffix)


def vanished_error() -> WriteFailed:
    return WriteFailed(
        _(
            "The database file is no longer where it was opened (was the USB stick removed?). "
            "Put it back."
        ),
        "vanished",
    )


def _on_read_only_medium(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # pragma: no cover - Windows
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def not_writable(path: Path) -> WriteFailed | None:
    """Why the file (or its folder, where SQLite keeps its journal) cannot be written, if so."""
    folder = path.parent
    if os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK):
        return None
    if _on_read_only_medium(folder):
        return WriteFailed(
            _("The database file is on a read-only medium (a write-protected USB stick or disk)."),
            "read_only",
        )
    return WriteFailed(
        _("No permission to write the database file or its folder."),
        "permission",
    )


def check_writable(path: Path, opened_as: FileIdentity | None) -> None:
    """Raise ``WriteFailed`` unless the file opened as ``opened_as`` is still at ``path`` and
    may be written."""
    try:
        now = identity(path)
    except FileNotFoundError:
        raise vanished_error() from None
    except OSError as error:
        raise classify_write_error(error) from None
    if opened_as is not None and now != opened_as:
        raise vanished_error()
    problem = not_writable(path)
    if problem is not None:
        raise problem


def _size_limit_reached(path: Path) -> bool:
    # A process limit on file size (ulimit -f) makes writes fail with EFBIG, which SQLite
    # reports as a plain I/O error; to the user it is the same as a full disk.
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft == resource.RLIM_INFINITY:
        return False
    sizes = []
    for candidate in (path, *(companion(path, s) for s in JOURNAL_SUFFIXES)):
        with contextlib.suppress(OSError):
            sizes.append(candidate.stat().st_size)
    return any(size + 64 * 1024 >= soft for size in sizes)


def disk_is_full(path: Path) -> bool:
    """True when the disk holding ``path`` has (next to) no space left for it."""
    if _size_limit_reached(path):
        return True
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def disk_full_error() -> WriteFailed:
    return WriteFailed(_("The disk is full. Free some space and try again."), "disk_full")


def diagnose(path: Path, opened_as: FileIdentity | None, error: BaseException) -> WriteFailed:
    """Explain a failed write by looking at the file and the disk, not only at SQLite's words."""
    try:
        check_writable(path, opened_as)
    except WriteFailed as problem:
        return problem
    classified = classify_write_error(error)
    if classified.reason == "disk_full" or (
        classified.reason in {"vanished", "other"} and disk_is_full(path)
    ):
        return disk_full_error()
    if classified.reason == "vanished":
        # The file is there and writable, yet the write failed: a failing medium.
        return WriteFailed(
            _("The disk could not be written (input/output error). Check the USB stick or disk."),
            "io_error",
        )
    return classified
