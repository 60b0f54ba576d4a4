"""Creating and upgrading the regional register's schema (``verkosto server init``).

The same Alembic migrations as a laptop's file, run on PostgreSQL in one transaction (its DDL is
transactional: a failed upgrade leaves the register as it was). A database that holds anything
else is refused untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from verkosto_desktop.data.errors import NewerSchema, NotVerkostoFile
from verkosto_desktop.data.models import Base
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.store import WRITE_LOCK
from verkosto_desktop.data.storage.schema_extras import CAPABILITY_SUMMARY_TABLE, SEARCH_TABLE
from verkosto_desktop.i18n import _

# Tables of a register besides the models' own.
_OWN_EXTRAS = frozenset({"alembic_version", SEARCH_TABLE, CAPABILITY_SUMMARY_TABLE})


@dataclass(frozen=True)
class SchemaState:
    """What a database holds: nothing, a register (at ``revision``), or foreign tables."""

    revision: str | None
    foreign: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return self.revision is None and not self.foreign


def schema_state(connection: Connection) -> SchemaState:
    """Look at the current schema's tables without changing anything."""
    names = {
        str(name)
        for (name,) in connection.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f')"
            )
        )
    }
    ours = set(Base.metadata.tables) | _OWN_EXTRAS
    foreign = tuple(sorted(names - ours))
    revision = None
    if "alembic_version" in names:
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        revision = str(rows[0][0]) if len(rows) == 1 else None
    if revision is None and names and not foreign:
        # Some of our table names but no version: not something we made.
        foreign = tuple(sorted(names))
    return SchemaState(revision, foreign)


def upgrade_schema(address: ServerAddress, engine: Engine) -> tuple[str | None, str]:
    """Create the register's schema, or bring it to this version; returns the revisions
    before and after. Refuses a database holding something else, or a newer register."""
    from alembic import command

    from verkosto_desktop.data.storage.migrate import alembic_config, head_revision, known_revisions

    with engine.connect() as connection:
        state = schema_state(connection)
        connection.rollback()
        if state.foreign:
            shown = ", ".join(state.foreign[:5]) + (" …" if len(state.foreign) > 5 else "")
            raise NotVerkostoFile(
                _(
                    "The database {address} holds something else ({tables}): it is not a "
                    "Verkosto register and was not changed."
                ).format(address=address.shown(), tables=shown)
            )
        if state.revision is not None and state.revision not in known_revisions():
            raise NewerSchema(
                _(
                    "The register at {address} is of a newer version of Verkosto; it was not "
                    "changed."
                ).format(address=address.shown())
            )
        head = head_revision()
        if state.revision == head:
            return state.revision, head
        with connection.begin():
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return state.revision, head


def check_register(address: ServerAddress, engine: Engine) -> str | None:
    """``verkosto check`` on the server, changing nothing: None when the register is sound and
    of this version, else the first problem found (as a sentence). An older register raises
    ``OldServerSchema`` (sound, but ``server init`` must update it)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from verkosto_desktop.data.server.access import missing_access
    from verkosto_desktop.data.server.store import ensure_current
    from verkosto_desktop.data.storage.schema_extras import include_object

    ensure_current(address, engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        differences = compare_metadata(context, Base.metadata)
        if differences:
            return _("the schema differs from this version's: {difference}").format(
                difference=differences[0]
            )
        triggers = set(
            connection.execute(
                text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'incident_log_entry'::regclass")
            ).scalars()
        )
        if not {"incident_log_no_update", "incident_log_no_delete"} <= triggers:
            return _("the incident log is no longer protected against changes")
        missing = missing_access(connection)
        if missing is not None:
            return missing
        documents, indexed = connection.execute(
            text(f"SELECT (SELECT count(*) FROM search_doc), (SELECT count(*) FROM {SEARCH_TABLE})")
        ).one()
        if documents != indexed:
            return _(
                "the search index does not match the register ({documents} / {indexed})"
            ).format(documents=documents, indexed=indexed)
    return None
