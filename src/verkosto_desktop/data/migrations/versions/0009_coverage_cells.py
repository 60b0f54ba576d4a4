"""coverage kept in the file, and compact capability link tables

Revision ID: 0009
Revises: 0007

The dashboard's coverage counts (actors and capabilities per category, situation type and phase)
are kept in ``coverage_cell`` by triggers, so that opening the dashboard reads a few hundred rows
instead of joining every capability with its phases and situation types (two million rows in a
national register). Each trigger takes away the contribution of the actors concerned before a
change and adds it back after it, so the table stays exact whatever writes the file: the window,
an import, a merge, an erasure, or a cascade of deletes. The category ``''`` holds the counts of
any category (the situation × phase view counts each actor once however many categories).

The link tables of capabilities become ``WITHOUT ROWID`` (their key is their only index) and the
phase's second index on the same two columns goes (three phases: no query is helped by it).

On PostgreSQL (the regional register) only that index goes: a table has no rowid there to leave
out, and the server counts the coverage from the register when asked (its planner joins the
links in parallel), so it keeps no counts and no triggers.
"""

from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

# Copied from the program (data.dashboard.coverage): a migration must not change when the
# program's code does.
CELLS = "coverage_cell"
_LINKS = (
    "FROM capability c JOIN actor a ON a.id = c.actor_id AND a.deleted_at IS NULL "
    "JOIN capability_phase p ON p.capability_id = c.id "
    "JOIN capability_situation s ON s.capability_id = c.id "
    "WHERE c.deleted_at IS NULL"
)


def _cells(where: str) -> str:
    """(category, situation, phase, actors, capabilities) of the live capabilities of live
    actors that ``where`` admits, counted per category and for any category ('')."""
    return (
        "SELECT k, s, p, count(*) AS actors, sum(n) AS capabilities FROM ("
        "SELECT c.actor_id AS a, c.category_key AS k, s.situation_key AS s, p.phase AS p, "
        f"count(*) AS n {_LINKS}{where} GROUP BY 1, 2, 3, 4 UNION ALL "
        f"SELECT c.actor_id, '', s.situation_key, p.phase, count(*) {_LINKS}{where} "
        "GROUP BY 1, 3, 4) GROUP BY k, s, p"
    )


def _subtract(actors: str, without: str = "") -> str:
    return (
        f"UPDATE {CELLS} SET actors = {CELLS}.actors - x.actors, "
        f"capabilities = {CELLS}.capabilities - x.capabilities "
        f"FROM ({_cells(f' AND c.actor_id IN ({actors}){without}')}) AS x "
        f"WHERE {CELLS}.category_key = x.k AND {CELLS}.situation_key = x.s "
        f"AND {CELLS}.phase = x.p;"
    )


def _add(actors: str) -> str:
    return (
        f"INSERT INTO {CELLS} (category_key, situation_key, phase, actors, capabilities) "
        f"SELECT k, s, p, actors, capabilities "
        f"FROM ({_cells(f' AND c.actor_id IN ({actors})')}) WHERE 1 "
        "ON CONFLICT (category_key, situation_key, phase) DO UPDATE SET "
        f"actors = {CELLS}.actors + excluded.actors, "
        f"capabilities = {CELLS}.capabilities + excluded.capabilities;"
    )


def _owner(row: str) -> str:
    return f"SELECT actor_id FROM capability WHERE id = {row}.capability_id"


# Changes and deletions: (name, event, table, the actors concerned). Before the change their
# contribution is taken away, after it added back.
_CHANGES = (
    ("actor_update", "UPDATE OF id, deleted_at", "actor", "OLD.id, NEW.id"),
    ("actor_delete", "DELETE", "actor", "OLD.id"),
    (
        "capability_update",
        "UPDATE OF id, actor_id, category_key, deleted_at",
        "capability",
        "OLD.actor_id, NEW.actor_id",
    ),
    ("capability_delete", "DELETE", "capability", "OLD.actor_id"),
    *(
        spec
        for link in ("capability_phase", "capability_situation")
        for spec in (
            (
                f"{link}_update",
                "UPDATE",
                link,
                "SELECT actor_id FROM capability WHERE id IN (OLD.capability_id, NEW.capability_id)",
            ),
            (f"{link}_delete", "DELETE", link, _owner("OLD")),
        )
    ),
)
# Insertions: (table, the actor concerned, the new row's part of the join). An insert that is
# ignored (INSERT OR IGNORE) fires BEFORE triggers but no AFTER trigger, so insertions are
# counted after the fact alone: the actor's contribution without the new row taken away, with
# it added.
_INSERTS = (
    ("actor", "NEW.id", " AND a.id != NEW.id"),
    ("capability", "NEW.actor_id", " AND c.id != NEW.id"),
    (
        "capability_phase",
        _owner("NEW"),
        " AND NOT (p.capability_id = NEW.capability_id AND p.phase = NEW.phase)",
    ),
    (
        "capability_situation",
        _owner("NEW"),
        " AND NOT (s.capability_id = NEW.capability_id AND s.situation_key = NEW.situation_key)",
    ),
)
TRIGGERS = (
    *(f"coverage_before_{name}" for name, *_rest in _CHANGES),
    *(f"coverage_after_{name}" for name, *_rest in _CHANGES),
    *(f"coverage_after_{table}_insert" for table, *_rest in _INSERTS),
)

LINK_TABLES = {
    "capability_phase": (
        "capability_id VARCHAR(36) NOT NULL, phase VARCHAR(20) NOT NULL, "
        "CONSTRAINT pk_capability_phase PRIMARY KEY (capability_id, phase), "
        "CONSTRAINT fk_capability_phase_capability_id_capability FOREIGN KEY(capability_id) "
        "REFERENCES capability (id) ON DELETE CASCADE"
    ),
    "capability_situation": (
        "capability_id VARCHAR(36) NOT NULL, situation_key VARCHAR(60) NOT NULL, "
        "CONSTRAINT pk_capability_situation PRIMARY KEY (capability_id, situation_key), "
        "CONSTRAINT fk_capability_situation_capability_id_capability FOREIGN KEY(capability_id) "
        "REFERENCES capability (id) ON DELETE CASCADE, "
        "CONSTRAINT fk_capability_situation_situation_key_situation_type "
        'FOREIGN KEY(situation_key) REFERENCES situation_type ("key")'
    ),
}
PHASE_INDEX = "CREATE INDEX ix_capability_phase_phase ON capability_phase (phase, capability_id)"
SITUATION_INDEX = "CREATE INDEX ix_capability_situation_key ON capability_situation (situation_key, capability_id)"


def _rebuild_links(rowid: bool) -> None:
    """Each link table copied into a new one with or without a rowid (SQLite cannot alter
    that), every row kept."""
    suffix = "" if rowid else " WITHOUT ROWID"
    for table, columns in LINK_TABLES.items():
        op.execute(f"CREATE TABLE {table}_new ({columns}){suffix}")
        op.execute(f"INSERT INTO {table}_new SELECT * FROM {table} ORDER BY 1, 2")
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    op.execute(SITUATION_INDEX)
    if rowid:
        op.execute(PHASE_INDEX)


def _sqlite() -> bool:
    return bool(op.get_bind().dialect.name == "sqlite")


def upgrade() -> None:
    if not _sqlite():
        op.execute("DROP INDEX ix_capability_phase_phase")
        return
    _rebuild_links(rowid=False)
    op.execute(
        f"CREATE TABLE {CELLS} (category_key VARCHAR(60) NOT NULL, "
        "situation_key VARCHAR(60) NOT NULL, phase VARCHAR(20) NOT NULL, "
        "actors INTEGER NOT NULL, capabilities INTEGER NOT NULL, "
        "PRIMARY KEY (category_key, situation_key, phase)) WITHOUT ROWID"
    )
    # The counts are made by the migration environment once every migration has run (env.py:
    # data.storage.coverage_cells.TriggersSetAside).
    for name, event, table, actors in _CHANGES:
        op.execute(
            f"CREATE TRIGGER coverage_before_{name} BEFORE {event} ON {table} "
            f"BEGIN {_subtract(actors)} END"
        )
        op.execute(
            f"CREATE TRIGGER coverage_after_{name} AFTER {event} ON {table} "
            f"BEGIN {_add(actors)} END"
        )
    for table, actor, row in _INSERTS:
        op.execute(
            f"CREATE TRIGGER coverage_after_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {_subtract(actor, row)} {_add(actor)} END"
        )


def downgrade() -> None:
    if not _sqlite():
        op.execute(PHASE_INDEX)
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP TABLE IF EXISTS {CELLS}")
    _rebuild_links(rowid=True)
