"""Plain frozen values handed to the UI and to exports: never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from verkosto_desktop.domain.channels import ContactChannels

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def from_model(cls: type[T], obj: Any, **extra: Any) -> T:
    """Build the dataclass ``cls`` from the same-named attributes of ``obj``."""
    values = {f.name: getattr(obj, f.name) for f in fields(cls) if f.name not in extra}
    values.update(extra)
    return cls(**values)


@dataclass(frozen=True, kw_only=True)
class ContactDetail(ContactChannels):
    id: str
    actor_id: str
    name: str
    role: str
    is_primary: bool
    consent_on: date | None
    consent_method: str
    consent_share_with_authorities: bool
    consent_note: str
    notes: str
    last_verified_on: date | None
    revision: int
    updated_at: datetime
    updated_by: str
    deleted_at: datetime | None


@dataclass(frozen=True)
class FacilityDetail:
    id: str
    actor_id: str
    name: str
    address: str
    capacity: int | None
    heating: str
    heating_without_mains: bool
    backup_power: bool
    backup_power_kind: str
    fuel_hours: int | None
    water: bool
    kitchen: bool
    accessible: bool
    key_holder_id: str | None
    notes: str
    last_verified_on: date | None
    revision: int
    deleted_at: datetime | None


@dataclass(frozen=True)
class CapabilityDetail:
    id: str
    actor_id: str
    category_key: str
    description: str
    capacity: int | None
    capacity_unit: str
    activation_minutes: int | None
    contact_id: str | None
    notes: str
    last_verified_on: date | None
    phases: tuple[str, ...]
    situations: tuple[str, ...]
    revision: int
    deleted_at: datetime | None


@dataclass(frozen=True)
class ActorDetail:
    id: str
    name: str
    kind: str
    area: str
    description: str
    basic_activity: str
    address: str
    website: str
    email: str | None
    phone: str | None
    membership_status: str
    membership_changed_on: date | None
    invited_by_id: str | None
    notes: str
    last_verified_on: date | None
    revision: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
    deleted_at: datetime | None
    contacts: tuple[ContactDetail, ...]
    capabilities: tuple[CapabilityDetail, ...]
    facilities: tuple[FacilityDetail, ...]

    def contact(self, contact_id: str) -> ContactDetail | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    @property
    def primary_contact(self) -> ContactDetail | None:
        return next(
            (c for c in self.contacts if c.is_primary), self.contacts[0] if self.contacts else None
        )
