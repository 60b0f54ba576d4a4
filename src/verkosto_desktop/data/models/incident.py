"""Incidents and their append-only log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verkosto_desktop.data.models.base import Base, Record
from verkosto_desktop.data.models.types import JSONText, utcnow


class Incident(Record, Base):
    """A disruption run from the situation assessment to recovery and closing."""

    __tablename__ = "incident"
    title: Mapped[str] = mapped_column(String(300))
    area: Mapped[str] = mapped_column(String(200), default="")
    phase: Mapped[str] = mapped_column(String(20), default="response")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    recovery_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    convened_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("actor.id", ondelete="SET NULL"), default=None
    )
    convened_by_text: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    lessons_learned: Mapped[str] = mapped_column(Text, default="")
    # The municipal network that runs the incident (see ``Actor.network``).
    network: Mapped[str] = mapped_column(String(60), default="", server_default="", deferred=True)

    situation_links: Mapped[list[IncidentSituation]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )

    @property
    def situations(self) -> list[str]:
        return sorted(link.situation_key for link in self.situation_links)

    def snapshot(self) -> dict[str, Any]:
        data = super().snapshot()
        data["situations"] = self.situations
        return data


class IncidentSituation(Base):
    __tablename__ = "incident_situation"
    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True
    )
    situation_key: Mapped[str] = mapped_column(ForeignKey("situation_type.key"), primary_key=True)


class IncidentLogEntry(Record, Base):
    """One entry of the incident journal. Never changed or deleted (triggers enforce it);
    a correction is a new entry pointing to the one it corrects."""

    __tablename__ = "incident_log_entry"
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    happened_at: Mapped[datetime] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    author: Mapped[str] = mapped_column(String(300), default="")
    actor_id: Mapped[str | None] = mapped_column(
        ForeignKey("actor.id", ondelete="RESTRICT"), default=None
    )
    text: Mapped[str] = mapped_column(Text, default="")
    # Structured fields of a situation assessment (power, water, telecom, roads, heating, needs…).
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONText, default=None)
    corrects_id: Mapped[str | None] = mapped_column(
        ForeignKey("incident_log_entry.id", ondelete="RESTRICT"), default=None
    )
    # When an erasure last replaced a person's name in this entry (the one change allowed).
    erased_at: Mapped[datetime | None] = mapped_column(default=None)
    __table_args__ = (Index("ix_incident_log_entry_incident", "incident_id", "happened_at"),)
