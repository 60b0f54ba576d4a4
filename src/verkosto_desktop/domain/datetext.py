"""Dates and times as people type them: ``14.3.2026`` or ``2026-03-14``; ``9.30`` or ``09:30``."""

from __future__ import annotations

import re
from datetime import date, time

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _

_FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
_TIME = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")


def parse_date(text: str, field: str = "date") -> date | None:
    """The date typed, ``None`` for an empty text; ``ValidationError`` when it is no date."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        match = _FINNISH_DATE.match(value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValidationError(
        field, _("Not a date: {text} (write e.g. 2026-03-14 or 14.3.2026)").format(text=value)
    )


def parse_time(text: str, field: str = "time") -> time | None:
    """The time of day typed (``9``, ``9.30``, ``09:30``), ``None`` for an empty text."""
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
