"""Sharing between laptops: sites, clocks, the per-field change log, conflicts and bundles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from verkosto_desktop.data.models.base import Base
from verkosto_desktop.data.models.types import JSONText, RecordId, utcnow


class Site(Base):
    """A file on one laptop (this one, ``is_self``), or another laptop's file heard of."""

    __tablename__ = "site"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    is_self: Mapped[bool] = mapped_column(Boolean, default=False)
    # This site: the last stamp it issued. Another: the highest stamp of that site below which
    # every one of its changes is in this file.
    clock: Mapped[int] = mapped_column(BigInteger, default=0)
    # This site: the knowledge vector its changes carry (changes only when a bundle is merged).
    vector_id: Mapped[int | None] = mapped_column(ForeignKey("clock_vector.id"), default=None)
    # This site: machine, path and file identity it is bound to (a copy becomes a new site).
    bound_to: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_received_at: Mapped[datetime | None] = mapped_column(default=None)
    last_sent_at: Mapped[datetime | None] = mapped_column(default=None)
    # This site, on a laptop syncing with the regional register: the network its user writes
    # ("own"), the neighbouring networks chosen to be received read-only ("also") and those
    # received at the last sync ("received"); see ``data.exchange.networks``.
    networks: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict, server_default="{}")


class ClockVector(Base):
    """What a site had seen of every other site when it made a change: {site uuid: stamp}."""

    __tablename__ = "clock_vector"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    data: Mapped[dict[str, int]] = mapped_column(JSONText)


class ChangeRecord(Base):
    """One change of one field of one record (or ``*``: the whole record as first shared)."""

    __tablename__ = "change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(RecordId(60))
    field: Mapped[str] = mapped_column(String(120))
    value: Mapped[Any] = mapped_column(JSONText, nullable=True)
    hlc: Mapped[int] = mapped_column(BigInteger)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    vector_id: Mapped[int | None] = mapped_column(ForeignKey("clock_vector.id"), default=None)
    # The received bundle that brought it (None: made in this file).
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("bundle_log.id"), default=None)
    __table_args__ = (
        Index("ux_change_identity", "site_id", "hlc", "entity", "record_id", "field", unique=True),
        Index("ix_change_record", "entity", "record_id", "field"),
    )


class PeerKnowledge(Base):
    """What another site is known to hold (from its own bundles): per origin site, the stamp
    below which it has everything. Incremental bundles for it start there."""

    __tablename__ = "peer_knowledge"
    peer_id: Mapped[int] = mapped_column(ForeignKey("site.id"), primary_key=True)
    origin_id: Mapped[int] = mapped_column(ForeignKey("site.id"), primary_key=True)
    clock: Mapped[int] = mapped_column(BigInteger, default=0)


class BundleLog(Base):
    """A bundle written here or merged here: who, when, how many changes."""

    __tablename__ = "bundle_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(8))  # "in" or "out"
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"), default=None)
    peer_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"), default=None)
    made_at: Mapped[datetime] = mapped_column()
    logged_at: Mapped[datetime] = mapped_column(default=utcnow)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    counts: Mapped[dict[str, int]] = mapped_column(JSONText, default=dict)


class Conflict(Base):
    """Concurrent changes of one field that a person has to settle: the winning change is
    shown, the losing one is kept here (and in the change log) until someone chooses."""

    __tablename__ = "conflict"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(RecordId(60))
    field: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # "field" or "deleted"
    winner_change_id: Mapped[int] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"))
    loser_change_id: Mapped[int] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"))
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (Index("ix_conflict_record", "entity", "record_id", "field"),)


class PendingRecord(Base):
    """A record whose changes are here but that cannot be written yet (its owner record has
    not arrived); tried again at every merge."""

    __tablename__ = "pending_record"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(RecordId(60), primary_key=True)
