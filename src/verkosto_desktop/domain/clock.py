"""The user's clock: times are stored in UTC and read in the user's zone (Europe/Helsinki by
default), and "today" is the date there."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


def local_today() -> date:
    """Today's date where the user is: what "verified today", file names and staleness count
    from. Not the machine's UTC date: at 00.30 in Helsinki it is already tomorrow there."""
    return now_local().date()
