"""Writing many new records at once: full rows for new actors, contacts and capabilities, and one
driver-level ``executemany`` per table (several times faster than the ORM for 10,000 rows)."""

from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import marks

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


def insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) with one driver-level ``executemany``: each
    value is converted by its column's own type once, and equal values (the import's one
    timestamp) only once. Several times faster than an ORM or Core insert of 10,000 rows."""
    if not rows:
        return
    columns = list(rows[0])
    dialect = session.get_bind().dialect
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
    places = marks(session, len(columns))
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
    session.connection().exec_driver_sql(statement, data)
