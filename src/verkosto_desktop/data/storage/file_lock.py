"""One window per file: an advisory lock beside the database, taken by the window only.

The lock is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``<file>.lock``. The kernel drops it when the process dies, so a lock left by a crash (a dead
battery, a kill) is recovered by itself: the next window simply takes it. The lock file holds who
took it, so that a second window can say by whom and since when the file is open. Command-line
commands do not take the lock: SQLite itself lets them read and write beside an open window.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.models.types import device_user
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.private_files import open_private

LOCK_SUFFIX = ".lock"
# Windows locks byte ranges and cannot read a locked range, so it locks a byte past the text.
_WINDOWS_LOCK_OFFSET = 1 << 20


@dataclass(frozen=True)
class LockHolder:
    """Who holds a file's lock: ``user@device``, the process id and since when."""

    who: str
    pid: int
    since: datetime | None


class FileInUse(StoreError):
    """Another Verkosto window has the file open."""

    def __init__(self, message: str, holder: LockHolder | None) -> None:
        super().__init__(message)
        self.holder = holder


def lock_path(database: Path) -> Path:
    """The lock file of ``database``."""
    return database.with_name(database.name + LOCK_SUFFIX)


def _try_lock(fd: int) -> bool:
    """Lock ``fd`` without waiting; False when another process holds it."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        # A file system without locks (some network shares): nothing can be enforced there;
        # the location warning already tells the user not to keep the file there.
        return True
    return True


def _read_holder(fd: int) -> LockHolder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096).decode("utf-8", "replace").strip("\x00 \n")
        data = json.loads(raw)
        since = datetime.fromisoformat(data["since"]) if data.get("since") else None
        return LockHolder(str(data.get("who", "")), int(data.get("pid", 0)), since)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def in_use_message(database: Path, holder: LockHolder | None) -> str:
    """The sentence a second window shows."""
    if holder is None:
        return _(
            "{path} is already open in another Verkosto window. Close that window first, or "
            "open the file read-only to look at it."
        ).format(path=database)
    return _(
        "{path} is already open in another Verkosto window ({who}, since {since}). Close that "
        "window first, or open the file read-only to look at it."
    ).format(path=database, who=holder.who, since=format_datetime(holder.since))


class FileLock:
    """The window lock of one database file. ``acquire`` raises ``FileInUse`` when it is held."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise ``FileInUse`` naming who has it."""
        for _attempt in range(10):
            try:
                fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
            except OSError:
                # A read-only medium or folder: nobody can write the file there, so there is
                # nothing to protect; the store itself refuses to write.
                return
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise FileInUse(in_use_message(self.database, holder), holder)
            # A holder that was releasing may have removed the file we just locked: then a
            # newcomer could lock a fresh file at the same path. Only the file at the path counts.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                self._fd = fd
                self._write_holder()
                return
            os.close(fd)
        raise FileInUse(in_use_message(self.database, None), None)

    def _write_holder(self) -> None:
        assert self._fd is not None
        text = json.dumps(
            {"who": device_user(), "pid": os.getpid(), "since": datetime.now(UTC).isoformat()}
        ).encode()
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, text)

    def release(self) -> None:
        """Let go of the lock and remove the lock file (safe to call twice)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Removed while still locked, so that nobody can lock the file being removed.
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(fd)


def lock_holder(database: Path) -> LockHolder | None:
    """Who has ``database`` open in a window, or None when nobody does."""
    path = lock_path(database)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            return None
        return _read_holder(fd) or LockHolder("", 0, None)
    finally:
        os.close(fd)


def ensure_not_open_in_window(database: Path) -> None:
    """Raise ``FileInUse`` when a window has ``database`` open (before replacing its content)."""
    path = lock_path(database)
    if not path.exists():
        return
    holder = lock_holder(database)
    if holder is not None:
        raise FileInUse(in_use_message(database, holder), holder)
