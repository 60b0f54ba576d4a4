"""Where a version of a record came from, as the history shows it: a person on this laptop, or
a bundle from another laptop ("from SPR Esimerkkilän osasto, bundle of 6.12.2026")."""

from __future__ import annotations

from datetime import datetime

from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _

_MARK = "\u21c4"  # ⇄, never typed in a user name
_LIMIT = 200  # the width of ``updated_by``


def merged_by(site_name: str, bundle_made_at: datetime) -> str:
    """What a merged change writes as its author: the sending site and the bundle's time."""
    stamp = bundle_made_at.isoformat()
    room = _LIMIT - len(stamp) - 2 * len(_MARK)
    return f"{_MARK}{site_name[:room]}{_MARK}{stamp}"


def merged_from(saved_by: str) -> tuple[str, datetime] | None:
    """(site name, bundle time) when ``saved_by`` was written by a merge, else None."""
    if not saved_by.startswith(_MARK) or saved_by.count(_MARK) != 2:
        return None
    _empty, site, stamp = saved_by.split(_MARK)
    try:
        return site, datetime.fromisoformat(stamp)
    except ValueError:
        return None


def describe_author(saved_by: str) -> str:
    """The author of a version in words: the user and device, or the bundle it came in."""
    merged = merged_from(saved_by)
    if merged is None:
        return saved_by
    site, made_at = merged
    return _("from {site}, bundle of {date}").format(site=site, date=format_date(to_local(made_at)))
