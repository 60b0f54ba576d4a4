"""Times are stored in UTC and shown in the user's zone (Europe/Helsinki by default), the Finnish
way: ``28.11.2026``, ``12.03``, ``28.11.2026 klo 12.03``."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from verkosto_desktop.domain.dates import MONTH_ABBREVIATIONS
from verkosto_desktop.i18n import _, current_language

DEFAULT_ZONE = "Europe/Helsinki"


def local_zone() -> ZoneInfo:
    """The zone times are shown in (``VERKOSTO_TZ`` overrides the default)."""
    name = os.environ.get("VERKOSTO_TZ", DEFAULT_ZONE)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def to_local(moment: datetime) -> datetime:
    """An aware datetime in the local zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(local_zone())


def now_local() -> datetime:
    """Now in the local zone."""
    return datetime.now(local_zone())


def format_date(day: date | datetime | None) -> str:
    """``28.11.2026`` (Finnish and Swedish), ``28 Nov 2026`` in English; empty for None."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_local(day).date()
    if current_language() == "en":
        return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def format_time(moment: datetime | None, seconds: bool = False) -> str:
    """``12.03`` (or ``12.03.15``) in Finnish, ``12:03`` in English; local time."""
    if moment is None:
        return ""
    local = to_local(moment)
    separator = ":" if current_language() == "en" else "."
    pattern = f"%H{separator}%M" + (f"{separator}%S" if seconds else "")
    return local.strftime(pattern)


def format_datetime(moment: datetime | None) -> str:
    """``28.11.2026 klo 12.03`` in Finnish; local time."""
    if moment is None:
        return ""
    return _("{date} at {time}").format(date=format_date(moment), time=format_time(moment))


def format_short(moment: datetime | None) -> str:
    """``28.11.2026 12.03``: date and time for a narrow column (a table cell, a log line)."""
    if moment is None:
        return ""
    return f"{format_date(moment)} {format_time(moment)}"
