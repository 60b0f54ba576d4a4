"""Register health: how many actors each health check finds (stale or missing contacts, no 24/7
contact, no phone, no capability, no consent, inactive members).

Each count uses the register filter's own verdict (``register.health_checks.verdict``) on counts
made in one grouped pass over the contacts, and each item carries the filter that opens exactly
the counted actors. The tally remembers each actor's result so that an edit re-reads only the
actors it touched.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Connection, case, exists, func, literal, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import Activity, Actor
from verkosto_desktop.data.models.types import AnySelect
from verkosto_desktop.data.register.health_checks import Count, contact_counts, verdict
from verkosto_desktop.data.register.search import ActorFilter, health_condition, offers_capability
from verkosto_desktop.domain.readiness import ACTIVITY_MONTHS, HEALTH_CHECKS

# The checks kept actor by actor; "inactive_members" depends on activities, which are not the
# actor's own records, so it is counted afresh each time (one indexed query).
ACTOR_CHECKS: tuple[str, ...] = tuple(
    check.key for check in HEALTH_CHECKS if check.key != "inactive_members"
)
_CHUNK = 500
_WIDTH = len(ACTOR_CHECKS) + 2  # one flag per check, then stale and unconsented contact counts


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


def _flags(count: Count) -> list[ColumnElement[int]]:
    # One 1-or-0 column per actor check, then the stale and the unconsented contact persons.
    capable = offers_capability()
    return [
        *(case((verdict(key, count, capable), 1), else_=0) for key in ACTOR_CHECKS),
        count("stale"),
        count("unconsented"),
    ]


def _with_contacts(today: date, months: int, actor_ids: Sequence[str] | None) -> AnySelect:
    # The live actors with a live contact, counted in one grouped pass over the contacts.
    counts = contact_counts(today, months, actor_ids)
    return (
        select(Actor.id, *_flags(lambda name: counts.c[name]))
        .select_from(counts)
        .join(Actor, Actor.id == counts.c.actor_id)
        .where(Actor.deleted_at.is_(None))
    )


def _without_contacts(actor_ids: Sequence[str]) -> AnySelect:
    # These live actors have no live contact: every count of theirs is nought.
    nought = literal(0)
    return select(Actor.id, *_flags(lambda _name: nought)).where(
        Actor.deleted_at.is_(None), Actor.id.in_(actor_ids)
    )


def _actor_rows(
    connection: Connection, today: date, months: int, actor_ids: Sequence[str] | None
) -> dict[str, tuple[int, ...]]:
    """Each live actor's row (of ``actor_ids``, or of all): a flag per check and two counts."""
    found = connection.execute(_with_contacts(today, months, actor_ids)).all()
    rows = {row[0]: tuple(row[1:]) for row in found}
    if actor_ids is None:
        live = select(Actor.id).where(Actor.deleted_at.is_(None))
        actor_ids = connection.execute(live).scalars().all()
    rest = [actor_id for actor_id in actor_ids if actor_id not in rows]
    for start in range(0, len(rest), _CHUNK):
        for row in connection.execute(_without_contacts(rest[start : start + _CHUNK])).all():
            rows[row[0]] = tuple(row[1:])
    return rows


class HealthTally:
    """Per-actor results of the actor checks for one day and period (one user at a time)."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[int, ...]] = {}
        self._sums = [0] * _WIDTH  # running totals, so a refresh never sums 10,000 rows
        self.today: date | None = None
        self.months: int | None = None

    @property
    def loaded(self) -> bool:
        return self.today is not None

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
            self._rows = _actor_rows(connection, today, months, None)
            self._sums = [sum(column) for column in zip(*self._rows.values(), strict=True)]
            self._sums = self._sums or [0] * _WIDTH
            self.today, self.months = today, months
            return
        ids = sorted(set(actor_ids))
        for actor_id in ids:
            self._count(self._rows.pop(actor_id, None), -1)
        for start in range(0, len(ids), _CHUNK):
            for actor_id, values in _actor_rows(
                connection, today, months, ids[start : start + _CHUNK]
            ).items():
                self._rows[actor_id] = values
                self._count(values, 1)

    def _count(self, values: tuple[int, ...] | None, sign: int) -> None:
        if values is not None:
            for i, value in enumerate(values):
                self._sums[i] += sign * value

    def totals(self) -> dict[str, tuple[int, int | None]]:
        """(actors, contacts) per actor check."""
        sums = self._sums
        stale_people, unconsented = sums[-2], sums[-1]
        result: dict[str, tuple[int, int | None]] = {}
        for i, key in enumerate(ACTOR_CHECKS):
            people = {"stale_contacts": stale_people, "no_consent": unconsented}.get(key)
            result[key] = (sums[i], people)
        return result


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
