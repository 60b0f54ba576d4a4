"""Rules of running an incident: which phase may follow which, the fields of a situation
assessment and how two assessments differ, and how long an incident has lasted, in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from verkosto_desktop.domain.enums import ActionStatus, IncidentPhase, LogKind, Phase
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.limits import limit_for
from verkosto_desktop.domain.records import Cleaner
from verkosto_desktop.domain.text_safety import check_text
from verkosto_desktop.domain.validation import clean_text, require_text
from verkosto_desktop.i18n import N_, _

# Forward only: an incident is never reopened, so the times of its transitions stay meaningful.
NEXT_PHASES: dict[IncidentPhase, tuple[IncidentPhase, ...]] = {
    IncidentPhase.RESPONSE: (IncidentPhase.RECOVERY, IncidentPhase.CLOSED),
    IncidentPhase.RECOVERY: (IncidentPhase.CLOSED,),
    IncidentPhase.CLOSED: (),
}

# Kinds typed into the log by hand; assessments have their own form and phase changes are
# written by the program itself.
MANUAL_LOG_KINDS: tuple[LogKind, ...] = (
    LogKind.OBSERVATION,
    LogKind.DECISION,
    LogKind.REQUEST,
    LogKind.TASK_UPDATE,
    LogKind.MESSAGE_IN,
    LogKind.MESSAGE_OUT,
)


# The statuses of an incident's task, in the order the task table groups them.
TASK_STATUSES: tuple[str, ...] = (
    ActionStatus.REQUESTED.value,
    ActionStatus.ACCEPTED.value,
    ActionStatus.IN_PROGRESS.value,
    ActionStatus.DONE.value,
    ActionStatus.CANCELLED.value,
)

OPEN_TASK_STATUSES: tuple[str, ...] = TASK_STATUSES[:3]


def can_move(current: str, target: str) -> bool:
    """Whether an incident in phase ``current`` may move to ``target``."""
    try:
        return IncidentPhase(target) in NEXT_PHASES[IncidentPhase(current)]
    except ValueError:
        return False


def capability_phase(incident_phase: str) -> str:
    """The readiness phase whose capabilities help now (a closed incident looks at recovery)."""
    return (
        Phase.RESPONSE.value if incident_phase == IncidentPhase.RESPONSE else Phase.RECOVERY.value
    )


@dataclass(frozen=True)
class AssessmentField:
    """One structured field of a situation assessment."""

    key: str
    label_id: str
    multiline: bool = False

    def label(self) -> str:
        return _(self.label_id)


ASSESSMENT_FIELDS: tuple[AssessmentField, ...] = (
    AssessmentField("assessed_by", N_("Assessed by")),
    AssessmentField("area", N_("Affected area")),
    AssessmentField("people", N_("Affected people")),
    AssessmentField("power", N_("Power")),
    AssessmentField("water", N_("Water")),
    AssessmentField("telecom", N_("Telecom")),
    AssessmentField("roads", N_("Roads")),
    AssessmentField("heating", N_("Heating")),
    AssessmentField("needs", N_("Needs"), multiline=True),
)
ASSESSMENT_KEYS: tuple[str, ...] = tuple(f.key for f in ASSESSMENT_FIELDS)


def assessment_lines(details: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The filled-in assessment fields of a log entry's ``details``, in the form's order, as
    (translated name, value); other details (ids of tasks and meetings) are not for reading."""
    return [
        (field.label(), str(details[field.key]))
        for field in ASSESSMENT_FIELDS
        if details.get(field.key) not in (None, "")
    ]


def clean_assessment(values: Mapping[str, Any]) -> dict[str, str]:
    """The known assessment fields, trimmed; unknown keys are a programming error."""
    unknown = set(values) - set(ASSESSMENT_KEYS)
    if unknown:
        raise KeyError(f"unknown assessment fields {sorted(unknown)}")
    return {
        key: check_text(str(values.get(key) or "").strip(), key, limit_for("note"))
        for key in ASSESSMENT_KEYS
    }


@dataclass(frozen=True)
class FieldComparison:
    """One row of two assessments side by side."""

    key: str
    label: str
    older: str
    newer: str

    @property
    def changed(self) -> bool:
        return self.older.strip() != self.newer.strip()


def compare_assessments(
    older: Mapping[str, Any] | None, newer: Mapping[str, Any] | None
) -> list[FieldComparison]:
    """Every assessment field of two assessments, side by side, marking what changed."""
    older = older or {}
    newer = newer or {}
    return [
        FieldComparison(f.key, f.label(), str(older.get(f.key) or ""), str(newer.get(f.key) or ""))
        for f in ASSESSMENT_FIELDS
    ]


def format_elapsed(start: datetime, now: datetime) -> str:
    """How long since ``start``, the way people say it: ``45 min``, ``5 h 20 min``, ``2 d 3 h``."""
    seconds = max(0, int((now - start).total_seconds()))
    minutes = seconds // 60
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    days, hours = divmod(hours, 24)
    return _("{days} d {hours} h").format(days=days, hours=hours)


def until_next_minute(start: datetime, now: datetime) -> timedelta:
    """Time until the elapsed-time text next changes (so a clock can tick only then)."""
    seconds = max(0.0, (now - start).total_seconds())
    return timedelta(seconds=60 - (seconds % 60))


def _moment(value: Any, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(field, _("A time without a time zone: {text}").format(text=value))
    return value


def _situations(value: Any, field: str) -> list[str]:
    return sorted({str(item).strip() for item in value or () if str(item).strip()})


INCIDENT_FIELDS: dict[str, Cleaner] = {
    "title": lambda value, field: require_text(
        None if value is None else str(value), field, _("Title")
    ),
    "area": lambda value, field: clean_text(None if value is None else str(value), field),
    "started_at": _moment,
    "convened_by_id": lambda value, field: str(value) if value else None,
    "convened_by_text": lambda value, field: clean_text(
        None if value is None else str(value), field
    ),
    "description": lambda value, field: clean_text(None if value is None else str(value), field),
    "situations": _situations,
}
