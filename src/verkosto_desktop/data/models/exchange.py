"""Imports: each import is a batch, and every record it created or changed is stamped with the
batch (and the revision it left), so that "Undo import" can reverse exactly that batch. Also the
one-way hashes of erased people's phone numbers and e-mail addresses (no names)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from verkosto_desktop.data.models.base import Base
from verkosto_desktop.data.models.types import JSONText, RecordId, device_user, new_id, utcnow


class ImportBatch(Base):
    """One import: the file, when and by whom, the mapping used and what it did."""

    __tablename__ = "import_batch"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    file_name: Mapped[str] = mapped_column(String(300))
    file_kind: Mapped[str] = mapped_column(String(20))
    # The header row's signature: a later file with the same headers is offered this mapping.
    headers_key: Mapped[str] = mapped_column(String(64), index=True, default="")
    mapping: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200), default=device_user)
    undone_at: Mapped[datetime | None] = mapped_column(default=None)
    undone_by: Mapped[str] = mapped_column(String(200), default="")


class ImportBatchItem(Base):
    """A record an import created or changed, and the revision the import left it at: a record
    whose revision has moved on since was edited after the import."""

    __tablename__ = "import_batch_item"
    batch_id: Mapped[str] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), primary_key=True
    )
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(RecordId(60), primary_key=True)
    action: Mapped[str] = mapped_column(String(10))  # "created" or "changed"
    revision_before: Mapped[int | None] = mapped_column(Integer, default=None)
    revision_after: Mapped[int] = mapped_column(Integer)


class ErasedIdentifier(Base):
    """The hash of a phone number or e-mail address of a person erased on request
    (``domain.erased``): an import stops a row that has it."""

    __tablename__ = "erased_identifier"
    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
