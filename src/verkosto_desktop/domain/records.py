"""Field rules for each kind of record: what may be stored, normalised before it is.

Each ``clean_*`` function takes a mapping of field name to typed value (what the user entered) and
returns the values to store, raising ``ValidationError`` naming the first field that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from verkosto_desktop.domain.dates import parse_date
from verkosto_desktop.domain.enums import (
    ActionStatus,
    ActivityKind,
    ActorKind,
    LabelledEnum,
    LogKind,
    MembershipStatus,
    Phase,
    StepStatus,
)
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.phones import normalise_phone
from verkosto_desktop.domain.validation import (
    clean_text,
    non_negative_int,
    normalise_email,
    require_text,
)
from verkosto_desktop.i18n import _

Cleaner = Callable[[Any, str], Any]


def _text(value: Any, field: str) -> str:
    return clean_text(None if value is None else str(value), field)


def _name(value: Any, field: str) -> str:
    return require_text(None if value is None else str(value), field, _("Name"))


def _title(value: Any, field: str) -> str:
    return require_text(None if value is None else str(value), field, _("Title"))


def _phone(value: Any, field: str) -> str | None:
    return normalise_phone(None if value is None else str(value), field)


def _email(value: Any, field: str) -> str | None:
    return normalise_email(None if value is None else str(value), field)


def _bool(value: Any, field: str) -> bool:
    return bool(value)


def _int(value: Any, field: str) -> int | None:
    return non_negative_int(value, field, _("The number"))


# The network's verification period, in months: contacts not verified within it count as stale.
STALE_MONTHS_RANGE = (1, 60)


def _months(value: Any, field: str) -> int:
    number = non_negative_int(value, field, _("The verification period"))
    low, high = STALE_MONTHS_RANGE
    if number is None or not low <= number <= high:
        raise ValidationError(
            field,
            _("The verification period must be {low}–{high} months").format(low=low, high=high),
        )
    return number


def _date(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value), field)


def _datetime(value: Any, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValidationError(field, _("A time without a time zone: {text}").format(text=value))
        return value
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(field, _("Not a time: {text}").format(text=value)) from None
    if parsed.tzinfo is None:
        raise ValidationError(field, _("A time without a time zone: {text}").format(text=value))
    return parsed


def _required_datetime(value: Any, field: str) -> datetime:
    parsed = _datetime(value, field)
    if parsed is None:
        raise ValidationError(field, _("A time is required"))
    return parsed


def _enum(enum_type: type[LabelledEnum]) -> Callable[[Any, str], str]:
    def clean(value: Any, field: str) -> str:
        try:
            return str(enum_type.parse(str(value)))
        except ValueError as error:
            raise ValidationError(field, str(error)) from None

    return clean


def _optional_enum(enum_type: type[LabelledEnum]) -> Cleaner:
    inner = _enum(enum_type)

    def clean(value: Any, field: str) -> str | None:
        if value is None or value == "":
            return None
        return inner(value, field)

    return clean


def _phases(value: Any, field: str) -> list[str]:
    items: Iterable[Any] = value or ()
    result = sorted({_enum(Phase)(item, field) for item in items})
    return result


def _keys(value: Any, field: str) -> list[str]:
    items: Iterable[Any] = value or ()
    return sorted({str(item) for item in items if str(item).strip()})


def _optional_id(value: Any, field: str) -> str | None:
    return str(value) if value else None


def _json(value: Any, field: str) -> Any:
    return value


ACTOR_FIELDS: dict[str, Cleaner] = {
    "name": _name,
    "kind": _enum(ActorKind),
    "area": _text,
    "description": _text,
    "basic_activity": _text,
    "address": _text,
    "website": _text,
    "email": _email,
    "phone": _phone,
    "membership_status": _enum(MembershipStatus),
    "membership_changed_on": _date,
    "invited_by_id": _optional_id,
    "notes": _text,
    "last_verified_on": _date,
}

CONTACT_FIELDS: dict[str, Cleaner] = {
    "name": _name,
    "role": _text,
    "mobile": _phone,
    "landline": _phone,
    "email": _email,
    "radio": _text,
    "walk_in": _text,
    "without_mobile_network": _bool,
    "reachable_24_7": _bool,
    "is_primary": _bool,
    "consent_on": _date,
    "consent_method": _text,
    "consent_share_with_authorities": _bool,
    "consent_note": _text,
    "notes": _text,
    "last_verified_on": _date,
}

FACILITY_FIELDS: dict[str, Cleaner] = {
    "name": _name,
    "address": _text,
    "capacity": _int,
    "heating": _text,
    "heating_without_mains": _bool,
    "backup_power": _bool,
    "backup_power_kind": _text,
    "fuel_hours": _int,
    "water": _bool,
    "kitchen": _bool,
    "accessible": _bool,
    "key_holder_id": _optional_id,
    "notes": _text,
    "last_verified_on": _date,
}

CAPABILITY_FIELDS: dict[str, Cleaner] = {
    "category_key": _text,
    "description": _text,
    "capacity": _int,
    "capacity_unit": _text,
    "activation_minutes": _int,
    "contact_id": _optional_id,
    "notes": _text,
    "last_verified_on": _date,
    "phases": _phases,
    "situations": _keys,
}

ACTIVITY_FIELDS: dict[str, Cleaner] = {
    "kind": _enum(ActivityKind),
    "title": _title,
    "starts_at": _required_datetime,
    "ends_at": _datetime,
    "facility_id": _optional_id,
    "place": _text,
    "organiser_id": _optional_id,
    "incident_id": _optional_id,
    "phase": _optional_enum(Phase),
    "permanent": _bool,
    "residents_involved": _bool,
    "residents_note": _text,
    "decisions": _text,
    "next_meeting_at": _datetime,
    "notes": _text,
    "attendees": _keys,
}

ACTION_ITEM_FIELDS: dict[str, Cleaner] = {
    "title": _title,
    "goal": _text,
    "responsible_id": _optional_id,
    "phase": _optional_enum(Phase),
    "situation_key": _optional_id,
    "due_on": _date,
    "status": _enum(ActionStatus),
    "residents_involved": _bool,
    "incident_id": _optional_id,
    "capability_id": _optional_id,
    "notes": _text,
}

FOUNDING_STEP_FIELDS: dict[str, Cleaner] = {
    "status": _enum(StepStatus),
    "done_on": _date,
    "who": _text,
    "notes": _text,
    "residents_involvement": _text,
}

NETWORK_FIELDS: dict[str, Cleaner] = {
    "name": _name,
    "area": _text,
    "description": _text,
    "how_it_works": _text,
    "coordinator": _text,
    "stale_after_months": _months,
}

LOG_ENTRY_FIELDS: dict[str, Cleaner] = {
    "kind": _enum(LogKind),
    "happened_at": _required_datetime,
    "author": _text,
    "actor_id": _optional_id,
    "text": _text,
    "details": _json,
    "corrects_id": _optional_id,
}


def clean(rules: Mapping[str, Cleaner], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Apply ``rules`` to ``fields``; unknown names are a programming error (``KeyError``)."""
    result: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in rules:
            raise KeyError(f"unknown field {name!r}")
        result[name] = rules[name](value, name)
    return result
