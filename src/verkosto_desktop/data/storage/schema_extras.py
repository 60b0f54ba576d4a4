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

LOG_TRIGGERS = (
    """CREATE TRIGGER incident_log_no_update BEFORE UPDATE ON incident_log_entry
    BEGIN SELECT RAISE(ABORT, 'incident log entries cannot be changed'); END""",
    """CREATE TRIGGER incident_log_no_delete BEFORE DELETE ON incident_log_entry
    BEGIN SELECT RAISE(ABORT, 'incident log entries cannot be deleted'); END""",
)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave the FTS5 table and its shadow tables, and the coverage kept by triggers, out of
    schema comparisons."""
    if type_ != "table" or name is None:
        return True
    return not (name.startswith(SEARCH_TABLE) or name == COVERAGE_TABLE)
