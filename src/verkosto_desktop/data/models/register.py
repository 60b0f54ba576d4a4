"""The register: actors, their contacts, facilities and capabilities, and the two catalogues."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from verkosto_desktop.data.dialects import sort_key_type
from verkosto_desktop.data.models.base import Base, Record, Tracked
from verkosto_desktop.data.models.types import link_key, new_id


class CatalogueEntry(Tracked):
    """A catalogue entry: a stable key and names in three languages (data, not catalog strings,
    because users add their own)."""

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    name_fi: Mapped[str] = mapped_column(String(200))
    name_sv: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=100)


class SituationType(CatalogueEntry, Base):
    """A kind of disruption (built-in or added by the user)."""

    __tablename__ = "situation_type"


class CapabilityCategory(CatalogueEntry, Base):
    """A kind of help an actor can offer (built-in or added by the user)."""

    __tablename__ = "capability_category"


class Actor(Record, Base):
    """An association, parish, municipal unit, authority, company or readiness organisation."""

    __tablename__ = "actor"
    name: Mapped[str] = mapped_column(String(300))
    # Finnish-order key of the name, so that SQL sorts by an index (see domain.collation).
    name_key: Mapped[str] = mapped_column(sort_key_type(300), default="")
    kind: Mapped[str] = mapped_column(String(40), default="association")
    area: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    basic_activity: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    phone: Mapped[str | None] = mapped_column(String(20), default=None)
    membership_status: Mapped[str] = mapped_column(String(20), default="member")
    membership_changed_on: Mapped[date | None] = mapped_column(default=None)
    invited_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("actor.id", ondelete="SET NULL"), default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    last_verified_on: Mapped[date | None] = mapped_column(default=None)
    # The municipal network the actor belongs to (its key; empty: this file's own network). On
    # the regional register only that network's writer may change the actor and its records.
    # Deferred: a file from before networks, opened read-only (not updated), is still read.
    network: Mapped[str] = mapped_column(String(60), default="", server_default="", deferred=True)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", passive_deletes=True
    )
    capabilities: Mapped[list[Capability]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", passive_deletes=True
    )
    facilities: Mapped[list[Facility]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        Index("ix_actor_live_name", "deleted_at", "name_key", "id"),
        # Every live actor's area read off an index alone: the dashboard's premises per area.
        Index("ix_actor_live_area", "deleted_at", "area", "id"),
        Index("ix_actor_kind", "kind"),
        # One network's actors in name order (the regional register holds many networks).
        Index("ix_actor_network_name", "network", "deleted_at", "name_key", "id"),
    )


class Contact(Record, Base):
    """A contact person, with every channel that may still work in an outage, and consent."""

    __tablename__ = "contact"
    actor_id: Mapped[str] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(sort_key_type(300), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    mobile: Mapped[str | None] = mapped_column(String(20), default=None)
    landline: Mapped[str | None] = mapped_column(String(20), default=None)
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    radio: Mapped[str] = mapped_column(String(200), default="")
    walk_in: Mapped[str] = mapped_column(Text, default="")
    without_mobile_network: Mapped[bool] = mapped_column(Boolean, default=False)
    reachable_24_7: Mapped[bool] = mapped_column(Boolean, default=False)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_on: Mapped[date | None] = mapped_column(default=None)
    consent_method: Mapped[str] = mapped_column(String(200), default="")
    consent_share_with_authorities: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_note: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    last_verified_on: Mapped[date | None] = mapped_column(default=None)

    actor: Mapped[Actor] = relationship(back_populates="contacts")

    # Begins with the actor: every column the dashboard's health counts read (migration 0011),
    # so counting 300,000 contact persons reads this index alone.
    __table_args__ = (
        Index(
            "ix_contact_actor_health",
            "actor_id",
            "deleted_at",
            "last_verified_on",
            "reachable_24_7",
            "consent_on",
            "mobile",
            "landline",
        ),
    )


class Facility(Record, Base):
    """Premises an actor can open in a crisis."""

    __tablename__ = "facility"
    actor_id: Mapped[str] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int | None] = mapped_column(Integer, default=None)  # people
    heating: Mapped[str] = mapped_column(String(200), default="")
    # Whether the heating keeps the rooms warm in a power cut (a wood stove, an oil burner on
    # the backup generator); district heating or heat pumps usually stop with the mains.
    heating_without_mains: Mapped[bool] = mapped_column(Boolean, default=False)
    backup_power: Mapped[bool] = mapped_column(Boolean, default=False)
    backup_power_kind: Mapped[str] = mapped_column(String(200), default="")
    # How many hours the backup power runs on the fuel kept at the premises.
    fuel_hours: Mapped[int | None] = mapped_column(Integer, default=None)
    water: Mapped[bool] = mapped_column(Boolean, default=False)
    kitchen: Mapped[bool] = mapped_column(Boolean, default=False)
    accessible: Mapped[bool] = mapped_column(Boolean, default=False)
    key_holder_id: Mapped[str | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    last_verified_on: Mapped[date | None] = mapped_column(default=None)

    actor: Mapped[Actor] = relationship(back_populates="facilities")


LINK_KEY = "link_key"


def _link_key_of_row(context: DefaultExecutionContext) -> int:
    # A row inserted without the ORM (an import, a merge) carries its id.
    parameters: dict[str, Any] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return link_key(parameters["id"])


class Capability(Record, Base):
    """What an actor can offer, in which phases and which kinds of disruption."""

    __tablename__ = "capability"
    actor_id: Mapped[str] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"))
    category_key: Mapped[str] = mapped_column(ForeignKey("capability_category.key"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int | None] = mapped_column(Integer, default=None)
    capacity_unit: Mapped[str] = mapped_column(String(100), default="")
    activation_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    contact_id: Mapped[str | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    last_verified_on: Mapped[date | None] = mapped_column(default=None)
    # The key the link rows carry (``types.link_key`` of the id, migration 0015): a national
    # register has 1.8 million link rows, and a 36-character id in each (and in the index by
    # situation type) took more room than the capabilities themselves.
    link_key: Mapped[int] = mapped_column(BigInteger, default=_link_key_of_row)

    actor: Mapped[Actor] = relationship(back_populates="capabilities")
    phase_links: Mapped[list[CapabilityPhase]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )
    situation_links: Mapped[list[CapabilitySituation]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )

    # Whether an actor offers a live capability, read off this index alone (migration 0011).
    __table_args__ = (
        Index("ix_capability_actor_live", "actor_id", "deleted_at"),
        Index("ix_capability_link_key", "link_key", unique=True),
    )

    @property
    def phases(self) -> list[str]:
        return sorted(link.phase for link in self.phase_links)

    @property
    def situations(self) -> list[str]:
        return sorted(link.situation_key for link in self.situation_links)

    def snapshot(self) -> dict[str, Any]:
        data = super().snapshot()
        del data[LINK_KEY]  # made from the id: not part of what a version says
        data["phases"] = self.phases
        data["situations"] = self.situations
        return data


@event.listens_for(Capability, "before_insert")
def _give_link_key(
    _mapper: Mapper[Capability], _connection: Connection, target: Capability
) -> None:
    # The id's own default would come too late: the key is made from it.
    if target.id is None:
        target.id = new_id()
    target.link_key = link_key(target.id)


class CapabilityPhase(Base):
    __tablename__ = "capability_phase"
    capability_key: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("capability.link_key", ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    # The key is the table (no rowid, no second copy of both columns): a national register has
    # a million links. No index by phase: with three phases it would help no query.
    __table_args__ = ({"sqlite_with_rowid": False},)


class CapabilitySituation(Base):
    __tablename__ = "capability_situation"
    capability_key: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("capability.link_key", ondelete="CASCADE"), primary_key=True
    )
    situation_key: Mapped[str] = mapped_column(ForeignKey("situation_type.key"), primary_key=True)
    # Like the phases' links: the key is the table, and no index by situation type (migration
    # 0027): with ten types, who can help reads the links as fast without one.
    __table_args__ = ({"sqlite_with_rowid": False},)
