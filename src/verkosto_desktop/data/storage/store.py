"""The store: one SQLite file, opened safely, migrated, with short read and write sessions.

Every write runs in ``BEGIN IMMEDIATE`` (so two programs on one file queue instead of failing),
commits before it returns (an acknowledged edit is on disk), and reports what it changed to the
store's listeners, from which the UI refreshes every view.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from verkosto_desktop.data.errors import (
    DamagedFile,
    NotVerkostoFile,
    ReadOnlyFile,
    StoreError,
    WriteFailed,
)
from verkosto_desktop.data.storage import early_check
from verkosto_desktop.data.storage.file_state import (
    FileIdentity,
    check_writable,
    diagnose,
    identity,
    is_corruption,
    not_writable,
    read_uri,
    sqlite_uri,
)
from verkosto_desktop.domain.collation import compare
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _
from verkosto_desktop.private_files import create_private, tighten_database

APPLICATION_ID = 0x564B5354  # "VKST" in the SQLite header marks a Verkosto file
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
_WRITE = "verkosto_write"
_DECODE_TEXT = functools.partial(str, encoding="utf-8", errors="replace")


class ChangeKind(StrEnum):
    """The kind of record a change report names: one per table, its value the table's name.

    A change to an actor's contact, capability or facility (or its membership) is reported as
    that record's kind and also as ``ACTOR`` with the actor's id, so that actor lists follow.
    """

    ACTOR = "actor"
    CONTACT = "contact"
    CAPABILITY = "capability"
    FACILITY = "facility"
    # Situation types and capability categories: two tables of one shape, keyed by their key.
    CATALOGUE = "catalogue"
    INCIDENT = "incident"
    INCIDENT_LOG_ENTRY = "incident_log_entry"
    NETWORK_INFO = "network_info"
    FOUNDING_STEP = "founding_step"
    SURVEY_ANSWER = "survey_answer"
    ACTIVITY = "activity"
    ACTION_ITEM = "action_item"
    CALL_ROUND = "call_round"
    CALL_ROUND_ENTRY = "call_round_entry"
    IMPORT_BATCH = "import_batch"
    PRINT_PACK = "print_pack"
    # Not a table: the whole file was replaced (a restore); every view reads everything again.
    RESTORED = "restored"
    # Sharing between laptops: this file's site or its peers changed; conflicts came or went.
    SITE = "site"
    CONFLICT = "conflict"


# An actor's own records: a change to any of them is reported with the actor's id as well.
REGISTER_KINDS = frozenset(
    {ChangeKind.ACTOR, ChangeKind.CONTACT, ChangeKind.CAPABILITY, ChangeKind.FACILITY}
)


@dataclass(frozen=True)
class Change:
    """What one committed operation changed: a kind of record and the ids concerned."""

    kind: ChangeKind
    ids: frozenset[str]


Listener = Callable[[tuple[Change, ...]], None]


def record_change(session: Session, kind: ChangeKind, *ids: str) -> None:
    """Note inside a write session that records of ``kind`` changed (``ids``: those records'
    ids); reported to the listeners after the commit."""
    changes: dict[ChangeKind, set[str]] = session.info.setdefault("changes", {})
    changes.setdefault(kind, set()).update(i for i in ids if i)


def _configure_connection(dbapi_connection: sqlite3.Connection, readonly: bool) -> None:
    # We issue BEGIN ourselves (see _begin); pysqlite's implicit transactions would interfere.
    dbapi_connection.isolation_level = None
    # Text that is not valid UTF-8 (a hand-edited or damaged file) reads with "�" in place of
    # the bad bytes instead of failing every query that touches the row.
    dbapi_connection.text_factory = _DECODE_TEXT
    dbapi_connection.create_collation("fi", compare)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA trusted_schema = OFF")
        cursor.execute("PRAGMA secure_delete = ON")
        if readonly:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: an acknowledged commit survives power loss, not only a crash (see README).
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _connection_uri(path: Path, readonly: bool) -> str:
    if readonly:
        if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK):
            # Read through a connection that may not change data (query_only, set at connect)
            # yet may tidy up: the last one to close removes the WAL index SQLite needs for
            # reading, as a writer's would, instead of leaving -wal and -shm files beside a
            # file that was only looked at.
            return sqlite_uri(path, mode="rw")
        return read_uri(path)
    # mode=rw, never rwc: once the file exists, a new pooled connection must fail rather than
    # quietly create an empty database where the file vanished.
    return sqlite_uri(path, mode="rw")


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    """An engine for ``path`` (which must exist) with Verkosto's pragmas, collation and BEGIN
    handling."""
    uri = _connection_uri(path, readonly)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )

    engine = create_engine(
        "sqlite://",
        creator=connect,
        # A small pool: opening a connection and setting its pragmas costs more than a search.
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=6,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        _configure_connection(dbapi_connection, readonly)

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def inspect_file(path: Path) -> str:
    """``"new"`` for a missing or empty file, ``"verkosto"`` for ours; raises for anything else.

    Opens a foreign file read-only, so that it is never changed by being looked at.
    """
    if not path.exists():
        return "new"
    if path.is_dir():
        raise NotVerkostoFile(_("{path} is a folder, not a Verkosto file.").format(path=path))
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as error:
        raise StoreError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror)
        ) from None
    if len(header) == 0:
        return "new"
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise NotVerkostoFile(_("{path} is not a Verkosto database.").format(path=path))
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return "verkosto"
    # The header on disk may be older than the WAL (a file just created by a program that still
    # has it open): ask SQLite, which reads through the WAL.
    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if not is_corruption(error):
            raise _unreadable(path, error) from None
        raise DamagedFile(_("{path} is damaged and cannot be read.").format(path=path)) from None
    if application_id == APPLICATION_ID:
        return "verkosto"
    if application_id == 0 and tables == 0:
        return "new"
    raise NotVerkostoFile(
        _("{path} is an SQLite database of another program, not a Verkosto file.").format(path=path)
    )


def _unreadable(path: Path, error: BaseException) -> StoreError:
    return StoreError(_("Cannot read {path}: {reason}").format(path=path, reason=error))


def quick_check(path: Path) -> str:
    """SQLite's ``quick_check`` of the file: ``"ok"`` or the first problem found (the verdict of
    a check begun early, ``early_check``, when the file has not changed since it began).

    A file that cannot be read at all (no permission, locked, an I/O error) raises
    ``StoreError`` instead: that is not evidence of damage.
    """
    outcome = early_check.taken(path)
    if outcome is None:
        outcome = early_check.run(path)
    if isinstance(outcome, UnicodeDecodeError):
        return str(outcome)
    if isinstance(outcome, sqlite3.DatabaseError):
        if not is_corruption(outcome):
            raise _unreadable(path, outcome)
        return str(outcome)
    return "ok" if outcome == [("ok",)] else "; ".join(str(r[0]) for r in outcome[:5])


def _create_empty(path: Path) -> None:
    try:
        create_private(path)
    except OSError as error:
        raise StoreError(
            _("Cannot create {path}: {reason}").format(path=path, reason=error.strerror)
        ) from None


class FileLockLike(Protocol):
    def release(self) -> None: ...


class Store:
    """An open Verkosto database file (``data.server.store.ServerStore``: the regional
    register)."""

    # The regional register on PostgreSQL rather than a file on this computer.
    is_server = False

    @property
    def path(self) -> Path:
        """The database file (a ``ServerStore`` has none and raises ``StoreError``)."""
        return self._path

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        readonly: bool = False,
        opened_as: FileIdentity | None = None,
    ) -> None:
        self._path = path
        self.engine = engine
        self.readonly = readonly
        # The file's identity at open: a write to anything else is refused (see file_state).
        self.opened_as = opened_as
        # Released when the store closes (the one-window-per-file lock, see file_lock).
        self.file_lock: FileLockLike | None = None
        # True when this open created the file (there is nothing to back up yet).
        self.created = False
        # A private folder holding an updated copy read instead of an older file (see
        # ``reading``); removed on close.
        self.temporary_folder: Path | None = None
        # The older file that copy stands for (what the window names and reopens).
        self.origin: Path | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        before_migration: Callable[[Path], None] | None = None,
        check: bool = True,
    ) -> Store:
        """Open ``path``, creating it or migrating it to this version's schema.

        A foreign file, a file from a newer Verkosto, or a damaged file raises a ``StoreError``
        subclass and is left exactly as it was. ``before_migration`` is called (with the path)
        before an existing file's schema is changed; the backup module uses it.
        """
        from verkosto_desktop.data.storage import migrate

        path = Path(path)
        state = inspect_file(path)
        if state == "new":
            if readonly:
                raise StoreError(_("{path} does not exist.").format(path=path))
            if not path.parent.exists():
                raise StoreError(
                    _("The folder {folder} does not exist.").format(folder=path.parent)
                )
            _create_empty(path)
        else:
            if not readonly:
                problem = not_writable(path)
                if problem is not None:
                    raise ReadOnlyFile(
                        _("{path} cannot be changed: {reason}").format(path=path, reason=problem),
                        problem.reason,
                    )
                # Made by an older version, copied in, or under a loose umask: owner only.
                tighten_database(path)
            if check:
                problem_text = quick_check(path)
                if problem_text != "ok":
                    raise DamagedFile(
                        _("{path} is damaged ({problem}).").format(path=path, problem=problem_text)
                    )
            # Before any writable connection: one would set WAL mode on a file that may not
            # be ours to change.
            migrate.ensure_file_not_newer(path)
        engine = make_engine(path, readonly=readonly)
        store = cls(path, engine, readonly=readonly, opened_as=identity(path))
        store.created = state == "new"
        try:
            if not readonly:
                migrate.upgrade(
                    store, before_migration=before_migration if state != "new" else None
                )
                from verkosto_desktop.data.exchange.site import ensure_bound

                # A copy of a file (another path or machine) is a new site from its first open.
                ensure_bound(store)
            else:
                migrate.ensure_not_newer(store)
        except VerkostoError:
            engine.dispose()
            raise
        except (OperationalError, DBAPIError, OSError) as error:
            engine.dispose()
            raise diagnose(path, None, error) from None
        return store

    @property
    def shown_name(self) -> str:
        """The database as the user knows it: the file's path, or the server's address."""
        return str(self.path)

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session (a consistent snapshot of the file)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: commits when the block ends, rolls back and raises on failure.

        Failures reaching the disk or the file raise ``WriteFailed`` with a clear sentence; the
        database is then exactly as it was before the block.
        """
        if self.readonly:
            raise WriteFailed(self._read_only_message(), "read_only")
        self._check_writable()
        from verkosto_desktop.data.exchange import changes as change_log

        session = Session(self.engine, expire_on_commit=False, autoflush=True)
        change_log.begin(session)
        try:
            self._begin_write(session)
            yield session
            session.flush()
            # Every write lands in the per-field change log (sharing between laptops).
            change_log.finish(session)
            # Checked again at the last moment: a commit into a file that is no longer at
            # its path would be acknowledged and then lost.
            self._check_writable()
            session.commit()
        except VerkostoError:
            session.rollback()
            session.close()
            raise
        except (OperationalError, DBAPIError, OSError) as error:
            with contextlib.suppress(OperationalError, DBAPIError, OSError):
                session.rollback()
            session.close()
            raise self._write_error(error) from None
        except BaseException:
            session.rollback()
            session.close()
            raise
        changes = tuple(
            Change(kind, frozenset(ids)) for kind, ids in session.info.get("changes", {}).items()
        )
        session.close()
        if changes:
            self._notify(changes)

    # What differs for the regional register (``data.server.store``): how a write begins, what
    # is checked around it, and how a failure is explained.

    def _read_only_message(self) -> str:
        return _("This file is open read-only.")

    def _check_writable(self) -> None:
        check_writable(self.path, self.opened_as)

    def _begin_write(self, session: Session) -> None:
        self._begin_immediate(session)

    def _write_error(self, error: BaseException) -> VerkostoError:
        return diagnose(self.path, self.opened_as, error)

    def _begin_immediate(self, session: Session) -> None:
        # busy_timeout already waits 10 s for another writer; a few more tries cover a long
        # import in the other program without showing "database is locked" to anyone.
        deadline = time.monotonic() + 60
        while True:
            try:
                session.connection(execution_options={_WRITE: True})
                return
            except OperationalError as error:
                if "locked" not in str(error).lower() or time.monotonic() > deadline:
                    raise
                session.rollback()

    # -- change notification ----------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with the changes of every committed write; returns an unsubscriber."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _notify(self, changes: tuple[Change, ...]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(changes)

    def notify(self, *changes: Change) -> None:
        """Report changes made outside ``write`` (a restore, an import of a whole file)."""
        self._notify(tuple(changes))

    # -- maintenance ------------------------------------------------------------------------

    def checkpoint(self) -> None:
        """Move everything from the WAL into the main file and truncate the WAL."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Checkpoint (when writable) and release the file (and its window lock, if any)."""
        if not self.readonly:
            # The file may be gone (USB stick pulled); nothing more can be done then.
            with contextlib.suppress(OperationalError, DBAPIError):
                self.checkpoint()
        self.engine.dispose()
        if self.file_lock is not None:
            self.file_lock.release()
            self.file_lock = None
        if self.temporary_folder is not None:
            shutil.rmtree(self.temporary_folder, ignore_errors=True)
            self.temporary_folder = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
