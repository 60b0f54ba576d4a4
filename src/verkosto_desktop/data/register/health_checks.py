"""The register health checks, defined once: each is a verdict on a few counts of the actor's
live contact persons (all of them, the stale ones, those reachable 24/7, those with a phone,
those without consent) and two facts of the actor itself (its own phone, a live capability).

The counts come from one of two places and go through the same ``verdict``:
``counted_per_actor`` counts in correlated subqueries, which is what the register's filter needs
(a condition on each actor it lists); ``contact_counts`` counts every actor's contacts in one
grouped pass over an index, which is what the dashboard needs (every actor at once: eight
correlated subqueries per actor took 2.4 s of CPU for 100,000 actors). A count on the dashboard
and the list its filter opens therefore answer one question with one definition.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from sqlalchemy import ColumnElement, Subquery, and_, func, not_, or_, select

from verkosto_desktop.data.models import Actor, Contact
from verkosto_desktop.domain.dates import months_before

# The health checks decided by ``verdict`` (the inactivity of members depends on activities,
# not on the actor's own records: the register search defines it).
VERDICT_KEYS = (
    "stale_contacts",
    "all_contacts_stale",
    "no_24_7",
    "no_phone",
    "no_capability",
    "no_consent",
)
# The counts of live contact persons the verdicts are made on.
COUNTS = ("live", "stale", "reachable", "phoned", "unconsented")

Count = Callable[[str], ColumnElement[int]]


def stale_contact(today: date, months: int) -> ColumnElement[bool]:
    """The condition on ``Contact``: not verified within ``months`` months before ``today``."""
    cutoff = months_before(today, months)
    return or_(Contact.last_verified_on.is_(None), Contact.last_verified_on < cutoff)


def _counted(today: date, months: int) -> dict[str, ColumnElement[bool] | None]:
    # What each count counts among the live contacts (None: every one of them).
    return {
        "live": None,
        "stale": stale_contact(today, months),
        "reachable": Contact.reachable_24_7.is_(True),
        "phoned": or_(Contact.mobile.is_not(None), Contact.landline.is_not(None)),
        "unconsented": Contact.consent_on.is_(None),
    }


def verdict(key: str, count: Count, capable: ColumnElement[bool]) -> ColumnElement[bool]:
    """The condition on ``Actor`` of the health check ``key`` (one of ``VERDICT_KEYS``), given
    its contact counts (``count(name)``, a name of ``COUNTS``) and whether it offers a live
    capability."""
    if key == "stale_contacts":
        return count("stale") > 0
    if key == "all_contacts_stale":
        return and_(count("live") > 0, count("stale") == count("live"))
    if key == "no_24_7":
        return count("reachable") == 0
    if key == "no_phone":
        return and_(Actor.phone.is_(None), count("phoned") == 0)
    if key == "no_capability":
        return not_(capable)
    if key == "no_consent":
        return count("unconsented") > 0
    raise ValueError(f"unknown health key {key!r}")


def counted_per_actor(today: date, months: int) -> Count:
    """The contact counts of each ``Actor`` row, as correlated subqueries (the register's
    filter)."""
    counted = _counted(today, months)

    def count(name: str) -> ColumnElement[int]:
        query = select(func.count()).where(
            Contact.actor_id == Actor.id, Contact.deleted_at.is_(None)
        )
        condition = counted[name]
        if condition is not None:
            query = query.where(condition)
        return query.scalar_subquery()

    return count


def contact_counts(today: date, months: int, actor_ids: Collection[str] | None = None) -> Subquery:
    """Every count of ``COUNTS`` per actor that has a live contact (column ``actor_id`` and one
    column per count), in one grouped pass over the contacts (of ``actor_ids`` when given).
    Actors without a live contact have no row: every count of theirs is nought."""
    counted = _counted(today, months)
    # count(...) FILTER (WHERE ...): a whole number on SQLite and PostgreSQL alike, and less work
    # per contact than a sum of CASE.
    columns = [
        (
            func.count(Contact.actor_id)
            if condition is None
            else func.count(Contact.actor_id).filter(condition)
        ).label(name)
        for name, condition in counted.items()
    ]
    query = (
        select(Contact.actor_id.label("actor_id"), *columns)
        .where(Contact.deleted_at.is_(None))
        .group_by(Contact.actor_id)
    )
    if actor_ids is not None:
        query = query.where(Contact.actor_id.in_(list(actor_ids)))
    return query.subquery("contact_counts")
