"""capability link rows keyed by a compact integer instead of the capability's id

Revision ID: 0015
Revises: 0016

A national register has a million situation-type links and 800,000 phase links, each carrying
the capability's 36-character id, and the index by situation type carries it again: 158 MB of
the 670 MB file. Each capability gets a ``link_key`` (the first 8 bytes of the MD5 of its id,
as a signed 64-bit integer: derived from the id alone, so every laptop and the regional register
give a capability the same key), unique, and the link tables carry that key instead of the id.
Every link row is kept; the coverage triggers join through the new key. The capabilities are
copied in the order of their keys: who can help reads them through their link rows, in key
order, and so reads the table front to back.

SQLite cannot add a NOT NULL column without a default nor change a table's key: the capability
table and both link tables are copied into new ones (the coverage triggers are set aside while
migrations run: ``data.storage.coverage_cells.TriggersSetAside``).

On PostgreSQL (the regional register) the same columns, keys and indexes are made in place; the
key is computed there by the database itself.
"""

import hashlib
import sqlite3
from collections.abc import Iterator
from typing import cast

from alembic import op

revision = "0015"
down_revision = "0016"
branch_labels = None
depends_on = None

_KEYS = "capability_link_keys"
_LINKS = {"capability_phase": "phase", "capability_situation": "situation_key"}
_FOREIGN = {
    "capability_phase": "",
    "capability_situation": ", CONSTRAINT fk_capability_situation_situation_key_situation_type "
    'FOREIGN KEY(situation_key) REFERENCES situation_type ("key")',
}
_TYPES = {"phase": "VARCHAR(20)", "situation_key": "VARCHAR(60)"}


# Copied from the program (data.models.types.link_key): a migration must not change when the
# program's code does.
def _link_key(record_id: str) -> int:
    digest = hashlib.md5(record_id.encode("utf-8"), usedforsecurity=False).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


_PG_KEY = "('x' || substr(md5(id), 1, 16))::bit(64)::bigint"


def _sqlite() -> bool:
    return bool(op.get_bind().dialect.name == "sqlite")


def _cursor() -> sqlite3.Cursor:
    driver = op.get_bind().connection.driver_connection
    return cast(sqlite3.Connection, driver).cursor()


def _ids() -> Iterator[list[tuple[str]]]:
    cursor = _cursor()
    try:
        cursor.execute("SELECT id FROM capability")
        while batch := cursor.fetchmany(5000):
            yield batch
    finally:
        cursor.close()


def _make_keys() -> None:
    """A temporary table of every capability's id and key (SQLite has no MD5)."""
    op.execute(f"CREATE TEMP TABLE {_KEYS} (id TEXT PRIMARY KEY, k INTEGER NOT NULL) WITHOUT ROWID")
    writer = _cursor()
    try:
        for batch in _ids():
            writer.executemany(
                f"INSERT INTO {_KEYS} (id, k) VALUES (?, ?)",
                [(record_id, _link_key(record_id)) for (record_id,) in batch],
            )
    finally:
        writer.close()


def _columns(table: str) -> list[str]:
    cursor = _cursor()
    try:
        return [row[1] for row in cursor.execute(f'PRAGMA table_info("{table}")')]
    finally:
        cursor.close()


def _schema(sql: str) -> list[str]:
    cursor = _cursor()
    try:
        return [row[0] for row in cursor.execute(sql)]
    finally:
        cursor.close()


def _rebuild_capability(with_key: bool) -> None:
    """The capability table copied into a new one with (or without) ``link_key``, its other
    columns, constraints and indexes as they were."""
    (sql,) = _schema("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'capability'")
    indexes = _schema(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'capability' "
        "AND sql IS NOT NULL AND name != 'ix_capability_link_key'"
    )
    columns = [c for c in _columns("capability") if c != "link_key"]
    listed = ", ".join(columns)
    tail = sql.split("(", 1)[1]
    if with_key:
        marker = "CONSTRAINT pk_capability "
        assert marker in tail, "capability table without its named primary key"
        tail = tail.replace(marker, f"link_key BIGINT NOT NULL, \n\t{marker}", 1)
        copy = (
            f"INSERT INTO capability_new ({listed}, link_key) "
            f"SELECT {', '.join('c.' + c for c in columns)}, k.k "
            f"FROM capability c JOIN {_KEYS} k ON k.id = c.id ORDER BY k.k"
        )
    else:
        tail = tail.replace("link_key BIGINT NOT NULL, \n\t", "", 1)
        copy = f"INSERT INTO capability_new ({listed}) SELECT {listed} FROM capability"
    op.execute(f"CREATE TABLE capability_new ({tail}")
    op.execute(copy)
    op.execute("DROP TABLE capability")
    op.execute("ALTER TABLE capability_new RENAME TO capability")
    for index in indexes:
        op.execute(index)
    if with_key:
        op.execute("CREATE UNIQUE INDEX ix_capability_link_key ON capability (link_key)")


def _rebuild_links(with_key: bool) -> None:
    """Each link table copied into a new one keyed by the capability's key (or id), every link
    row kept (a row whose capability is gone has no key: the foreign key never allowed one)."""
    for table, element in _LINKS.items():
        if with_key:
            owner = f"capability_key BIGINT NOT NULL, {element} {_TYPES[element]} NOT NULL"
            refers = "REFERENCES capability (link_key)"
            column, select = "capability_key", f"k.k, t.{element}"
            join = f"JOIN {_KEYS} k ON k.id = t.capability_id"
        else:
            owner = f"capability_id VARCHAR(36) NOT NULL, {element} {_TYPES[element]} NOT NULL"
            refers = "REFERENCES capability (id)"
            column, select = "capability_id", f"k.id, t.{element}"
            join = f"JOIN {_KEYS} k ON k.k = t.capability_key"
        op.execute(
            f"CREATE TABLE {table}_new ({owner}, "
            f"CONSTRAINT pk_{table} PRIMARY KEY ({column}, {element}), "
            f"CONSTRAINT fk_{table}_{column}_capability FOREIGN KEY({column}) {refers} "
            f"ON DELETE CASCADE{_FOREIGN[table]}) WITHOUT ROWID"
        )
        op.execute(f"INSERT INTO {table}_new SELECT {select} FROM {table} t {join} ORDER BY 1, 2")
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    column = "capability_key" if with_key else "capability_id"
    op.execute(
        f"CREATE INDEX ix_capability_situation_key ON capability_situation (situation_key, {column})"
    )


# The coverage triggers of migration 0009, joining the link tables through the given column of
# the capability (copied: a migration must not change when the program's code does).
def _triggers(owner: str, column: str) -> list[str]:
    cells = "coverage_cell"
    links = (
        "FROM capability c JOIN actor a ON a.id = c.actor_id AND a.deleted_at IS NULL "
        f"JOIN capability_phase p ON p.{column} = c.{owner} "
        f"JOIN capability_situation s ON s.{column} = c.{owner} "
        "WHERE c.deleted_at IS NULL"
    )

    def counted(where: str) -> str:
        return (
            "SELECT k, s, p, count(*) AS actors, sum(n) AS capabilities FROM ("
            "SELECT c.actor_id AS a, c.category_key AS k, s.situation_key AS s, p.phase AS p, "
            f"count(*) AS n {links}{where} GROUP BY 1, 2, 3, 4 UNION ALL "
            f"SELECT c.actor_id, '', s.situation_key, p.phase, count(*) {links}{where} "
            "GROUP BY 1, 3, 4) GROUP BY k, s, p"
        )

    def subtract(actors: str, without: str = "") -> str:
        return (
            f"UPDATE {cells} SET actors = {cells}.actors - x.actors, "
            f"capabilities = {cells}.capabilities - x.capabilities "
            f"FROM ({counted(f' AND c.actor_id IN ({actors}){without}')}) AS x "
            f"WHERE {cells}.category_key = x.k AND {cells}.situation_key = x.s "
            f"AND {cells}.phase = x.p;"
        )

    def add(actors: str) -> str:
        return (
            f"INSERT INTO {cells} (category_key, situation_key, phase, actors, capabilities) "
            f"SELECT k, s, p, actors, capabilities "
            f"FROM ({counted(f' AND c.actor_id IN ({actors})')}) WHERE 1 "
            "ON CONFLICT (category_key, situation_key, phase) DO UPDATE SET "
            f"actors = {cells}.actors + excluded.actors, "
            f"capabilities = {cells}.capabilities + excluded.capabilities;"
        )

    def of(row: str) -> str:
        return f"SELECT actor_id FROM capability WHERE {owner} = {row}.{column}"

    changes = [
        ("actor_update", "UPDATE OF id, deleted_at", "actor", "OLD.id, NEW.id"),
        ("actor_delete", "DELETE", "actor", "OLD.id"),
        (
            "capability_update",
            f"UPDATE OF {owner}, actor_id, category_key, deleted_at",
            "capability",
            "OLD.actor_id, NEW.actor_id",
        ),
        ("capability_delete", "DELETE", "capability", "OLD.actor_id"),
    ]
    for link in _LINKS:
        changes.append(
            (
                f"{link}_update",
                "UPDATE",
                link,
                f"SELECT actor_id FROM capability WHERE {owner} IN (OLD.{column}, NEW.{column})",
            )
        )
        changes.append((f"{link}_delete", "DELETE", link, of("OLD")))
    inserts = [
        ("actor", "NEW.id", " AND a.id != NEW.id"),
        ("capability", "NEW.actor_id", f" AND c.{owner} != NEW.{owner}"),
        *(
            (
                link,
                of("NEW"),
                f" AND NOT ({alias}.{column} = NEW.{column} AND {alias}.{element} = NEW.{element})",
            )
            for (link, element), alias in zip(_LINKS.items(), "ps", strict=True)
        ),
    ]
    made = []
    for name, happening, table, actors in changes:
        made.append(
            f"CREATE TRIGGER coverage_before_{name} BEFORE {happening} ON {table} "
            f"BEGIN {subtract(actors)} END"
        )
        made.append(
            f"CREATE TRIGGER coverage_after_{name} AFTER {happening} ON {table} "
            f"BEGIN {add(actors)} END"
        )
    for table, actor, row in inserts:
        made.append(
            f"CREATE TRIGGER coverage_after_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {subtract(actor, row)} {add(actor)} END"
        )
    return made


def _make_triggers(owner: str, column: str) -> None:
    # Files from before 0009 keep no counts (and their migration to 0009 makes them later).
    if _schema("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'coverage_cell'"):
        for trigger in _triggers(owner, column):
            op.execute(trigger)


def _upgrade_postgresql() -> None:
    op.execute("ALTER TABLE capability ADD COLUMN link_key BIGINT")
    op.execute(f"UPDATE capability SET link_key = {_PG_KEY}")
    op.execute("ALTER TABLE capability ALTER COLUMN link_key SET NOT NULL")
    op.execute("CREATE UNIQUE INDEX ix_capability_link_key ON capability (link_key)")
    for table, element in _LINKS.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN capability_key BIGINT")
        op.execute(
            f"UPDATE {table} t SET capability_key = c.link_key FROM capability c "
            "WHERE c.id = t.capability_id"
        )
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}")
        # Takes its foreign key and the index by situation type with it.
        op.execute(f"ALTER TABLE {table} DROP COLUMN capability_id")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN capability_key SET NOT NULL")
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY (capability_key, {element})"
        )
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_capability_key_capability "
            "FOREIGN KEY(capability_key) REFERENCES capability (link_key) ON DELETE CASCADE"
        )
    op.execute(
        "CREATE INDEX ix_capability_situation_key ON capability_situation "
        "(situation_key, capability_key)"
    )


def _downgrade_postgresql() -> None:
    for table, element in _LINKS.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN capability_id VARCHAR(36)")
        op.execute(
            f"UPDATE {table} t SET capability_id = c.id FROM capability c "
            "WHERE c.link_key = t.capability_key"
        )
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN capability_key")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN capability_id SET NOT NULL")
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY (capability_id, {element})"
        )
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_capability_id_capability "
            "FOREIGN KEY(capability_id) REFERENCES capability (id) ON DELETE CASCADE"
        )
    op.execute(
        "CREATE INDEX ix_capability_situation_key ON capability_situation "
        "(situation_key, capability_id)"
    )
    op.execute("DROP INDEX ix_capability_link_key")
    op.execute("ALTER TABLE capability DROP COLUMN link_key")


def upgrade() -> None:
    if not _sqlite():
        _upgrade_postgresql()
        return
    _make_keys()
    _rebuild_capability(with_key=True)
    _rebuild_links(with_key=True)
    op.execute(f"DROP TABLE {_KEYS}")
    _make_triggers("link_key", "capability_key")


def downgrade() -> None:
    if not _sqlite():
        _downgrade_postgresql()
        return
    op.execute(f"CREATE TEMP TABLE {_KEYS} AS SELECT id, link_key AS k FROM capability")
    op.execute(f"CREATE INDEX {_KEYS}_k ON {_KEYS} (k)")
    _rebuild_links(with_key=False)
    _rebuild_capability(with_key=False)
    op.execute(f"DROP TABLE {_KEYS}")
    _make_triggers("id", "capability_id")
