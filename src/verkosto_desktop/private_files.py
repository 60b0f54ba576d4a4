"""Files that hold personal data are readable by their owner only.

On a shared municipal laptop every account could otherwise copy every phone number: the
database, its WAL and journal, the backups, exports, bundles and settings are created ``0600``
and the program's own folders ``0700``, whatever the umask; a file found with looser modes is
tightened when the program opens it. On systems without POSIX modes (Windows, where the user's
profile folders are private already) these functions do nothing.

Used by every layer (``data`` for the database and backups, ``export`` for files written,
``app`` for the settings), so it lives beside ``paths``.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from verkosto_desktop.i18n import _

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# The files SQLite keeps beside a database (WAL mode, rollback journal, shared memory).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

POSIX = os.name == "posix"


def _own(path: Path) -> os.stat_result | None:
    """``path``'s status when it exists, is not a link, and belongs to this user."""
    try:
        status = path.lstat()
    except OSError:
        return None
    if stat.S_ISLNK(status.st_mode) or status.st_uid != os.getuid():
        return None
    return status


def not_a_file(target: Path) -> str | None:
    """``"folder"`` or ``"special"`` (a device, a FIFO, a socket) when ``target`` exists and is
    not a regular file, following links; ``None`` when it is one or is not there. A file
    written by renaming over such a target would replace it (``/dev/sda`` with a PDF, as root),
    so every writer checks first. Other errors of ``stat`` reach the caller."""
    try:
        status = target.stat()
    except FileNotFoundError:
        return None  # nothing there (or a dangling link, which the rename replaces)
    if stat.S_ISREG(status.st_mode):
        return None
    return "folder" if stat.S_ISDIR(status.st_mode) else "special"


def not_a_file_message(target: Path, kind: str) -> str:
    """The sentence for a target refused by :func:`not_a_file`."""
    if kind == "folder":
        return _("{path} is a folder; give a file name.").format(path=target)
    return _(
        "{path} is not an ordinary file (a device or a pipe); it was left as it is. "
        "Give the name of a file."
    ).format(path=target)


def tighten(path: Path | str) -> None:
    """Take group and other permissions away from ``path`` (a file or folder of this user's;
    others' files, links and missing paths are left alone)."""
    if not POSIX:
        return
    path = Path(path)
    status = _own(path)
    if status is None or not status.st_mode & 0o077:
        return
    wanted = PRIVATE_FOLDER if stat.S_ISDIR(status.st_mode) else PRIVATE_FILE
    with contextlib.suppress(OSError):  # a read-only medium: nothing can be changed there
        path.chmod(stat.S_IMODE(status.st_mode) & wanted)


def tighten_database(path: Path | str) -> None:
    """The database file and the companion files SQLite keeps beside it."""
    path = Path(path)
    for candidate in (path, *(path.with_name(path.name + end) for end in SQLITE_COMPANIONS)):
        tighten(candidate)


def private_folder(path: Path | str) -> Path:
    """Create ``path`` (and missing parents) as private folders; an existing one of this
    user's is tightened. Returns the path."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True)
    if POSIX:
        for created in missing:
            with contextlib.suppress(OSError):
                created.chmod(PRIVATE_FOLDER)
        tighten(path)
    return path


def open_private(path: Path | str, flags: int) -> int:
    """``os.open`` creating ``path`` readable by its owner only (whatever the umask)."""
    descriptor = os.open(path, flags, PRIVATE_FILE)
    if POSIX:
        # An existing file of another user's keeps its modes (only its owner may change them).
        with contextlib.suppress(PermissionError):
            os.fchmod(descriptor, PRIVATE_FILE)
    return descriptor


def create_private(path: Path | str) -> None:
    """An empty private file at ``path`` (an existing one is kept, and tightened)."""
    os.close(open_private(path, os.O_WRONLY | os.O_CREAT))
