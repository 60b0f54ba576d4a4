"""on PostgreSQL, each actor's capabilities summed up for the register table, kept by triggers

Revision ID: 0022_capability_summary
Revises: 0022

The register table shows, per actor, the categories of its live capabilities and the phases and
situation types they cover. Read from the link tables, a network of 2,000 actors costs two index
look-ups per capability (8,000 capabilities, each on its own page of a random link key): half of
the server's time to list a network. On the regional register ``capability_summary`` holds those
three lists per actor (categories in code-point order, each list without repeats), rewritten by
statement triggers on the capability and link tables for exactly the actors a statement touched,
so it stays identical to the live links whatever writes: a sync, an erasure, a cascade of
deletes. An actor without live capabilities has no row. Not a model: it never travels in sync
(each server makes its own), and laptops (SQLite) read their links as before. Only the triggers
write it: their functions run as the register's owner (``SECURITY DEFINER``), and ``server init``
takes the writers' own right to change the table away, so that no network's writer can alter
another network's summary.
"""

from alembic import op

revision = "0022_capability_summary"
down_revision = "0022"
branch_labels = None
depends_on = None

# Copied from the program (data.storage.schema_extras): a migration must not change when the
# program's code does.
SUMMARY = "capability_summary"
_REFRESH = "capability_summary_refresh"

_TABLE = f"""CREATE TABLE {SUMMARY} (
    actor_id VARCHAR(36) PRIMARY KEY,
    categories TEXT[] NOT NULL,
    phases TEXT[] NOT NULL,
    situations TEXT[] NOT NULL
)"""

# The one definition of a summary: what the register table read from the links before. PL/pgSQL,
# not SQL: its plans are kept for the session, and it runs once per statement of a bulk load.
_FUNCTION = f"""CREATE FUNCTION {_REFRESH}(actors TEXT[]) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
BEGIN
    DELETE FROM {SUMMARY} WHERE actor_id = ANY(actors);
    INSERT INTO {SUMMARY} (actor_id, categories, phases, situations)
    SELECT c.actor_id,
        array_agg(DISTINCT c.category_key::text COLLATE "C"
                  ORDER BY c.category_key::text COLLATE "C"),
        ARRAY(SELECT DISTINCT p.phase::text FROM capability o
              JOIN capability_phase p ON p.capability_key = o.link_key
              WHERE o.actor_id = c.actor_id AND o.deleted_at IS NULL),
        ARRAY(SELECT DISTINCT s.situation_key::text FROM capability o
              JOIN capability_situation s ON s.capability_key = o.link_key
              WHERE o.actor_id = c.actor_id AND o.deleted_at IS NULL)
    FROM capability c
    WHERE c.actor_id = ANY(actors) AND c.deleted_at IS NULL
    GROUP BY c.actor_id;
END $$"""

# The actors a statement touched, from its transition tables: a capability names its actor, a
# link row its capability's key. A deletion or a change sums its actors up again.
_ACTORS = {
    "capability": "SELECT actor_id::text FROM {rows}",
    "link": "SELECT c.actor_id::text FROM {rows} r JOIN capability c ON c.link_key = r.capability_key",
}
_ROWS = {"old": ("old_rows",), "both": ("old_rows", "new_rows")}
_EVENTS = {"DELETE": "old", "UPDATE": "both"}
_TABLES = {"capability": "capability", "capability_phase": "link", "capability_situation": "link"}

# An insertion only adds (a bulk load or a sync inserts row by row, each its own statement): the
# new keys are merged into the actors' lists, each list still without repeats, the categories in
# code-point order. A live capability's actor has its row from the capability's own insertion on.
_MERGED = "ARRAY(SELECT DISTINCT v{collate} FROM unnest({old} || {new}) AS v{order})"
_CATEGORIES = _MERGED.format(collate=' COLLATE "C"', old="{old}", new="{new}", order=" ORDER BY 1")
_INSERTED = {
    "capability": f"""INSERT INTO {SUMMARY} AS s (actor_id, categories, phases, situations)
        SELECT actor_id, array_agg(DISTINCT category_key::text COLLATE "C"
                                   ORDER BY category_key::text COLLATE "C"), '{{}}', '{{}}'
        FROM new_rows
        WHERE deleted_at IS NULL GROUP BY actor_id
        ON CONFLICT (actor_id) DO UPDATE SET categories =
        {_CATEGORIES.format(old="s.categories", new="EXCLUDED.categories")}""",
    **{
        table: f"""UPDATE {SUMMARY} AS s SET {column}s = {
            _MERGED.format(collate="", old=f"s.{column}s", new="x.added", order="")
        }
        FROM (SELECT c.actor_id, array_agg(n.{key}::text) AS added FROM new_rows n
              JOIN capability c ON c.link_key = n.capability_key AND c.deleted_at IS NULL
              GROUP BY c.actor_id) AS x
        WHERE s.actor_id = x.actor_id"""
        for table, column, key in (
            ("capability_phase", "phase", "phase"),
            ("capability_situation", "situation", "situation_key"),
        )
    },
}


def _trigger_function(name: str, body: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public AS $$\n"
        f"BEGIN\n    {body};\n    RETURN NULL;\nEND $$"
    )


def _summed_again(kind: str, rows: str) -> str:
    touched = " UNION ".join(_ACTORS[kind].format(rows=name) for name in _ROWS[rows])
    return f"PERFORM {_REFRESH}(ARRAY({touched}))"


def _referencing(rows: str) -> str:
    return " ".join(f"{name.split('_')[0].upper()} TABLE AS {name}" for name in _ROWS[rows])


def _trigger(table: str, event: str, referencing: str, function: str) -> str:
    return (
        f"CREATE TRIGGER {SUMMARY}_{event.lower()} AFTER {event} ON {table} "
        f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_TABLE)
    op.execute(_FUNCTION)
    for kind in _ACTORS:
        for rows in _ROWS:
            op.execute(_trigger_function(f"{SUMMARY}_{kind}_{rows}", _summed_again(kind, rows)))
    for table, kind in _TABLES.items():
        op.execute(_trigger_function(f"{SUMMARY}_{table}_new", _INSERTED[table]))
        op.execute(_trigger(table, "INSERT", "NEW TABLE AS new_rows", f"{SUMMARY}_{table}_new"))
        for event, rows in _EVENTS.items():
            op.execute(_trigger(table, event, _referencing(rows), f"{SUMMARY}_{kind}_{rows}"))
    op.execute(
        f"SELECT {_REFRESH}(ARRAY(SELECT DISTINCT actor_id::text FROM capability "
        "WHERE deleted_at IS NULL))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _TABLES:
        for event in ("INSERT", *_EVENTS):
            op.execute(f"DROP TRIGGER {SUMMARY}_{event.lower()} ON {table}")
        op.execute(f"DROP FUNCTION {SUMMARY}_{table}_new()")
    for kind in _ACTORS:
        for rows in _ROWS:
            op.execute(f"DROP FUNCTION {SUMMARY}_{kind}_{rows}()")
    op.execute(f"DROP FUNCTION {_REFRESH}(TEXT[])")
    op.execute(f"DROP TABLE {SUMMARY}")
