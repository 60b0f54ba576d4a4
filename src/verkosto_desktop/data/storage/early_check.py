"""The file's ``quick_check`` begun early: while the window imports the rest of the program after
the register's first paint, a thread reads the whole file for SQLite's check (1.3 s of a
100,000-actor file), and ``Store.open`` takes its verdict instead of checking again.

Nothing is opened for writing before the verdict: ``Store.open`` still waits for it first. The
verdict is used only when the file and its write-ahead log are exactly as they were when the check
began (device, inode, size and times of change); otherwise the file is checked again.
Only sqlite3 is imported here, so the first paint stays free of SQLAlchemy.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from verkosto_desktop.data.storage.file_state import read_uri

# What the check found: its rows, or the error SQLite raised reading the file.
Outcome = list[tuple[object, ...]] | sqlite3.DatabaseError | UnicodeDecodeError
# A file's device, inode, size, time of change and of status change (None when it does not
# exist). The status change time is set by every write and cannot be set back by a program.
Stamp = tuple[int, int, int, int, int] | None


def run(path: Path) -> Outcome:
    """SQLite's ``quick_check`` of ``path``, through a connection that cannot change it."""
    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        # A damaged file's messages may hold bytes that are not UTF-8.
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            return connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return error


def _stamp(path: Path) -> Stamp:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _stamps(path: Path) -> tuple[Stamp, Stamp]:
    log = _stamp(path.with_name(path.name + "-wal"))
    if log is not None:
        # A read makes an empty log where there was none, and opening tightens a new log's
        # permissions (its status change time): an empty log holds no page, and every write to
        # a log changes its time of change.
        log = (*log[:4], 0) if log[2] > 0 else None
    return _stamp(path), log


class _Check:
    def __init__(self, path: Path) -> None:
        self.stamps = _stamps(path)
        self.outcome: Outcome | None = None
        # A daemon: a window closed before the check ends need not wait for it.
        self.thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self.thread.start()

    def _run(self, path: Path) -> None:
        self.outcome = run(path)


_checks: dict[Path, _Check] = {}
_lock = threading.Lock()


def start(path: Path) -> None:
    """Begin checking ``path`` on a thread (nothing when it does not exist or is being
    checked)."""
    key = path.resolve()
    if not key.is_file():
        return
    with _lock:
        if key not in _checks:
            _checks[key] = _Check(key)


def taken(path: Path) -> Outcome | None:
    """The early check's outcome for ``path`` (waiting for it to end), or None when none was
    begun or the file changed since it began (check it again then)."""
    key = path.resolve()
    with _lock:
        check = _checks.pop(key, None)
    if check is None:
        return None
    check.thread.join()
    if check.outcome is None or _stamps(key) != check.stamps:
        return None
    return check.outcome
