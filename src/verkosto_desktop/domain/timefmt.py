"""Times are stored in UTC and shown in the user's zone (Europe/Helsinki by default), the Finnish
way: ``28.11.2026``, ``12.03``, ``28.11.2026 klo 12.03``."""

from __future__ import annotations

from datetime import date, datetime

from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.domain.dates import MONTH_ABBREVIATIONS
from verkosto_desktop.i18n import _, current_language


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
