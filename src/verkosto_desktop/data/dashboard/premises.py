"""Premises per area on the dashboard: how many premises each area has, and how many of them
have backup power and heating that works in a power cut ("⚠ ei yhtään" where none).

Counted with the register's premises condition (``premises_condition``), so each number is what
``premises_rows`` lists for the area and feature. The tally remembers what each actor contributes
and re-reads only the actors a change names, as the coverage tally does.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, func, select
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


def _query(actor_ids: Collection[str] | None) -> Select[str, str, int, int, int]:
    live_premises = and_(Facility.actor_id == Actor.id, premises_condition(()))
    query = (
        select(
            Actor.id,
            Actor.area,
            func.count(Facility.id),
            func.sum(case((Facility.backup_power.is_(True), 1), else_=0)),
            func.sum(case((Facility.heating_without_mains.is_(True), 1), else_=0)),
        )
        .select_from(Actor)
        .outerjoin(Facility, live_premises)
        .where(Actor.deleted_at.is_(None))
        .group_by(Actor.id)
    )
    if actor_ids is not None:
        query = query.where(Actor.id.in_(list(actor_ids)))
    return query


class PremisesTally:
    """Premises counts kept up to date actor by actor (one user at a time), with running sums
    per area, so that a refresh after an edit costs the same on 100,000 actors as on 100."""

    def __init__(self) -> None:
        self._by_actor: dict[str, tuple[str, int, int, int]] = {}
        # area -> [live actors, premises, with backup power, with heating in a power cut]
        self._sums: dict[str, list[int]] = {}
        self.loaded = False

    def load(self, session: Session, actor_ids: Collection[str] | None = None) -> None:
        """Read every live actor (``actor_ids`` None) or only these actors again."""
        if actor_ids is None:
            self._by_actor = {}
            self._sums = {}
            self._read(session, None)
            self.loaded = True
            return
        ids = sorted(actor_ids)
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            for actor_id in part:
                old = self._by_actor.pop(actor_id, None)  # deleted ones stay out
                if old is not None:
                    self._count(old, -1)
            self._read(session, part)

    def _read(self, session: Session, actor_ids: Collection[str] | None) -> None:
        for actor_id, area, total, power, heat in session.execute(_query(actor_ids)):
            row = (area, int(total), int(power or 0), int(heat or 0))
            self._by_actor[actor_id] = row
            self._count(row, 1)

    def _count(self, row: tuple[str, int, int, int], sign: int) -> None:
        area, total, power, heat = row
        sums = self._sums.setdefault(area, [0, 0, 0, 0])
        for i, value in enumerate((1, total, power, heat)):
            sums[i] += sign * value
        if sums[0] == 0:
            del self._sums[area]  # no live actor left in the area

    def by_area(self) -> list[AreaPremises]:
        """Every area of the live actors (Finnish order, no area last as "")."""
        ordered = sorted(self._sums, key=lambda a: (not a, sort_key(a)))
        return [AreaPremises(area, *self._sums[area][1:]) for area in ordered]


def premises_by_area(store: Store) -> list[AreaPremises]:
    """The premises of every area, read from scratch."""
    tally = PremisesTally()
    with store.read() as session:
        tally.load(session)
    return tally.by_area()
