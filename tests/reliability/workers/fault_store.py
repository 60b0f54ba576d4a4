"""A store in a process of its own, driven one request at a time, so that the test can break the
disk, the medium or the file between two requests (see ``OPS`` for what it can be asked)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import say

from verkosto_desktop.data.errors import ReadOnlyFile, StoreError, WriteFailed
from verkosto_desktop.data.models import Actor, History
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import count_live_actors
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.file_lock import FileLock
from verkosto_desktop.data.storage.restore import restore_into
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.limits import limit_for

store: Store | None = None
lock: FileLock | None = None


def _open(db: str, readonly: bool = False) -> dict[str, Any]:
    global store
    try:
        store = Store.open(Path(db), readonly=readonly)
    except ReadOnlyFile as error:
        return {"refused": str(error), "reason": error.reason}
    return {"ok": True}


def _write(name: str, size: int = 0) -> dict[str, Any]:
    assert store is not None
    try:
        if size <= limit_for("description").length:
            return {"ok": actors.create_actor(store, {"name": name, "description": "x" * size}).id}
        # One transaction larger than any field may hold (as an import or a merge writes):
        # the actor, and as much text again in rows of the history table.
        with store.write() as session:
            created = Actor(name=name, name_key=sort_key(name))
            session.add(created)
            session.flush()
            for _start in range(0, size, 4000):
                session.add(
                    History(
                        entity="actor", record_id=created.id, revision=0, data={"x": "x" * 4000}
                    )
                )
    except WriteFailed as error:
        return {"failed": str(error), "reason": error.reason}
    return {"ok": created.id}


def _count() -> dict[str, Any]:
    assert store is not None
    return {"count": count_live_actors(store)}


def _inspect(db: str) -> dict[str, Any]:
    """Integrity and names as a fresh program would see them (inside this mount namespace)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        names = sorted(r[0] for r in connection.execute("SELECT name FROM actor"))
    finally:
        connection.close()
    return {"integrity": check, "names": names}


def _limit_file_size(size: int | None) -> dict[str, Any]:
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(
        resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY if size is None else size, hard)
    )
    return {"ok": True}


def _warm_up() -> None:
    # The Python of the test run may live in a folder only root can read: everything the
    # store needs is imported (by using it once) before the privileges go.
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "warm.verkosto"
        with Store.open(path) as warm:
            actors.create_actor(warm, {"name": "warm"})
            count_live_actors(warm)
        Store.open(path, readonly=True).close()


def _drop_privileges() -> dict[str, Any]:
    # Root ignores file permissions; a real unprivileged user does not.
    if os.geteuid() == 0:
        _warm_up()
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
        except PermissionError:  # a container without CAP_SETUID
            pass
    return {"uid": os.geteuid()}


def _mount(args: list[str]) -> dict[str, Any]:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    return {"rc": result.returncode, "stderr": result.stderr}


def _copy(source: str, target: str) -> dict[str, Any]:
    shutil.copy(source, target)
    return {"ok": True}


def _backup(db: str) -> dict[str, Any]:
    try:
        info = backups.make_backup(Path(db), "manual")
    except StoreError as error:
        return {"failed": str(error)}
    return {"ok": str(info.path)}


def _restore(backup: str) -> dict[str, Any]:
    """Restore ``backup`` into the open file, saying how far it has come: ``restoring`` (checks
    and the safety backup follow), ``copying`` (the safety backup is made, the copy into the
    file starts), ``copied`` (the copy is committed; the schema check and the erasures follow).
    A test that kills the process reads these afterwards to know where the kill landed."""
    from verkosto_desktop.data.storage import migrate

    assert store is not None
    make_backup, upgrade = backups.make_backup, migrate.upgrade

    def backed_up(*args: Any, **kwargs: Any) -> Any:
        made = make_backup(*args, **kwargs)
        say(copying=True)
        return made

    def after_copy(*args: Any, **kwargs: Any) -> Any:
        say(copied=True)
        return upgrade(*args, **kwargs)

    backups.make_backup, migrate.upgrade = backed_up, after_copy  # type: ignore[assignment]
    try:
        say(restoring=True)
        result = restore_into(store, Path(backup))
    finally:
        backups.make_backup, migrate.upgrade = make_backup, upgrade  # type: ignore[assignment]
    return {"ok": str(result.restored_from.path)}


def _lock(db: str) -> dict[str, Any]:
    global lock
    lock = FileLock(Path(db))
    lock.acquire()
    return {"ok": os.getpid()}


def _close() -> dict[str, Any]:
    global store
    if store is not None:
        store.close()
        store = None
    return {"ok": True}


OPS: dict[str, Callable[..., dict[str, Any]]] = {
    "open": _open,
    "write": _write,
    "count": _count,
    "inspect": _inspect,
    "limit_file_size": _limit_file_size,
    "drop_privileges": _drop_privileges,
    "mount": _mount,
    "copy": _copy,
    "backup": _backup,
    "restore": _restore,
    "lock": _lock,
    "close": _close,
}


def main() -> None:
    # A process over its file-size limit gets SIGXFSZ, which kills by default; ignored, the
    # write fails with EFBIG instead (as the program does, see cli.main).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for line in sys.stdin:
        request = json.loads(line)
        op = request.pop("op")
        try:
            say(**OPS[op](**request))
        except Exception:
            say(crash=traceback.format_exc())


if __name__ == "__main__":
    main()
