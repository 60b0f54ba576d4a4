"""Register health: how many actors each health check finds (stale or missing contacts, no 24/7
contact, no phone, no capability, no consent, inactive members).

Each count uses the register filter's own verdict (``register.health_checks.verdict``) on counts
made in one grouped pass over the contacts, and each item carries the filter that opens exactly
the counted actors. A full read lets SQL count the actors per combination of verdicts (no Python
row per actor: 100,000 of them cost 0.3 s of CPU); the tally then reads what each actor
contributes, so that an edit re-reads only the actors it touched.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce

from sqlalchemy import ColumnElement, Connection, Row, case, exists, func, literal, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import Activity, Actor, Contact
from verkosto_desktop.data.models.types import AnySelect
from verkosto_desktop.data.register.health_checks import Count, contact_counts, verdict
from verkosto_desktop.data.register.search import ActorFilter, health_condition, offers_capability
from verkosto_desktop.domain.readiness import ACTIVITY_MONTHS, HEALTH_CHECKS

# The checks kept actor by actor; "inactive_members" depends on activities, which are not the
# actor's own records, so it is counted afresh each time (one indexed query).
ACTOR_CHECKS: tuple[str, ...] = tuple(
    check.key for check in HEALTH_CHECKS if check.key != "inactive_members"
)
# Each actor's verdicts travel as one integer: the bit of each check it fails.
_BIT = {key: 1 << i for i, key in enumerate(ACTOR_CHECKS)}
_CHUNK = 500

# What one actor contributes: its verdicts' bits, its stale and its unconsented contact persons.
Contribution = tuple[int, int, int]


@dataclass(frozen=True)
class HealthItem:
    """One health check's result and the register filter that lists the actors it found."""

    key: str
    actors: int
    contacts: int | None  # contact persons concerned, for the checks about contacts
    filter: ActorFilter

    @property
    def ok(self) -> bool:
        return self.actors == 0


@dataclass(frozen=True)
class RegisterHealth:
    items: tuple[HealthItem, ...]
    months: int  # the configured verification period
    today: date

    def item(self, key: str) -> HealthItem | None:
        return next((i for i in self.items if i.key == key), None)


def health_filter(key: str, today: date, months: int) -> ActorFilter:
    """The register filter of one health check, on ``today`` with the verification period."""
    period = ACTIVITY_MONTHS if key == "inactive_members" else months
    return ActorFilter(health=key, health_months=period, today=today)


def _verdicts(count: Count) -> ColumnElement[int]:
    # The sum of the bits of the checks whose verdict holds.
    capable = offers_capability()
    bits = [case((verdict(key, count, capable), bit), else_=0) for key, bit in _BIT.items()]
    return reduce(operator.add, bits)


def _contributions(
    today: date, months: int, actor_ids: Sequence[str] | None
) -> tuple[AnySelect, AnySelect]:
    """Each live actor's contribution (columns ``actor_id``, ``verdicts``, ``stale``,
    ``unconsented``): of the actors with a live contact, counted in one grouped pass over the
    contacts, and of those without one (every count nought); of ``actor_ids`` when given."""
    counts = contact_counts(today, months, actor_ids)
    contacted = (
        select(
            Actor.id.label("actor_id"),
            _verdicts(lambda name: counts.c[name]).label("verdicts"),
            counts.c.stale.label("stale"),
            counts.c.unconsented.label("unconsented"),
        )
        .select_from(counts)
        .join(Actor, Actor.id == counts.c.actor_id)
        .where(Actor.deleted_at.is_(None))
    )
    nought = literal(0)
    live_contact = select(literal(1)).where(
        Contact.actor_id == Actor.id, Contact.deleted_at.is_(None)
    )
    alone = select(
        Actor.id.label("actor_id"),
        _verdicts(lambda _name: nought).label("verdicts"),
        nought.label("stale"),
        nought.label("unconsented"),
    ).where(Actor.deleted_at.is_(None), ~exists(live_contact))
    if actor_ids is not None:
        alone = alone.where(Actor.id.in_(list(actor_ids)))
    return contacted, alone


def _histogram(contributions: AnySelect) -> AnySelect:
    # Actors per combination of verdicts, with their stale and unconsented contact persons:
    # a few dozen rows however many actors there are.
    rows = contributions.subquery()
    return select(
        rows.c.verdicts, func.count(), func.sum(rows.c.stale), func.sum(rows.c.unconsented)
    ).group_by(rows.c.verdicts)


class HealthTally:
    """How many actors fail each actor check, for one day and period (one user at a time).

    A full read counts in SQL (actors per combination of verdicts), with no Python row per
    actor. To follow edits actor by actor the tally also needs what each actor contributed:
    ``prepare`` reads that (the dashboard does it after its first picture), and a refresh that
    names actors before it was read reads it then.
    """

    def __init__(self) -> None:
        self._actors: Counter[int] = Counter()  # actors per combination of verdicts
        self._stale = 0
        self._unconsented = 0
        self._of: dict[str, Contribution] | None = None  # per actor, once read actor by actor
        self.today: date | None = None
        self.months: int | None = None

    @property
    def loaded(self) -> bool:
        return self.today is not None

    @property
    def prepared(self) -> bool:
        """Whether an edit can be followed by re-reading only the actors it names."""
        return self._of is not None

    def load(
        self,
        session: Session,
        today: date,
        months: int,
        actor_ids: Collection[str] | None = None,
    ) -> None:
        """Read every actor, or re-read only ``actor_ids`` (a new day or period reads all)."""
        connection = session.connection()
        if actor_ids is None or today != self.today or months != self.months:
            self._count_all(connection, today, months)
        elif not actor_ids:
            return
        elif self._of is None:
            self._read_each(connection, today, months)
        else:
            self._reread(connection, sorted(set(actor_ids)))

    def prepare(self, session: Session) -> None:
        """Read what each actor contributes, for the day and period of the last read."""
        if self.today is not None and self.months is not None and self._of is None:
            self._read_each(session.connection(), self.today, self.months)

    def _count_all(self, connection: Connection, today: date, months: int) -> None:
        contacted, alone = _contributions(today, months, None)
        rows = list(connection.execute(_histogram(contacted)))
        counted = sum(row[1] for row in rows)
        live = connection.execute(
            select(func.count()).select_from(Actor).where(Actor.deleted_at.is_(None))
        ).scalar_one()
        if live > counted:  # some live actors have no live contact
            rows += connection.execute(_histogram(alone))
        self._actors = Counter()
        self._stale = self._unconsented = 0
        for verdicts, actors, stale, unconsented in rows:
            self._actors[int(verdicts)] += int(actors)
            self._stale += int(stale or 0)
            self._unconsented += int(unconsented or 0)
        self._of = None
        self.today, self.months = today, months

    def _read_each(self, connection: Connection, today: date, months: int) -> None:
        self._of = {}
        self._actors = Counter()
        self._stale = self._unconsented = 0
        for query in _contributions(today, months, None):
            self._add(connection.execute(query).all())
        self.today, self.months = today, months

    def _reread(self, connection: Connection, ids: list[str]) -> None:
        assert self._of is not None and self.today is not None and self.months is not None
        for actor_id in ids:
            old = self._of.pop(actor_id, None)  # deleted ones stay out
            if old is not None:
                self._count(old, -1)
        for start in range(0, len(ids), _CHUNK):
            for query in _contributions(self.today, self.months, ids[start : start + _CHUNK]):
                self._add(connection.execute(query).all())

    def _add(self, rows: Sequence[Row[str, int, int, int]]) -> None:
        # Counted in bulk: this runs for every actor once the picture is shown.
        assert self._of is not None
        added = {actor_id: (verdicts, stale, unc) for actor_id, verdicts, stale, unc in rows}
        self._of.update(added)
        self._actors.update(verdicts for verdicts, _stale, _unconsented in added.values())
        self._stale += sum(stale for _verdicts, stale, _unconsented in added.values())
        self._unconsented += sum(unconsented for *_rest, unconsented in added.values())

    def _count(self, contribution: Contribution, sign: int) -> None:
        verdicts, stale, unconsented = contribution
        self._actors[verdicts] += sign
        self._stale += sign * stale
        self._unconsented += sign * unconsented

    def totals(self) -> dict[str, tuple[int, int | None]]:
        """(actors, contacts) per actor check."""
        people = {"stale_contacts": self._stale, "no_consent": self._unconsented}
        return {
            key: (
                sum(n for verdicts, n in self._actors.items() if verdicts & bit),
                people.get(key),
            )
            for key, bit in _BIT.items()
        }


def activities_recorded(session: Session) -> bool:
    """Whether the file holds any activity (the inactivity check means nothing before that)."""
    query = select(exists(select(literal(1)).where(Activity.deleted_at.is_(None))))
    return bool(session.scalar(query))


def inactive_members(session: Session, today: date) -> int:
    """Members that took part in no activity in the last year."""
    condition = health_condition("inactive_members", today, ACTIVITY_MONTHS)
    query = select(func.count()).where(Actor.deleted_at.is_(None), condition)
    return session.connection().execute(query).scalar() or 0


def health_from(tally: HealthTally, session: Session) -> RegisterHealth:
    """The health items of a loaded tally, with the inactivity check when activities exist."""
    assert tally.today is not None and tally.months is not None
    today, months = tally.today, tally.months
    totals = tally.totals()
    items = [
        HealthItem(key, *totals[key], health_filter(key, today, months)) for key in ACTOR_CHECKS
    ]
    if activities_recorded(session):
        items.append(
            HealthItem(
                "inactive_members",
                inactive_members(session, today),
                None,
                health_filter("inactive_members", today, months),
            )
        )
    return RegisterHealth(tuple(items), months, today)


def read_health(session: Session, today: date, months: int) -> RegisterHealth:
    """The register health read from scratch."""
    tally = HealthTally()
    tally.load(session, today, months)
    return health_from(tally, session)
