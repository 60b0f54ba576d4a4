"""Schema objects SQLAlchemy's metadata does not describe: the full-text index and the triggers
that make the incident log append-only. Created by the migrations; skipped when comparing.

On SQLite the index is an FTS5 table. On PostgreSQL it is a plain table of the same name and
``rowid``/``body`` columns plus ``terms``, a ``tsvector`` with a GIN index holding exactly the
words FTS5 would make of the body (``data.register.search_terms``), so that a search finds the
same actors on both.
"""

from __future__ import annotations

from typing import Any

SEARCH_TABLE = "search_index"
# On SQLite the index is contentless (migration 0012): each document's text, compressed, is kept
# here under the document's id, for taking the document out of the index again.
SEARCH_BODY_TABLE = "search_body"
# The dashboard's coverage counts, kept by triggers (migration 0009; data.dashboard.coverage).
COVERAGE_TABLE = "coverage_cell"
# On PostgreSQL, each actor's capabilities summed up for the register table, kept by triggers
# (migration 0022_capability_summary; data.register.plain_rows).
CAPABILITY_SUMMARY_TABLE = "capability_summary"

# The index as revision 0001 made it (0012 made it contentless: the same words, the same options).
CREATE_SEARCH_INDEX = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)
# From revision 0024 the laptop's phone numbers have a contentless index of their own, of short
# digit words (``data.register.search_phones``), with the same tokenizer, prefix lists of one and
# two digits only, and no column sizes (nothing ranks by them).
PHONE_TABLE = f"{SEARCH_TABLE}_phones"
CREATE_PHONE_INDEX = (
    f"CREATE VIRTUAL TABLE {PHONE_TABLE} USING fts5(phones, content='', columnsize=0, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
)

# The triggers as revision 0001 created them (kept as they were: migrations replay history).
LOG_TRIGGERS = (
    """CREATE TRIGGER incident_log_no_update BEFORE UPDATE ON incident_log_entry
    BEGIN SELECT RAISE(ABORT, 'incident log entries cannot be changed'); END""",
    """CREATE TRIGGER incident_log_no_delete BEFORE DELETE ON incident_log_entry
    BEGIN SELECT RAISE(ABORT, 'incident log entries cannot be deleted'); END""",
)

# PostgreSQL: the index as a table with a GIN-indexed tsvector.
POSTGRES_SEARCH_INDEX = (
    f"CREATE TABLE {SEARCH_TABLE} (rowid BIGINT PRIMARY KEY, body TEXT NOT NULL DEFAULT '', "
    "terms TSVECTOR NOT NULL DEFAULT ''::tsvector)",
    f"CREATE INDEX ix_{SEARCH_TABLE}_terms ON {SEARCH_TABLE} USING GIN (terms)",
)

# PostgreSQL: the same refusals as SQLite's triggers; TRUNCATE, which fires no row trigger, too.
POSTGRES_LOG_TRIGGERS = (
    """CREATE FUNCTION incident_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'incident log entries cannot be changed'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RAISE EXCEPTION 'incident log entries cannot be deleted'
            USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    """CREATE TRIGGER incident_log_no_update BEFORE UPDATE ON incident_log_entry
    FOR EACH ROW EXECUTE FUNCTION incident_log_append_only()""",
    """CREATE TRIGGER incident_log_no_delete BEFORE DELETE ON incident_log_entry
    FOR EACH ROW EXECUTE FUNCTION incident_log_append_only()""",
    """CREATE TRIGGER incident_log_no_truncate BEFORE TRUNCATE ON incident_log_entry
    FOR EACH STATEMENT EXECUTE FUNCTION incident_log_append_only()""",
)

# PostgreSQL from revision 0003: the same one exception as ``LOG_UPDATE_TRIGGER_ALLOWING_ERASURE``
# (an erasure's placeholder, with ``erased_at`` moving forward), in the triggers' function.
POSTGRES_LOG_FUNCTION_ALLOWING_ERASURE = """CREATE OR REPLACE FUNCTION incident_log_append_only()
    RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            IF NEW.erased_at IS NOT NULL
                AND (OLD.erased_at IS NULL OR NEW.erased_at > OLD.erased_at)
                AND NEW.id IS NOT DISTINCT FROM OLD.id
                AND NEW.incident_id IS NOT DISTINCT FROM OLD.incident_id
                AND NEW.kind IS NOT DISTINCT FROM OLD.kind
                AND NEW.happened_at IS NOT DISTINCT FROM OLD.happened_at
                AND NEW.recorded_at IS NOT DISTINCT FROM OLD.recorded_at
                AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
                AND NEW.corrects_id IS NOT DISTINCT FROM OLD.corrects_id
                AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at
                AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
                AND NEW.revision IS NOT DISTINCT FROM OLD.revision
                AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at
            THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'incident log entries cannot be changed'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RAISE EXCEPTION 'incident log entries cannot be deleted'
            USING ERRCODE = 'integrity_constraint_violation';
    END $$"""

POSTGRES_DROP_EXTRAS = (
    f"DROP TABLE IF EXISTS {SEARCH_TABLE}",
    "DROP TRIGGER IF EXISTS incident_log_no_truncate ON incident_log_entry",
    "DROP TRIGGER IF EXISTS incident_log_no_delete ON incident_log_entry",
    "DROP TRIGGER IF EXISTS incident_log_no_update ON incident_log_entry",
    "DROP FUNCTION IF EXISTS incident_log_append_only()",
)

# From revision 0003: an entry may change in exactly one way, an erasure (a data-protection
# request) putting a placeholder where it named the person erased. Only the texts that can name
# someone may change, and ``erased_at`` must move forward, so the entry itself records that an
# erasure happened (not who was erased). Every other change is still refused.
LOG_UPDATE_TRIGGER_ALLOWING_ERASURE = """CREATE TRIGGER incident_log_no_update
    BEFORE UPDATE ON incident_log_entry
    WHEN NOT (
        NEW.erased_at IS NOT NULL
        AND (OLD.erased_at IS NULL OR NEW.erased_at > OLD.erased_at)
        AND NEW.id IS OLD.id
        AND NEW.incident_id IS OLD.incident_id
        AND NEW.kind IS OLD.kind
        AND NEW.happened_at IS OLD.happened_at
        AND NEW.recorded_at IS OLD.recorded_at
        AND NEW.actor_id IS OLD.actor_id
        AND NEW.corrects_id IS OLD.corrects_id
        AND NEW.created_at IS OLD.created_at
        AND NEW.updated_at IS OLD.updated_at
        AND NEW.revision IS OLD.revision
        AND NEW.deleted_at IS OLD.deleted_at
    )
    BEGIN SELECT RAISE(ABORT, 'incident log entries cannot be changed'); END"""


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave the FTS5 table and its shadow tables, its texts, and the coverage and capability
    summaries kept by triggers out of schema comparisons."""
    if type_ != "table" or name is None:
        return True
    kept = (SEARCH_BODY_TABLE, COVERAGE_TABLE, CAPABILITY_SUMMARY_TABLE)
    return not (name.startswith(SEARCH_TABLE) or name in kept)
