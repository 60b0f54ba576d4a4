"""Schema migrations with Alembic, run programmatically when a file is opened.

The whole upgrade runs in one transaction on one connection: a migration killed half-way leaves
the previous schema intact (SQLite's DDL is transactional).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from verkosto_desktop.data.errors import NewerSchema, StoreError
from verkosto_desktop.data.storage.schema_head import head_in, scripts_folder
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

    from verkosto_desktop.data.storage.store import Store


MIGRATIONS = scripts_folder()
# Alembic is imported only when a file needs migrating: importing it costs about a quarter of a
# second, at every start, for files that are already at the head revision (nearly always).


def _head_from_files() -> str | None:
    """The single head revision read from the migration files' text; None when unsure."""
    return head_in(MIGRATIONS)


def _stored_revision(store: Store) -> str | None:
    """The revision recorded in the file, read with plain SQL; None when there is none."""
    with store.engine.connect() as connection:
        try:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        except OperationalError:
            return None
    return str(rows[0][0]) if len(rows) == 1 else None


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision a file's schema is at, or ``None`` for a new file."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _check_known(store: Store, revision: str | None) -> None:
    _refuse_unknown(store.path, revision)


def _refuse_unknown(path: Path, revision: str | None) -> None:
    if revision is None or revision == _head_from_files():
        return
    if revision not in known_revisions():
        raise NewerSchema(
            _(
                "{path} was saved by a newer version of Verkosto. "
                "Update the program to open it; the file was not changed."
            ).format(path=path)
        )


def ensure_file_not_newer(path: Path) -> None:
    """Raise ``NewerSchema`` when the file at ``path`` is from a newer Verkosto, reading it
    through a read-only connection: nothing about the file changes, not even its journal mode
    (opening it for writing would switch a rollback-journal file to WAL first)."""
    from verkosto_desktop.data.storage.file_state import read_uri

    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return  # no version table (a new file), or unreadable: the writable open decides
    if len(rows) == 1:
        _refuse_unknown(path, str(rows[0][0]))


def ensure_not_newer(store: Store) -> None:
    """Raise ``NewerSchema`` when the file's schema is unknown to this program."""
    with store.engine.connect() as connection:
        _check_known(store, current_revision(connection))


def upgrade(store: Store, before_migration: Callable[[Path], None] | None = None) -> bool:
    """Bring the file's schema to the head revision and seed the built-in catalogues.

    Returns True when the schema changed. ``before_migration`` runs before an existing file is
    changed (a backup), never for a new one.
    """
    from verkosto_desktop.data.storage import seed

    head = _head_from_files()
    if head is not None and _stored_revision(store) == head:
        seed.ensure_builtins(store)
        return False
    with store.engine.connect() as connection:
        revision = current_revision(connection)
    _check_known(store, revision)
    head = head_revision()
    changed = False
    if revision != head:
        if revision is not None and before_migration is not None:
            before_migration(store.path)
        from alembic import command

        config = alembic_config()
        with store.engine.connect().execution_options(verkosto_write=True) as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            # Alembic rebuilds a table on SQLite by copying it and dropping the old one; with
            # foreign keys on, that drop deletes every row referring to it (ON DELETE CASCADE:
            # all contacts of all actors) or fails outright. Keys are checked once, at the end,
            # inside the same transaction instead. The pragma only works outside a transaction.
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(
                            _(
                                "Updating {path} for this version of Verkosto failed a "
                                "consistency check; the file was not changed."
                            ).format(path=store.path)
                        )
            finally:
                raw.execute("PRAGMA foreign_keys = ON")
        changed = True
        compact_after_upgrade(store, repack=_passes_repacking(revision, head))
    seed.ensure_builtins(store)
    return changed


# A migration that drops much of what a file held (0012: the index's copy of every text) leaves
# those pages free inside the file; only VACUUM gives them back to the disk. It cannot run inside
# the upgrade's transaction, so it runs after it, once, when enough of the file is free.
VACUUM_FREE_SHARE = 0.05
# Migrations that shrink rows in place (0025: every time from 27 bytes to 8) free few whole pages
# but leave each page of the tables and indexes they touch emptier (46 MB of 589 at 100,000
# actors): only a VACUUM packs them, so one follows them whatever the free pages say.
REPACKING = frozenset({"0025_compact_times", "0026_compact_ids"})


def _passes_repacking(revision: str | None, head: str) -> bool:
    """Whether an upgrade from ``revision`` to ``head`` runs a migration of ``REPACKING`` (a
    new file, ``None``, has nothing to pack)."""
    if revision is None:
        return False
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    passed = {r.revision for r in script.iterate_revisions(head, revision) if r is not None}
    return bool((passed - {revision}) & REPACKING)


def compact_after_upgrade(store: Store, *, repack: bool = False) -> bool:
    """VACUUM the file when at least ``VACUUM_FREE_SHARE`` of its pages are free (after an
    upgrade), or when ``repack`` (the upgrade shrank rows in place); True when it did. It needs
    free disk space about the file's size; when that is lacking the file stays as it was (and
    works as well), only not smaller."""
    with store.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
        free = raw.execute("PRAGMA freelist_count").fetchone()[0]
    if free < pages * VACUUM_FREE_SHARE and not repack:
        return False
    return pack_file(store)


def pack_file(store: Store) -> bool:
    """VACUUM the file: every table and index rewritten page by page, full, and free pages
    given back to the disk; True when it did. When the disk lacks room for a copy the file
    stays as it was (and works as well), only not smaller."""
    with store.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        try:
            raw.execute("VACUUM")
            # VACUUM wrote the whole file into the WAL: back into the file, and the WAL emptied.
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            return False  # a full disk: SQLite left the file as it was
    return True


def known_revisions() -> set[str]:
    """Every schema revision this program can read (and upgrade from)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}
