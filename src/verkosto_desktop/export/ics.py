"""Activities as an iCalendar file (``.ics``) that people can put into their own calendars.

Times are written in UTC (``…Z``), which every calendar converts to the reader's zone; the UID is
the activity's id, so importing a newer export updates the events instead of duplicating them.
Every event has an end (``DTEND``): see ``domain.activity_times``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Protocol

import vobject
from vobject.icalendar import utc as ICAL_UTC

from verkosto_desktop.domain.activity_times import calendar_span
from verkosto_desktop.domain.clock import local_zone
from verkosto_desktop.domain.enums import ActivityKind
from verkosto_desktop.domain.text_safety import one_line, printable
from verkosto_desktop.export.template.writing import write_bytes_atomically
from verkosto_desktop.i18n import _

UID_DOMAIN = "verkosto.invalid"


class CalendarActivity(Protocol):
    """What the export needs of an activity (``data.activities.ActivityDetail`` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime | None: ...
    @property
    def place_text(self) -> str: ...
    @property
    def organiser_name(self) -> str: ...
    @property
    def attendee_names(self) -> tuple[str, ...]: ...
    @property
    def residents_involved(self) -> bool: ...
    @property
    def notes(self) -> str: ...
    @property
    def revision(self) -> int: ...
    @property
    def updated_at(self) -> datetime: ...


def _utc(moment: datetime) -> datetime:
    # vobject writes "…Z" only for dateutil's UTC object; the standard library's makes it fail.
    return moment.astimezone(ICAL_UTC)


def _description(activity: CalendarActivity) -> str:
    lines = [ActivityKind.label_of(activity.kind)]
    if activity.organiser_name:
        lines.append(_("Organiser: {name}").format(name=activity.organiser_name))
    if activity.attendee_names:
        lines.append(_("Participants: {names}").format(names=", ".join(activity.attendee_names)))
    if activity.residents_involved:
        lines.append(_("Residents take part."))
    if activity.notes:
        lines.extend(("", activity.notes))
    return "\n".join(lines)


def calendar_text(
    activities: Sequence[CalendarActivity], name: str = "", zone: tzinfo | None = None
) -> str:
    """The iCalendar text of ``activities`` (a calendar named ``name``). Every event ends: at
    the activity's end, else after its kind's usual length, or it is an all-day event when it
    has no time of day (``domain.activity_times``; ``zone`` decides what midnight is, by
    default the user's zone)."""
    zone = zone or local_zone()
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = "-//Verkosto//Verkosto desktop//FI"
    if name:
        calendar.add("x-wr-calname").value = one_line(name)
    for activity in activities:
        event = calendar.add("vevent")
        event.add("uid").value = f"{activity.id}@{UID_DOMAIN}"
        event.add("dtstamp").value = _utc(activity.updated_at)
        span = calendar_span(activity.kind, activity.starts_at, activity.ends_at, zone)
        # vobject's properties hold dates and times; types-vobject types ``value`` as text only.
        if span.all_day:
            event.add("dtstart").value = span.start  # type: ignore[assignment]
            event.add("dtend").value = span.end  # type: ignore[assignment]
        else:
            assert isinstance(span.start, datetime) and isinstance(span.end, datetime)
            event.add("dtstart").value = _utc(span.start)  # type: ignore[assignment]
            event.add("dtend").value = _utc(span.end)  # type: ignore[assignment]
        event.add("summary").value = one_line(activity.title)
        if activity.place_text:
            event.add("location").value = one_line(activity.place_text)
        event.add("description").value = printable(_description(activity))
        event.add("categories").value = [ActivityKind.label_of(activity.kind)]
        # SEQUENCE tells calendars which copy of a re-imported event is newer.
        event.add("sequence").value = str(max(activity.revision - 1, 0))
    return str(calendar.serialize())


def write_ics(path: Path, activities: Sequence[CalendarActivity], name: str = "") -> Path:
    """Write ``activities`` to ``path`` as an ``.ics`` file (all or nothing; ``ExportFailed``
    says why a write failed)."""
    write_bytes_atomically(path, calendar_text(activities, name).encode("utf-8"))
    return Path(path)
