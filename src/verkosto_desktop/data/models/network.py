"""The network's own life: its information, founding steps, survey, activities and action plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verkosto_desktop.data.models.base import Base, Record
from verkosto_desktop.data.models.types import utcnow


class NetworkInfo(Record, Base):
    """The one row describing the network kept in this file."""

    __tablename__ = "network_info"
    name: Mapped[str] = mapped_column(String(300), default="")
    area: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    how_it_works: Mapped[str] = mapped_column(Text, default="")
    coordinator: Mapped[str] = mapped_column(String(300), default="")
    stale_after_months: Mapped[int] = mapped_column(Integer, default=12)


class FoundingStep(Record, Base):
    __tablename__ = "founding_step"
    key: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    done_on: Mapped[date | None] = mapped_column(default=None)
    who: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    residents_involvement: Mapped[str] = mapped_column(Text, default="")


class MembershipChange(Record, Base):
    """Each change of an actor's membership status, with its date."""

    __tablename__ = "membership_change"
    actor_id: Mapped[str] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column()
    invited_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("actor.id", ondelete="SET NULL"), default=None
    )
    note: Mapped[str] = mapped_column(Text, default="")


class SurveyAnswer(Record, Base):
    """One actor's answer to one mapping-survey question in one round; old rounds are kept."""

    __tablename__ = "survey_answer"
    actor_id: Mapped[str] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer, default=1)
    question_key: Mapped[str] = mapped_column(String(60))
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date] = mapped_column()
    __table_args__ = (Index("ix_survey_answer_actor_round", "actor_id", "round"),)


class Activity(Record, Base):
    """A meeting, training, exercise, event, club or coordination meeting."""

    __tablename__ = "activity"
    kind: Mapped[str] = mapped_column(String(40), default="meeting")
    title: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None] = mapped_column(default=None)
    facility_id: Mapped[str | None] = mapped_column(
        ForeignKey("facility.id", ondelete="SET NULL"), default=None
    )
    place: Mapped[str] = mapped_column(String(300), default="")
    organiser_id: Mapped[str | None] = mapped_column(
        ForeignKey("actor.id", ondelete="SET NULL"), default=None
    )
    incident_id: Mapped[str | None] = mapped_column(
        ForeignKey("incident.id", ondelete="SET NULL"), default=None, index=True
    )
    phase: Mapped[str | None] = mapped_column(String(20), default=None)
    permanent: Mapped[bool] = mapped_column(Boolean, default=False)
    residents_involved: Mapped[bool] = mapped_column(Boolean, default=False)
    residents_note: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    next_meeting_at: Mapped[datetime | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The municipal network whose plan this is (see ``Actor.network``).
    network: Mapped[str] = mapped_column(String(60), default="", server_default="", deferred=True)

    attendance: Mapped[list[ActivityAttendance]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )

    @property
    def attendee_ids(self) -> list[str]:
        return sorted(link.actor_id for link in self.attendance)

    def snapshot(self) -> dict[str, Any]:
        data = super().snapshot()
        data["attendees"] = self.attendee_ids
        return data


class ActivityAttendance(Base):
    __tablename__ = "activity_attendance"
    activity_id: Mapped[str] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[str] = mapped_column(
        ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ActionItem(Record, Base):
    """An item of the jointly agreed action plan, of the network or of one incident (a task)."""

    __tablename__ = "action_item"
    title: Mapped[str] = mapped_column(String(500))
    goal: Mapped[str] = mapped_column(Text, default="")
    responsible_id: Mapped[str | None] = mapped_column(
        ForeignKey("actor.id", ondelete="SET NULL"), default=None, index=True
    )
    phase: Mapped[str | None] = mapped_column(String(20), default=None)
    situation_key: Mapped[str | None] = mapped_column(
        ForeignKey("situation_type.key"), default=None
    )
    due_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    residents_involved: Mapped[bool] = mapped_column(Boolean, default=False)
    incident_id: Mapped[str | None] = mapped_column(
        ForeignKey("incident.id", ondelete="CASCADE"), default=None, index=True
    )
    capability_id: Mapped[str | None] = mapped_column(
        ForeignKey("capability.id", ondelete="SET NULL"), default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    # The municipal network whose plan this is (see ``Actor.network``).
    network: Mapped[str] = mapped_column(String(60), default="", server_default="", deferred=True)


class ActionStatusChange(Base):
    """When each status of an action item or task was reached."""

    __tablename__ = "action_status_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action_item_id: Mapped[str] = mapped_column(
        ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(200), default="")


class CallRound(Record, Base):
    """A round of calls over a chosen set of contacts (yearly check, or an incident's start)."""

    __tablename__ = "call_round"
    title: Mapped[str] = mapped_column(String(300))
    selection: Mapped[str] = mapped_column(String(60), default="members")
    situation_key: Mapped[str | None] = mapped_column(String(60), default=None)
    incident_id: Mapped[str | None] = mapped_column(
        ForeignKey("incident.id", ondelete="SET NULL"), default=None
    )
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    # The municipal network whose plan this is (see ``Actor.network``).
    network: Mapped[str] = mapped_column(String(60), default="", server_default="", deferred=True)


class CallRoundEntry(Record, Base):
    __tablename__ = "call_round_entry"
    call_round_id: Mapped[str] = mapped_column(
        ForeignKey("call_round.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(String(20), default="pending")
    note: Mapped[str] = mapped_column(Text, default="")
    called_at: Mapped[datetime | None] = mapped_column(default=None)
