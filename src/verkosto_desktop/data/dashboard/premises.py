"""Premises per area on the dashboard: how many premises each area has, and how many of them
have backup power and heating that works in a power cut ("⚠ ei yhtään" where none).

Counted with the register's premises condition (``premises_condition``), so each number is what
``premises_rows`` lists for the area and feature. The tally remembers what each actor with
premises contributes, and re-reads only the actors a change names; the actors per area are
counted afresh off an index.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Connection, Select, case, func, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import Actor, Facility
from verkosto_desktop.data.register.premises_filter import premises_condition
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key

_CHUNK = 500


@dataclass(frozen=True)
class AreaPremises:
    """An area's premises: all, with backup power, with heating in a power cut."""

    area: str
    premises: int
    backup_power: int
    heating: int


def _actors_per_area() -> Select[str, int]:
    # Counted off the actors' (deleted_at, area, id) index alone (migration 0011): a few
    # milliseconds for 100,000 actors, so it is counted afresh on every refresh.
    return select(Actor.area, func.count()).where(Actor.deleted_at.is_(None)).group_by(Actor.area)


def _premises(actor_ids: Collection[str] | None) -> Select[str, str, int, int, int]:
    # Only live actors with live premises have a row (a tenth of them in the generated ones).
    query = (
        select(
            Facility.actor_id,
            Actor.area,
            func.count(Facility.id),
            func.sum(case((Facility.backup_power.is_(True), 1), else_=0)),
            func.sum(case((Facility.heating_without_mains.is_(True), 1), else_=0)),
        )
        .join(Actor, Actor.id == Facility.actor_id)
        .where(premises_condition(()), Actor.deleted_at.is_(None))
        .group_by(Facility.actor_id, Actor.area)
    )
    if actor_ids is not None:
        query = query.where(Facility.actor_id.in_(list(actor_ids)))
    return query


class PremisesTally:
    """Premises counts kept up to date actor by actor (one user at a time), with running sums
    per area, so that a refresh after an edit costs the same on 100,000 actors as on 100."""

    def __init__(self) -> None:
        self._actors: dict[str, int] = {}  # live actors per area
        # What each live actor with premises contributes, in its area: premises, with backup
        # power, with heating in a power cut; and their sums per area.
        self._premises_of: dict[str, tuple[str, int, int, int]] = {}
        self._sums: dict[str, list[int]] = {}
        self.loaded = False

    def load(self, session: Session, actor_ids: Collection[str] | None = None) -> None:
        """Read every live actor (``actor_ids`` None) or only these actors again."""
        connection = session.connection()
        self._actors = {area: int(n) for area, n in connection.execute(_actors_per_area())}
        if actor_ids is None:
            self._premises_of = {}
            self._sums = {}
            self._read(connection, None)
            self.loaded = True
            return
        ids = sorted(actor_ids)
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            for actor_id in part:
                old = self._premises_of.pop(actor_id, None)  # deleted ones stay out
                if old is not None:
                    self._count(old, -1)
            self._read(connection, part)

    def _read(self, connection: Connection, actor_ids: Collection[str] | None) -> None:
        for actor_id, area, total, power, heat in connection.execute(_premises(actor_ids)):
            row = (area, int(total), int(power or 0), int(heat or 0))
            self._premises_of[actor_id] = row
            self._count(row, 1)

    def _count(self, row: tuple[str, int, int, int], sign: int) -> None:
        area, *values = row
        sums = self._sums.setdefault(area, [0, 0, 0])
        for i, value in enumerate(values):
            sums[i] += sign * value

    def by_area(self) -> list[AreaPremises]:
        """Every area of the live actors (Finnish order, no area last as "")."""
        ordered = sorted(self._actors, key=lambda a: (not a, sort_key(a)))
        return [AreaPremises(area, *self._sums.get(area, (0, 0, 0))) for area in ordered]


def premises_by_area(store: Store) -> list[AreaPremises]:
    """The premises of every area, read from scratch."""
    tally = PremisesTally()
    with store.read() as session:
        tally.load(session)
    return tally.by_area()
