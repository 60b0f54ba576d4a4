"""Declarative base and the columns every record carries (for merging files without loss)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import FromClause, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from verkosto_desktop.data.models.types import RecordId, UTCDateTime, device_user, new_id, utcnow

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class Tracked:
    """Change tracking: who changed what when, a revision, and a tombstone instead of deletion."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200), default=device_user)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)

    if TYPE_CHECKING:
        # Set by the declarative base of every mapped class that mixes this in.
        __table__: ClassVar[FromClause]
        __tablename__: str

        def __init__(self, **kw: Any) -> None: ...

    def snapshot(self) -> dict[str, Any]:
        """Every column's value as JSON-ready data (kept in the history table)."""
        table = self.__table__
        data: dict[str, Any] = {}
        for column in table.columns:
            value = getattr(self, column.key)
            if isinstance(value, datetime | date):
                value = value.isoformat()
            data[column.key] = value
        return data


class Record(Tracked):
    """A record with a UUID key."""

    id: Mapped[str] = mapped_column(RecordId(), primary_key=True, default=new_id)
