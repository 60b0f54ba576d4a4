"""record ids stored on SQLite as the 16 bytes of their UUID instead of 36 characters of text

Revision ID: 0026_compact_ids
Revises: 0024_phone_index

A record's id repeats in every foreign key, in the indexes that end with it, and in the change
log, the history and the erasures that name it: at 100,000 actors some three million copies of
36 characters. On SQLite each now becomes the UUID's 16 bytes (``data.stored_ids.id_stored``).
The bytes compare in the order the canonical lower-case text did, so name order's tie-break by
id, keyset pages and merges keep their order; a column of TEXT affinity keeps a blob as it is,
so no table is rebuilt. A value that is not a canonical UUID (a category's key in the change
log, say) stays the text it is. Every record is kept: only the form of its keys changes.

The triggers of the converted tables (the dashboard's coverage, the incident log's guard) are
set aside while the keys change and put back as they were: the coverage counts do not depend on
the keys' form. PostgreSQL (the regional register) keeps its text: nothing changes there.
"""

import sqlite3
from collections.abc import Callable
from typing import cast

from alembic import op

revision = "0026_compact_ids"
down_revision = "0024_phone_index"
branch_labels = None
depends_on = None

# Every column holding record ids at this revision (copied, not read from the models: a
# migration must not change when the program's code does).
ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "action_item": ("id", "responsible_id", "incident_id", "capability_id"),
    "action_status_change": ("action_item_id",),
    "activity": ("id", "facility_id", "organiser_id", "incident_id"),
    "activity_attendance": ("activity_id", "actor_id"),
    "actor": ("id", "invited_by_id"),
    "call_round": ("id", "incident_id"),
    "call_round_entry": ("id", "call_round_id", "contact_id"),
    "capability": ("id", "actor_id", "contact_id"),
    "change": ("record_id",),
    "conflict": ("record_id",),
    "contact": ("id", "actor_id"),
    "erasure": ("record_id",),
    "facility": ("id", "actor_id", "key_holder_id"),
    "founding_step": ("id",),
    "history": ("record_id",),
    "import_batch_item": ("record_id",),
    "incident": ("id", "convened_by_id"),
    "incident_log_entry": ("id", "incident_id", "actor_id", "corrects_id"),
    "incident_situation": ("incident_id",),
    "membership_change": ("id", "actor_id", "invited_by_id"),
    "network_info": ("id",),
    "pending_record": ("record_id",),
    "search_doc": ("actor_id",),
    "survey_answer": ("id", "actor_id"),
}
_HYPHENS = (8, 13, 18, 23)
# What SQLite hands a Python function, and takes back.
_Value = str | bytes | int | float | None


def _to_bytes(value: _Value) -> _Value:
    """A canonical lower-case UUID's text to its 16 bytes; anything else as it was."""
    if not isinstance(value, str) or len(value) != 36:
        return value
    if any(value[i] != "-" for i in _HYPHENS):
        return value
    digits = value.replace("-", "")
    try:
        packed = bytes.fromhex(digits)
    except ValueError:
        return value
    return packed if len(packed) == 16 and packed.hex() == digits else value


def _to_text(value: _Value) -> _Value:
    """The 16 bytes back to the text the program wrote before."""
    if not isinstance(value, bytes) or len(value) != 16:
        return value
    h = value.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _convert(function: Callable[[_Value], _Value], stored_as: str) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    driver = cast(sqlite3.Connection, connection.connection.driver_connection)
    # A name of its own each way: SQLite refuses to redefine a function while a statement of
    # the connection is open (a downgrade and an upgrade may run on one connection).
    sql_function = f"verkosto_0026_{function.__name__.strip('_')}"
    driver.create_function(sql_function, 1, function, deterministic=True)
    tables = {
        str(row[0])
        for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    converted = [table for table in ID_COLUMNS if table in tables]
    # Every trigger on a converted table: each would otherwise run once per changed row (the
    # coverage triggers re-count an actor's cells) or refuse the change (the incident log).
    triggers = [
        (str(name), str(sql))
        for table in converted
        for name, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            (table,),
        )
    ]
    for name, _sql in triggers:
        op.execute(f'DROP TRIGGER "{name}"')
    for table in converted:
        for column in ID_COLUMNS[table]:
            op.execute(
                f'UPDATE "{table}" SET "{column}" = {sql_function}("{column}") '
                f"WHERE typeof(\"{column}\") = '{stored_as}'"
            )
    for _name, sql in triggers:
        op.execute(sql)


def upgrade() -> None:
    _convert(_to_bytes, "text")


def downgrade() -> None:
    _convert(_to_text, "blob")
