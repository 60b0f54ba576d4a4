"""When an activity ends on a calendar: its own end, else the usual length of its kind, and an
activity with no time of day (entered as a date only) lasts the whole day. Calendars show an
event without an end as zero-length, which nobody notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from verkosto_desktop.domain.enums import ActivityKind

# The usual length of each kind of activity, when its end was not recorded.
USUAL_MINUTES = {
    ActivityKind.MEETING: 120,
    ActivityKind.COORDINATION_MEETING: 90,
    ActivityKind.TRAINING: 180,
    ActivityKind.EXERCISE: 240,
    ActivityKind.EVENT: 180,
    ActivityKind.CLUB: 120,
    ActivityKind.RECOVERY_ACTIVITY: 120,
    ActivityKind.OTHER: 60,
}
DEFAULT_MINUTES = 60


def usual_length(kind: str) -> timedelta:
    """The usual length of an activity of ``kind`` (an hour for an unknown kind)."""
    try:
        return timedelta(minutes=USUAL_MINUTES[ActivityKind(kind)])
    except ValueError:
        return timedelta(minutes=DEFAULT_MINUTES)


@dataclass(frozen=True)
class CalendarSpan:
    """An event's start and end: aware datetimes, or dates for an all-day event (the end is
    the day after the last day, as iCalendar's DTEND of a date is exclusive)."""

    start: datetime | date
    end: datetime | date

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def calendar_span(
    kind: str, starts_at: datetime, ends_at: datetime | None, zone: tzinfo
) -> CalendarSpan:
    """The span of an activity on a calendar. Starting at midnight local time with no end means
    no time of day was given: an all-day event. An end before the start is not kept."""
    if ends_at is not None and ends_at > starts_at:
        return CalendarSpan(starts_at, ends_at)
    local = starts_at.astimezone(zone)
    if ends_at is None and (local.hour, local.minute, local.second) == (0, 0, 0):
        return CalendarSpan(local.date(), local.date() + timedelta(days=1))
    return CalendarSpan(starts_at, starts_at + usual_length(kind))
