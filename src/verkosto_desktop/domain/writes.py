"""The values each write operation of ``data`` takes: one ``TypedDict`` per kind of record, so
that a misspelt or unknown field fails the type check instead of raising ``KeyError`` at run
time. Every key is optional (an update names only what changes); the operations still clean
and check every value (``domain.records``), and a test keeps these keys and the cleaners' keys
the same."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypedDict


class ActorFields(TypedDict, total=False):
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


class ContactFields(TypedDict, total=False):
    name: str
    role: str
    mobile: str | None
    landline: str | None
    email: str | None
    radio: str
    walk_in: str
    without_mobile_network: bool
    reachable_24_7: bool
    is_primary: bool
    consent_on: date | None
    consent_method: str
    consent_share_with_authorities: bool
    consent_note: str
    notes: str
    last_verified_on: date | None


class FacilityFields(TypedDict, total=False):
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


class CapabilityFields(TypedDict, total=False):
    category_key: str
    description: str
    capacity: int | None
    capacity_unit: str
    activation_minutes: int | None
    contact_id: str | None
    notes: str
    last_verified_on: date | None
    phases: Sequence[str]
    situations: Sequence[str]


class ActivityFields(TypedDict, total=False):
    """An activity, a coordination meeting or a recovery activity."""

    kind: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    facility_id: str | None
    place: str
    organiser_id: str | None
    incident_id: str | None
    phase: str | None
    permanent: bool
    residents_involved: bool
    residents_note: str
    decisions: str
    next_meeting_at: datetime | None
    notes: str
    attendees: Sequence[str]


class ActionItemFields(TypedDict, total=False):
    title: str
    goal: str
    responsible_id: str | None
    phase: str | None
    situation_key: str | None
    due_on: date | None
    status: str
    residents_involved: bool
    incident_id: str | None
    capability_id: str | None
    notes: str


class FoundingStepFields(TypedDict, total=False):
    status: str
    done_on: date | None
    who: str
    notes: str
    residents_involvement: str


class NetworkFields(TypedDict, total=False):
    name: str
    area: str
    description: str
    how_it_works: str
    coordinator: str
    stale_after_months: int


class LogEntryFields(TypedDict, total=False):
    kind: str
    happened_at: datetime | None
    author: str
    actor_id: str | None
    text: str
    details: Mapping[str, Any]
    corrects_id: str | None


class IncidentFields(TypedDict, total=False):
    title: str
    area: str
    started_at: datetime | None
    convened_by_id: str | None
    convened_by_text: str
    description: str
    situations: Sequence[str]
