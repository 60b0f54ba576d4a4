"""Column types and value helpers shared by every model."""

from __future__ import annotations

import getpass
import hashlib
import json
import platform
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, LargeBinary, Select, String, Text, and_, func, literal, or_
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import TypeDecorator

from verkosto_desktop.data.stored_ids import id_for, id_from_stored, id_prefix_range, id_stored

# A query whose columns are assembled at run time (a splat of shared columns, optional joins).
AnySelect = Select[*tuple[Any, ...]]


def new_id() -> str:
    """A fresh UUID as text: keys stay unique when files from several laptops are merged."""
    return str(uuid.uuid4())


# Built-in rows (founding steps, the network's own row) get the same id in every file, so that
# files started apart can still be merged.
_STABLE_NAMESPACE = uuid.UUID("6b1f3c1e-5f0e-4d7a-9a53-0c2f7e9b8d11")


def stable_id(*parts: str) -> str:
    """A UUID derived from ``parts``: the same in every file."""
    return str(uuid.uuid5(_STABLE_NAMESPACE, "/".join(parts)))


def link_key(record_id: str) -> int:
    """The compact key a record's link rows carry instead of its 36-character id: the first 8
    bytes of the MD5 of the id, as a signed 64-bit integer. Derived from the id alone, so every
    laptop and the regional register give a record the same key without asking one another
    (PostgreSQL computes it as ``('x' || substr(md5(id), 1, 16))::bit(64)::bigint``)."""
    digest = hashlib.md5(record_id.encode("utf-8"), usedforsecurity=False).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def utcnow() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


_DEVICE_USER: str | None = None


def device_user() -> str:
    """``user@device`` recorded in ``updated_by`` (no network lookup: the host name is local)."""
    global _DEVICE_USER
    if _DEVICE_USER is None:
        try:
            user = getpass.getuser()
        except Exception:  # no login name in some sandboxes
            user = "user"
        _DEVICE_USER = f"{user}@{platform.node() or 'device'}"
    return _DEVICE_USER


UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_text(value: datetime) -> str:
    """An aware datetime as the text a UTC column stores (sortable ISO, microseconds, ``Z``)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).strftime(UTC_FORMAT)


# On SQLite a time is stored as 8 bytes: microseconds since 1970 plus 2**63, big-endian. Such
# blobs compare byte by byte in time order (earlier times too: the bias makes every value
# unsigned), so indexes, ORDER BY and range conditions keep working, in a third of the 27
# bytes of the ISO text; a TEXT column keeps a blob as it is, so no table is rebuilt.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_BIAS = 1 << 63
STORED_SIZE = 8


def utc_stored(value: datetime) -> bytes:
    """An aware datetime as SQLite stores it in a UTC column (8 bytes that sort in time order)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return ((value - _EPOCH) // _MICROSECOND + _BIAS).to_bytes(STORED_SIZE, "big")


def utc_from_stored(value: bytes) -> datetime:
    """The aware UTC datetime of a value ``utc_stored`` made."""
    seconds, micros = divmod(int.from_bytes(value, "big") - _BIAS, 1_000_000)
    return _EPOCH + timedelta(0, seconds, micros)


def utc_for(dialect_name: str, value: datetime) -> bytes | str:
    """An aware datetime as a UTC column holds it on ``dialect_name`` (for rows written with
    the driver, past the column type): 8 bytes on SQLite, ISO text on PostgreSQL."""
    return utc_stored(value) if dialect_name == "sqlite" else utc_text(value)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes, always returned as aware UTC values. SQLite stores them as 8 sortable
    bytes (``utc_stored``), PostgreSQL as sortable UTC ISO text; the column is ``VARCHAR(32)``
    on both (a blob keeps its own storage class in a SQLite text column)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | bytes | None:
        if value is None:
            return None
        return utc_for(dialect.name, value)

    def process_literal_param(self, value: datetime | None, dialect: Dialect) -> str:
        if value is None:
            return "NULL"
        if dialect.name == "sqlite":
            return f"X'{utc_stored(value).hex().upper()}'"
        return "'" + utc_text(value) + "'"

    def literal_processor(self, dialect: Dialect) -> Any:
        # The literal above is complete SQL: the text type's quoting must not wrap it again.
        return lambda value: self.process_literal_param(value, dialect)

    def process_result_value(self, value: str | bytes | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, bytes):
            return utc_from_stored(value)
        # ISO 8601 with a "Z" (PostgreSQL): fromisoformat (C) reads it 40 times faster than
        # strptime, which counts when a bundle reads every record of a large register.
        return datetime.fromisoformat(value)


class RecordId(TypeDecorator[str]):
    """A record's UUID as text in Python; 16 bytes on SQLite (``id_stored``), text on
    PostgreSQL. The column is ``VARCHAR(36)`` on both: a blob keeps its own storage class in a
    SQLite text column, so no table is rebuilt. Foreign keys take this type from the column
    they refer to; the bookkeeping's ``record_id`` (history, change log, erasures, imports) has
    it too, so that ids compare with ids in any statement."""

    impl = String
    cache_ok = True

    def __init__(self, length: int = 36) -> None:
        # 60 for the bookkeeping's ``record_id``, which also names keyed records ("catering").
        super().__init__(length)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | bytes | None:
        if value is None:
            return None
        return id_stored(value) if dialect.name == "sqlite" else value

    def process_literal_param(self, value: str | None, dialect: Dialect) -> str:
        if value is None:
            return "NULL"
        stored = id_for(dialect.name, value)
        if isinstance(stored, bytes):
            return f"X'{stored.hex().upper()}'"
        return "'" + stored.replace("'", "''") + "'"

    def literal_processor(self, dialect: Dialect) -> Any:
        # The literal above is complete SQL: the text type's quoting must not wrap it again.
        return lambda value: self.process_literal_param(value, dialect)

    def process_result_value(self, value: str | bytes | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return id_from_stored(value)


def id_begins(
    column: InstrumentedAttribute[str], prefix: str, dialect_name: str
) -> ColumnElement[bool]:
    """Whether a record id ``column`` begins with ``prefix`` (of its text, as the command line
    takes a short id): on SQLite a range of the stored 16 bytes, which an index can read, and a
    text match for any id kept as text; on PostgreSQL a text match."""
    if dialect_name != "sqlite":
        return column.startswith(prefix, autoescape=True)
    as_text = and_(
        func.typeof(column) == "text",
        func.substr(column, 1, len(prefix)) == literal(prefix, String()),
    )
    bounds = id_prefix_range(prefix)
    if bounds is None:
        return as_text
    low, high = bounds
    stored = and_(column >= literal(low, LargeBinary()), column <= literal(high, LargeBinary()))
    return or_(stored, as_text)


class JSONText(TypeDecorator[Any]):
    """JSON stored as text, with keys sorted so that equal values are equal bytes."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(value)
