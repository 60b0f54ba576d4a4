"""How values read on paper: phone numbers the Finnish way, durations, capacities, labels of
stable keys (unknown keys are shown as they are rather than failing)."""

from __future__ import annotations

from collections.abc import Sequence

from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.i18n import _, current_language


def phone(e164: str | None) -> str:
    """``040 123 4567`` (foreign numbers keep their ``+``); empty for None."""
    return format_phone(e164)


def duration(minutes: int | None) -> str:
    """An activation time: ``30 min``, ``2 h``, ``1 h 30 min``, ``2 vrk``; empty for None."""
    if minutes is None:
        return ""
    if minutes >= 1440 and minutes % 1440 == 0:
        return _("{days} d").format(days=minutes // 1440)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


def capacity(amount: int | None, unit: str) -> str:
    """``8 henkilöä``; the unit alone when there is no number; empty when neither."""
    if amount is None:
        return unit
    return f"{amount} {unit}".strip()


def catalogue_name(entries: Sequence[CatalogueEntry], key: str | None) -> str:
    """The name of a catalogue entry in the current language (the key if it is unknown)."""
    if not key:
        return ""
    for entry in entries:
        if entry.key == key:
            return entry.name(current_language())
    return key


def yes(flag: bool) -> str:
    """``kyllä`` for True, empty for False (a column of marks)."""
    return _("yes") if flag else ""
