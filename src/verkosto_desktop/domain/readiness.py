"""Words and rules of the readiness picture, shared by the dashboard and the printed sheet so that
both say the same thing: coverage levels, the gap marker, and the register health checks.

Every colour the dashboard uses has a twin in text or a symbol (the count, the gap marker), so the
picture reads the same in greyscale print and for people who do not tell colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.domain.timefmt import format_datetime, format_time
from verkosto_desktop.i18n import N_, _, current_language

GAP_SYMBOL = "⚠"
OK_SYMBOL = "✓"

# Levels of the coverage scale: 0 is a gap (nobody), 1–3 are thirds of the largest count shown.
GAP_LEVEL = 0
TOP_LEVEL = 3


def coverage_level(actors: int, most: int) -> int:
    """The level of a cell on the colour scale: 0 for nobody, else 1–3 relative to ``most``."""
    if actors <= 0:
        return GAP_LEVEL
    if most <= 0:
        return 1
    return max(1, min(TOP_LEVEL, -(-actors * TOP_LEVEL // most)))


def number_text(count: int) -> str:
    """``28 918`` (a no-break space between thousands; ``28,918`` in English)."""
    grouped = f"{count:,}"
    return grouped if current_language() == "en" else grouped.replace(",", "\u00a0")


def actors_text(count: int) -> str:
    """``1 toimija`` / ``5 toimijaa``."""
    return _("1 actor") if count == 1 else _("{n} actors").format(n=number_text(count))


def capabilities_text(count: int) -> str:
    """``1 osaaminen`` / ``5 osaamista``."""
    if count == 1:
        return _("1 capability")
    return _("{n} capabilities").format(n=number_text(count))


def gap_text() -> str:
    """What a gap cell says, with its symbol (never colour alone)."""
    return f"{GAP_SYMBOL} " + _("nobody")


def gap_explanation() -> str:
    """The longer sentence for tooltips, legends and screen readers."""
    return _("Gap: nobody in the network has said they can act here.")


@dataclass(frozen=True)
class HealthCheck:
    """One register health check: its key (the search's health filter) and its words."""

    key: str
    name: str  # N_ marked; the filter's short name (the register's chip, a printed list's header)
    title: str  # N_ marked; what is wrong, as a heading
    ok: str  # N_ marked; shown when nobody is affected
    counts_contacts: bool = False  # the check is about contact persons (their count is shown)

    def title_text(self, months: int) -> str:
        return _(self.title).format(months=months)

    def ok_text(self, months: int) -> str:
        return _(self.ok).format(months=months)


HEALTH_CHECKS: tuple[HealthCheck, ...] = (
    HealthCheck(
        "stale_contacts",
        N_("Contacts not verified lately"),
        N_("Contacts not verified in {months} months"),
        N_("Every contact verified within {months} months"),
        counts_contacts=True,
    ),
    HealthCheck(
        "all_contacts_stale",
        N_("No contact verified lately"),
        N_("Actors whose every contact is unverified for {months} months"),
        N_("Every actor has a contact verified within {months} months"),
    ),
    HealthCheck(
        "no_24_7",
        N_("No contact reachable 24/7"),
        N_("Actors with no contact reachable 24/7"),
        N_("Every actor has a contact reachable 24/7"),
    ),
    HealthCheck(
        "no_phone",
        N_("No phone number"),
        N_("Actors with no phone number at all"),
        N_("Every actor has a phone number"),
    ),
    HealthCheck(
        "no_capability",
        N_("No capabilities recorded"),
        N_("Actors with no capability recorded"),
        N_("Every actor has at least one capability"),
    ),
    HealthCheck(
        "no_consent",
        N_("Contacts without recorded consent"),
        N_("Contacts with no recorded consent"),
        N_("Every contact has a recorded consent"),
        counts_contacts=True,
    ),
    HealthCheck(
        "inactive_members",
        N_("Members absent from activities"),
        N_("Members with no activity in the last {months} months"),
        N_("Every member took part in an activity in the last {months} months"),
    ),
)

HEALTH_BY_KEY: dict[str, HealthCheck] = {check.key: check for check in HEALTH_CHECKS}


def health_name(key: str) -> str:
    """The translated short name of a health filter (the key itself when it is unknown)."""
    check = HEALTH_BY_KEY.get(key)
    return _(check.name) if check else key


# Activity is measured over a fixed year, whatever the contact verification period is.
ACTIVITY_MONTHS = 12


def contacts_text(count: int) -> str:
    """``1 yhteyshenkilö`` / ``5 yhteyshenkilöä``."""
    return _("1 contact") if count == 1 else _("{n} contacts").format(n=number_text(count))


def health_count_text(actors: int, contacts: int | None) -> str:
    """``12 toimijaa (31 yhteyshenkilöä)``; the contact count only for contact checks."""
    text = actors_text(actors)
    return text if contacts is None else f"{text} ({contacts_text(contacts)})"


def elapsed_text(seconds: float) -> str:
    """How long an incident has gone on: ``45 min``, ``5 h 12 min``, ``2 vrk 3 h``."""
    minutes = max(0, int(seconds // 60))
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return _("{days} d {hours} h").format(days=days, hours=hours)
    if hours:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    return _("{minutes} min").format(minutes=minutes)


def moment_text(moment: datetime, now: datetime) -> str:
    """A log entry's time: ``23.58`` today, ``27.11.2026 klo 23.58`` on another day (local)."""
    if to_local(moment).date() == to_local(now).date():
        return format_time(moment)
    return format_datetime(moment)
