"""Writing many new records at once: full rows for new actors, contacts and capabilities, and one
driver-level ``executemany`` per table (several times faster than the ORM for 10,000 rows);
also the merge's inserts of received records and changes (``insert_many``)."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import SQLITE, marks

ACTOR_DEFAULTS: dict[str, Any] = {
    "kind": "association",
    "area": "",
    "description": "",
    "basic_activity": "",
    "address": "",
    "website": "",
    "email": None,
    "phone": None,
    "membership_status": "member",
    "membership_changed_on": None,
    "invited_by_id": None,
    "notes": "",
    "last_verified_on": None,
}
CONTACT_DEFAULTS: dict[str, Any] = {
    "role": "",
    "mobile": None,
    "landline": None,
    "email": None,
    "radio": "",
    "walk_in": "",
    "without_mobile_network": False,
    "reachable_24_7": False,
    "is_primary": False,
    "consent_on": None,
    "consent_method": "",
    "consent_share_with_authorities": False,
    "consent_note": "",
    "notes": "",
    "last_verified_on": None,
}
CAPABILITY_DEFAULTS: dict[str, Any] = {
    "description": "",
    "capacity": None,
    "capacity_unit": "",
    "activation_minutes": None,
    "contact_id": None,
    "notes": "",
    "last_verified_on": None,
}


def bookkeeping(now: Any, who: str) -> dict[str, Any]:
    """The columns every new record carries: created now by ``who``, revision 1, live."""
    return {
        "created_at": now,
        "updated_at": now,
        "updated_by": who,
        "revision": 1,
        "deleted_at": None,
    }


@contextlib.contextmanager
def large_cache(connection: Connection, kib: int) -> Iterator[None]:
    """A page cache of ``kib`` KiB on a SQLite connection while many rows are written: with
    SQLite's 2 MB, a long list's index pages go out to the WAL and are read back many times.
    (Nothing on PostgreSQL, whose server keeps its own.)"""
    if connection.dialect.name != SQLITE:
        yield
        return
    default_cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    assert default_cache is not None  # SQLite always answers this pragma
    connection.exec_driver_sql(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        with contextlib.suppress(DBAPIError):  # never hide why the writing stopped
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(default_cache)}")


def insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) with one driver-level ``executemany``: each
    value is converted by its column's own type once, and equal values (the import's one
    timestamp) only once. Several times faster than an ORM or Core insert of 10,000 rows."""
    _driver_insert(session.connection(), table, rows)


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts, keys may differ) as a Core ``insert`` would, with the same
    Python-side column defaults: on SQLite rows naming every column with such a default go
    through the driver's ``executemany`` (a first sync writes some 80,000 records and their
    change log; SQLAlchemy's per-row parameter handling was a third of its time); the others,
    and every row on PostgreSQL (whose dialect already sends many rows a statement), through
    Core."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    defaulted = {column.key for column in table.columns if column.default is not None}
    for columns, group in groups.items():
        if connection.dialect.name == SQLITE and defaulted.issubset(columns):
            _driver_insert(connection, table, group)
        else:
            for start in range(0, len(group), 2000):
                connection.execute(insert(table), group[start : start + 2000])


def _driver_insert(connection: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    dialect = connection.dialect
    processors = [table.columns[name].type.bind_processor(dialect) for name in columns]
    converted: dict[datetime, Any] = {}

    def value(index: int, raw: Any) -> Any:
        process = processors[index]
        if process is None or raw is None:
            return raw
        if isinstance(raw, datetime):  # the import's one timestamp, in every row
            if raw not in converted:
                converted[raw] = process(raw)
            return converted[raw]
        return process(raw)

    quoted = ", ".join(f'"{name}"' for name in columns)
    places = marks(connection, len(columns))
    statement = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({places})'
    pick = itemgetter(*columns)
    convert = [i for i, process in enumerate(processors) if process is not None]
    data: list[Any] = []
    for row in rows:
        values = pick(row)
        if convert:
            values = list(values) if isinstance(values, tuple) else [values]
            for i in convert:
                values[i] = value(i, values[i])
        data.append(tuple(values) if isinstance(values, list | tuple) else (values,))
    connection.exec_driver_sql(statement, data)
