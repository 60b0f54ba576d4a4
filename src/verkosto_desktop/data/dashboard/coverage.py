"""Coverage: who in the network can act in which kind of disruption, in which phase, with what.

A cell counts the live actors that have one live capability covering both the cell's situation
type and phase (and, in the category view, of the cell's category) — exactly what
``search_actors(ActorFilter(situation=…, phase=…, category=…))`` lists — and those capabilities.

Counting over the whole register joins every capability with its phases and situation types
(about 200,000 rows for 10,000 actors), which takes about a second. So the tally remembers what
each actor contributes, and a change to a few actors re-reads only those actors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import Actor, Capability, CapabilityPhase, CapabilitySituation
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.enums import Phase

PHASE_KEYS: tuple[str, ...] = tuple(phase.value for phase in Phase)
# SQLite allows 32,766 bound values; smaller chunks keep each query's plan an index lookup.
_CHUNK = 500

Key = tuple[str, str, str]  # (category, situation, phase)


@dataclass(frozen=True)
class CoverageCell:
    """How many actors, and how many of their capabilities, can act in one cell."""

    actors: int
    capabilities: int

    @property
    def is_gap(self) -> bool:
        return self.actors == 0


@dataclass(frozen=True)
class CoverageGrid:
    """Counts for rows × columns: situation types × phases, or categories × situation types
    for one phase. ``cells[r][c]`` belongs to ``rows[r]`` and ``columns[c]``."""

    rows: tuple[CatalogueEntry, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[CoverageCell, ...], ...]
    phase: str | None = None  # the phase of a category grid

    def cell(self, row: int, column: int) -> CoverageCell:
        return self.cells[row][column]

    @property
    def most_actors(self) -> int:
        """The largest actor count of any cell (the top of the colour scale)."""
        return max((cell.actors for row in self.cells for cell in row), default=0)

    def gaps(self) -> list[tuple[int, int]]:
        """(row, column) of every cell where nobody can act."""
        return [
            (r, c) for r, row in enumerate(self.cells) for c, cell in enumerate(row) if cell.is_gap
        ]

    def filter_for(self, row: int, column: int) -> ActorFilter:
        """The register filter listing exactly the actors counted in a cell."""
        if self.phase is None:
            return ActorFilter(situation=self.rows[row].key, phase=self.columns[column])
        return ActorFilter(
            category=self.rows[row].key, situation=self.columns[column], phase=self.phase
        )


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _contribution_query(actor_ids: Sequence[str] | None) -> Select[str, str, str, str, int]:
    query = (
        select(
            Capability.actor_id,
            Capability.category_key,
            CapabilitySituation.situation_key,
            CapabilityPhase.phase,
            func.count(),
        )
        .join(Actor, Actor.id == Capability.actor_id)
        .join(CapabilityPhase, CapabilityPhase.capability_id == Capability.id)
        .join(CapabilitySituation, CapabilitySituation.capability_id == Capability.id)
        .where(Capability.deleted_at.is_(None), Actor.deleted_at.is_(None))
        .group_by(
            Capability.actor_id,
            Capability.category_key,
            CapabilitySituation.situation_key,
            CapabilityPhase.phase,
        )
    )
    if actor_ids is not None:
        query = query.where(Capability.actor_id.in_(actor_ids))
    return query


class CoverageTally:
    """Coverage counts kept up to date actor by actor (not thread-safe: one user at a time)."""

    def __init__(self) -> None:
        self._reset()
        self.loaded = False

    def _reset(self) -> None:
        self._by_actor: dict[str, dict[Key, int]] = {}
        self._keys: dict[Key, Key] = {}  # one shared tuple per key keeps 10,000 actors small
        self._capabilities: Counter[Key] = Counter()
        self._actors: Counter[Key] = Counter()
        self._situation_phase: Counter[tuple[str, str]] = Counter()

    def load(self, session: Session, actor_ids: Collection[str] | None = None) -> None:
        """Read every actor's contribution (``actor_ids=None``), or re-read only those actors."""
        connection = session.connection()
        if actor_ids is None:
            self._reset()
            fresh: dict[str, dict[Key, int]] = {}
            self._collect(connection.execute(_contribution_query(None)), fresh)
            for actor_id, keys in fresh.items():
                self._add(actor_id, keys)
            self.loaded = True
            return
        ids = sorted(set(actor_ids))
        fresh = {actor_id: {} for actor_id in ids}
        for chunk in _chunks(ids):
            self._collect(connection.execute(_contribution_query(chunk)), fresh)
        for actor_id, keys in fresh.items():
            self._remove(actor_id)
            if keys:
                self._add(actor_id, keys)

    def _collect(
        self, rows: Iterable[Row[str, str, str, str, int]], into: dict[str, dict[Key, int]]
    ) -> None:
        keys = self._keys
        for actor_id, category, situation, phase, count in rows:
            raw = (category, situation, phase)
            key = keys.setdefault(raw, raw)
            into.setdefault(actor_id, {})[key] = count

    def _add(self, actor_id: str, keys: dict[Key, int]) -> None:
        self._by_actor[actor_id] = keys
        self._capabilities.update(keys)
        self._actors.update(keys.keys())
        self._situation_phase.update({(s, p) for _c, s, p in keys})

    def _remove(self, actor_id: str) -> None:
        keys = self._by_actor.pop(actor_id, None)
        if not keys:
            return
        self._capabilities.subtract(keys)
        self._actors.subtract(keys.keys())
        self._situation_phase.subtract({(s, p) for _c, s, p in keys})

    # -- the grids ----------------------------------------------------------------------------

    def situation_phase(self, situations: Sequence[CatalogueEntry]) -> CoverageGrid:
        """Situation types × the three phases."""
        capabilities: Counter[tuple[str, str]] = Counter()
        for (_category, situation, phase), count in self._capabilities.items():
            capabilities[(situation, phase)] += count
        cells = tuple(
            tuple(
                CoverageCell(
                    self._situation_phase[(entry.key, phase)], capabilities[(entry.key, phase)]
                )
                for phase in PHASE_KEYS
            )
            for entry in situations
        )
        return CoverageGrid(tuple(situations), PHASE_KEYS, cells)

    def category_situation(
        self,
        phase: str,
        categories: Sequence[CatalogueEntry],
        situations: Sequence[CatalogueEntry],
    ) -> CoverageGrid:
        """Capability categories × situation types, for one phase."""
        cells = tuple(
            tuple(
                CoverageCell(
                    self._actors[(category.key, situation.key, phase)],
                    self._capabilities[(category.key, situation.key, phase)],
                )
                for situation in situations
            )
            for category in categories
        )
        return CoverageGrid(tuple(categories), tuple(s.key for s in situations), cells, phase=phase)


@dataclass(frozen=True)
class Coverage:
    """Both views of the coverage: situation × phase, and category × situation per phase."""

    by_phase: CoverageGrid
    by_category: dict[str, CoverageGrid]

    def category_grid(self, phase: str) -> CoverageGrid:
        return self.by_category[phase]


def coverage_from(
    tally: CoverageTally,
    situations: Sequence[CatalogueEntry],
    categories: Sequence[CatalogueEntry],
) -> Coverage:
    """The grids of a loaded tally, over the catalogues' entries in display order."""
    return Coverage(
        tally.situation_phase(situations),
        {phase: tally.category_situation(phase, categories, situations) for phase in PHASE_KEYS},
    )


def read_coverage(session: Session) -> Coverage:
    """Both coverage views, read from scratch (the dashboard keeps a tally instead)."""
    from verkosto_desktop.data.catalogues import entries_in

    tally = CoverageTally()
    tally.load(session)
    situations, categories = entries_in(session)
    return coverage_from(tally, situations, categories)
