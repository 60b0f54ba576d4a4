"""How old the paper is, in words: "Tulostuspaketti 12 päivää vanha, 40 muutosta sen jälkeen"."""

from __future__ import annotations

from verkosto_desktop.i18n import _


def pack_age_text(days: int | None, changes: int = 0) -> str:
    """The print pack's age (``days`` None: none was ever made) and the changes it lacks."""
    if days is None:
        return _("No print pack has been made from this file")
    if days == 0:
        age = _("Print pack made today")
    elif days == 1:
        age = _("Print pack 1 day old")
    else:
        age = _("Print pack {days} days old").format(days=days)
    if changes == 0:
        since = _("no changes since")
    elif changes == 1:
        since = _("1 change since")
    else:
        since = _("{count} changes since").format(count=changes)
    return f"{age}, {since}"


def pack_is_stale(days: int | None, changes: int, max_days: int = 7) -> bool:
    """Whether the paper should be printed again: none made, older than ``max_days``, or the
    data changed since."""
    return days is None or days > max_days or changes > 0
