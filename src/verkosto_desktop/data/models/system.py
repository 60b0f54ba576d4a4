"""History of every change, and the record of erasures (which holds no personal data)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from verkosto_desktop.data.dialects import sort_key_type
from verkosto_desktop.data.models.base import Base
from verkosto_desktop.data.models.types import JSONText, RecordId, device_user, new_id, utcnow


class History(Base):
    """The previous version of a record, written before each change."""

    __tablename__ = "history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(RecordId(60))
    revision: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSONText)
    # The time the snapshot was taken: when this version stopped being current.
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (
        Index("ix_history_record", "entity", "record_id", "revision"),
        # Counting the changes since the last print pack reads the newest rows only.
        Index("ix_history_replaced_at", "replaced_at"),
    )


class Erasure(Base):
    """A permanent erasure (a data-protection request): ids only, so it can be re-applied after
    a restore or an import without keeping what was erased."""

    __tablename__ = "erasure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(RecordId(60), index=True)
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    erased_by: Mapped[str] = mapped_column(String(200), default="")
    # The site (laptop file) where the erasure was made; it travels in every bundle.
    origin_site: Mapped[str | None] = mapped_column(String(36), default=None)


class SearchDoc(Base):
    """Maps an actor to its row in the full-text index (``search_index.rowid``)."""

    __tablename__ = "search_doc"
    doc_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), unique=True)
    # The actor's name sort key, kept beside the document so that the matches of a search are
    # put in name order without joining the actor table (three times faster on 10,000 actors).
    name_key: Mapped[str] = mapped_column(sort_key_type(300), default="", server_default="")


class PrintPack(Base):
    """A print pack written to a folder: when, from data of which time, and where, so that the
    dashboard can say how old the paper is and how many changes it lacks."""

    __tablename__ = "print_pack"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    made_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    data_changed_at: Mapped[datetime | None] = mapped_column(default=None)
    folder: Mapped[str] = mapped_column(String(1000), default="")
    documents: Mapped[int] = mapped_column(Integer, default=0)
    made_by: Mapped[str] = mapped_column(String(200), default=device_user)
