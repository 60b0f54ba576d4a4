"""times stored on SQLite as 8 sortable bytes instead of 27 characters of ISO text

Revision ID: 0025_compact_times
Revises: 0022_capability_summary

Every record carries its creation and change times, and the printed tables index their creation
time: at 100,000 actors some 2.4 million times, each as ``2026-01-01T12:00:00.000000Z``. On
SQLite each time now becomes 8 bytes: the microseconds since 1970 plus 2**63, big-endian
(``data.models.types.utc_stored``). Blobs compare byte by byte, so these sort in time order as
the text did (indexes, ORDER BY, ranges); a column of TEXT affinity keeps a blob as it is, so no
table is rebuilt and the columns stay ``VARCHAR(32)``. Every record is kept: only the form of its
times changes. The incident log's guard against changes is set aside while its times change.

PostgreSQL (the regional register) keeps its ISO text: nothing changes there.
"""

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import cast

from alembic import op

revision = "0025_compact_times"
down_revision = "0022_capability_summary"
branch_labels = None
depends_on = None

# Every UTC time column at this revision (copied, not read from the models: a migration must
# not change when the program's code does).
TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "action_item": ("created_at", "updated_at", "deleted_at"),
    "action_status_change": ("changed_at",),
    "activity": (
        "starts_at",
        "ends_at",
        "next_meeting_at",
        "created_at",
        "updated_at",
        "deleted_at",
    ),
    "actor": ("created_at", "updated_at", "deleted_at"),
    "bundle_log": ("made_at", "logged_at"),
    "call_round": ("started_at", "finished_at", "created_at", "updated_at", "deleted_at"),
    "call_round_entry": ("called_at", "created_at", "updated_at", "deleted_at"),
    "capability": ("created_at", "updated_at", "deleted_at"),
    "capability_category": ("created_at", "updated_at", "deleted_at"),
    "conflict": ("detected_at",),
    "contact": ("created_at", "updated_at", "deleted_at"),
    "erased_identifier": ("erased_at",),
    "erasure": ("erased_at",),
    "facility": ("created_at", "updated_at", "deleted_at"),
    "founding_step": ("created_at", "updated_at", "deleted_at"),
    "history": ("replaced_at",),
    "import_batch": ("imported_at", "undone_at"),
    "incident": (
        "started_at",
        "recovery_at",
        "closed_at",
        "created_at",
        "updated_at",
        "deleted_at",
    ),
    "incident_log_entry": (
        "happened_at",
        "recorded_at",
        "erased_at",
        "created_at",
        "updated_at",
        "deleted_at",
    ),
    "membership_change": ("created_at", "updated_at", "deleted_at"),
    "network_info": ("created_at", "updated_at", "deleted_at"),
    "print_pack": ("made_at", "data_changed_at"),
    "site": ("created_at", "last_received_at", "last_sent_at"),
    "situation_type": ("created_at", "updated_at", "deleted_at"),
    "survey_answer": ("created_at", "updated_at", "deleted_at"),
}
# The triggers that refuse changes to a table's rows (the incident log is append-only).
_GUARDED = {"incident_log_entry": ("incident_log_no_update",)}

# Copied from the program (data.models.types): the stored forms of a time.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_BIAS = 1 << 63
_FUNCTION = "verkosto_0025_time"
# What SQLite hands a Python function, and takes back.
_Value = str | bytes | int | float | None


def _to_bytes(value: _Value) -> _Value:
    """ISO text to the 8 bytes; anything else (a value no ISO reader takes) as it was."""
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:  # the program always wrote UTC
        moment = moment.replace(tzinfo=UTC)
    return ((moment - _EPOCH) // _MICROSECOND + _BIAS).to_bytes(8, "big")


def _to_text(value: _Value) -> _Value:
    """The 8 bytes back to the ISO text the program wrote before."""
    if not isinstance(value, bytes) or len(value) != 8:
        return value
    seconds, micros = divmod(int.from_bytes(value, "big") - _BIAS, 1_000_000)
    return (_EPOCH + timedelta(0, seconds, micros)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _convert(function: Callable[[_Value], _Value], stored_as: str) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    driver = cast(sqlite3.Connection, connection.connection.driver_connection)
    driver.create_function(_FUNCTION, 1, function, deterministic=True)
    tables = {
        str(row[0])
        for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for table, columns in TIME_COLUMNS.items():
        if table not in tables:
            continue
        guards = [
            (name, str(row[0]))
            for name in _GUARDED.get(table, ())
            for row in connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
            )
        ]
        for name, _sql in guards:
            op.execute(f'DROP TRIGGER "{name}"')
        # One column a statement, only where a value is to change: a column no trigger watches
        # is then rewritten without waking the coverage triggers on ``deleted_at``.
        for column in columns:
            op.execute(
                f'UPDATE "{table}" SET "{column}" = {_FUNCTION}("{column}") '
                f"WHERE typeof(\"{column}\") = '{stored_as}'"
            )
        for _name, sql in guards:
            op.execute(sql)


def upgrade() -> None:
    _convert(_to_bytes, "text")


def downgrade() -> None:
    _convert(_to_text, "blob")
