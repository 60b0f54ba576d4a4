"""Dates and times as people type them, the one parser every field and command uses.

Dates: ``28.11.2026`` (the Finnish way), ``28.11.26``, ``28.11.`` (this year, as on a paper
form), ``2026-11-28``, and ``28 Nov 2026`` (what the English window shows). Times of day:
``9``, ``9.30`` or ``09:30``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time

from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _

# English month names are fixed (not the process locale's), so what is shown can be read back.
MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_ABBREVIATIONS, start=1)}

# d.m.yyyy, d.m.yy or d.m. (a trailing dot after the year, as in "14.3.2026.", is allowed).
_FINNISH = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(?:(\d{4}|\d{2})\.?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ENGLISH = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3})\.?\s+(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")


def _year(text: str | None, today: date | None) -> int:
    if text is None:
        return (today or local_today()).year
    return int(text) + 2000 if len(text) == 2 else int(text)


def _parts(cleaned: str, today: date | None) -> tuple[int, int, int] | None:
    """(year, month, day) of a text in one of the accepted forms, None for any other text."""
    finnish = _FINNISH.match(cleaned)
    if finnish:
        day, month, year = finnish.groups()
        return _year(year, today), int(month), int(day)
    iso = _ISO.match(cleaned)
    if iso:
        year, month, day = iso.groups()
        return int(year), int(month), int(day)
    english = _ENGLISH.match(cleaned)
    if english and english.group(2).lower() in _MONTHS:
        day, month_name, year = english.groups()
        return int(year), _MONTHS[month_name.lower()], int(day)
    return None


def parse_date(text: str | None, field: str = "date", today: date | None = None) -> date | None:
    """The date in ``text``, or ``None`` for an empty text; ``ValidationError`` (naming
    ``field``) for anything that is not a real date in one of the accepted forms.

    ``28.11.`` (no year) means the year of ``today`` (default: this year); a two-digit year is
    20xx.
    """
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    parts = _parts(cleaned, today)
    if parts is not None:
        try:
            return date(*parts)
        except ValueError:
            pass  # 31.2.2026: the right shape, but no such day
    raise ValidationError(
        field, _("Not a date: {text} (write it like 28.11.2026)").format(text=cleaned)
    )


def parse_time(text: str | None, field: str = "time") -> time | None:
    """The time of day typed (``9``, ``9.30``, ``09:30``), ``None`` for an empty text;
    ``ValidationError`` otherwise."""
    value = (text or "").strip()
    if not value:
        return None
    match = _TIME.match(value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValidationError(
        field, _("Not a time of day: {text} (write e.g. 9.30)").format(text=value)
    )


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier, or the last day of that month when it
    is shorter (31.3.2026 → 28.2.2026 one month back; 29.2.2024 → 28.2.2023 a year back).

    The one rule for "not verified in N months": the register's filter, the dashboard's health
    checks and the call round's choice of whom to call all count from it."""
    year, month = divmod(day.month - 1 - months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
