"""Schema migrations with Alembic, run programmatically when a file is opened.

The whole upgrade runs in one transaction on one connection: a migration killed half-way leaves
the previous schema intact (SQLite's DDL is transactional).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from verkosto_desktop.data.errors import NewerSchema, StoreError
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.store import Store

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision a file's schema is at, or ``None`` for a new file."""
    return MigrationContext.configure(connection).get_current_revision()


def _check_known(store: Store, revision: str | None) -> None:
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise NewerSchema(
            _(
                "{path} was saved by a newer version of Verkosto. "
                "Update the program to open it; the file was not changed."
            ).format(path=store.path)
        )


def ensure_not_newer(store: Store) -> None:
    """Raise ``NewerSchema`` when the file's schema is unknown to this program."""
    with store.engine.connect() as connection:
        _check_known(store, current_revision(connection))


def upgrade(store: Store, before_migration: Callable[[Path], None] | None = None) -> bool:
    """Bring the file's schema to the head revision and seed the built-in catalogues.

    Returns True when the schema changed. ``before_migration`` runs before an existing file is
    changed (a backup), never for a new one.
    """
    from verkosto_desktop.data import seed

    with store.engine.connect() as connection:
        revision = current_revision(connection)
    _check_known(store, revision)
    head = head_revision()
    changed = False
    if revision != head:
        if revision is not None and before_migration is not None:
            before_migration(store.path)
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
    seed.ensure_builtins(store)
    return changed


def known_revisions() -> set[str]:
    """Every schema revision this program can read (and upgrade from)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}
