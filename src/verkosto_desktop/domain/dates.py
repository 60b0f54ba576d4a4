"""Dates as people type them: ``28.11.2026`` (the Finnish way), ``28.11.26`` or ``2026-11-28``."""

from __future__ import annotations

import calendar
import re
from datetime import date

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _

_FINNISH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str | None, field: str, today: date | None = None) -> date | None:
    """The date in ``text``, or ``None`` for an empty field; ``ValidationError`` otherwise.

    ``28.11.`` (no year) means this year, as it does on a paper form; a two-digit year is 20xx.
    """
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    finnish = _FINNISH.match(cleaned)
    iso = _ISO.match(cleaned)
    try:
        if finnish:
            day, month, year_text = finnish.groups()
            year = (today or date.today()).year if year_text is None else int(year_text)
            if year_text is not None and len(year_text) == 2:
                year += 2000
            return date(year, int(month), int(day))
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise ValidationError(
        field, _("Not a date: {text} (write it like 28.11.2026)").format(text=cleaned)
    )


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier, or the last day of that month when it
    is shorter (31.3.2026 → 28.2.2026 one month back; 29.2.2024 → 28.2.2023 a year back).

    The one rule for "not verified in N months": the register's filter, the dashboard's health
    checks and the call round's choice of whom to call all count from it."""
    year, month = divmod(day.month - 1 - months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
