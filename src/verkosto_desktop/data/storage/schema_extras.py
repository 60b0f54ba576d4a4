"""Schema objects SQLAlchemy's metadata does not describe: the full-text index and the triggers
that make the incident log append-only. Created by the migrations; skipped when comparing."""

from __future__ import annotations

from typing import Any

SEARCH_TABLE = "search_index"
# The dashboard's coverage counts, kept by triggers (migration 0009; data.dashboard.coverage).
COVERAGE_TABLE = "coverage_cell"

CREATE_SEARCH_INDEX = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)

# The triggers as revision 0001 created them (kept as they were: migrations replay history).
LOG_TRIGGERS = (
    """CREATE TRIGGER incident_log_no_update BEFORE UPDATE ON incident_log_entry
    BEGIN SELECT RAISE(ABORT, 'incident log entries cannot be changed'); END""",
    """CREATE TRIGGER incident_log_no_delete BEFORE DELETE ON incident_log_entry
    BEGIN SELECT RAISE(ABORT, 'incident log entries cannot be deleted'); END""",
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
    """Leave the FTS5 table and its shadow tables, and the coverage kept by triggers, out of
    schema comparisons."""
    if type_ != "table" or name is None:
        return True
    return not (name.startswith(SEARCH_TABLE) or name == COVERAGE_TABLE)
