"""Coverage: who in the network can act in which kind of disruption, in which phase, with what.

A cell counts the live actors that have one live capability covering both the cell's situation
type and phase (and, in the category view, of the cell's category) — exactly what
``search_actors(ActorFilter(situation=…, phase=…, category=…))`` lists — and those capabilities.

Counting over the whole register joins every capability with its phases and situation types
(two million rows for 100,000 actors, ten seconds). So the file keeps the counts itself: the
table ``coverage_cell`` is kept exact by triggers on the register's tables (migration 0009), and
reading the coverage reads that table's few hundred rows. Its category ``''`` counts any
category: the situation × phase view counts an actor once however many categories it offers.
The regional register on PostgreSQL keeps no such table: there the counts are made from the
register each time (the server does the joining).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import is_postgresql
from verkosto_desktop.data.register.search import CALL_FIRST, ActorFilter
from verkosto_desktop.data.storage.coverage_cells import ALL_CELLS, ANY_CATEGORY
from verkosto_desktop.data.storage.driver import driver_cursor
from verkosto_desktop.data.storage.schema_extras import COVERAGE_TABLE
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.enums import Phase

PHASE_KEYS: tuple[str, ...] = tuple(phase.value for phase in Phase)

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
        """The register filter listing exactly the actors counted in a cell, those to call
        first (reachable 24/7) at the top."""
        if self.phase is None:
            return ActorFilter(
                situation=self.rows[row].key, phase=self.columns[column], sort=CALL_FIRST
            )
        return ActorFilter(
            category=self.rows[row].key,
            situation=self.columns[column],
            phase=self.phase,
            sort=CALL_FIRST,
        )


def count_coverage(session: Session) -> dict[Key, tuple[int, int]]:
    """(actors, capabilities) of every non-empty cell counted from the register itself, not
    from the kept table (to check the triggers against)."""
    cursor = driver_cursor(session)
    try:
        cursor.execute(ALL_CELLS)
        return {(k, s, p): (a, n) for k, s, p, a, n in cursor.fetchall()}
    finally:
        cursor.close()


class CoverageTally:
    """The coverage counts as the file keeps them, read in one go."""

    def __init__(self) -> None:
        self._capabilities: Counter[Key] = Counter()
        self._actors: Counter[Key] = Counter()
        self.loaded = False

    def load(self, session: Session) -> None:
        """Read the kept counts (a few hundred rows, whatever the register's size); on
        PostgreSQL, count them from the register."""
        if is_postgresql(session):
            rows = [(*key, a, n) for key, (a, n) in count_coverage(session).items() if a > 0]
        else:
            cursor = driver_cursor(session)
            try:
                rows = cursor.execute(
                    f"SELECT category_key, situation_key, phase, actors, capabilities "
                    f"FROM {COVERAGE_TABLE} WHERE actors > 0"
                ).fetchall()
            finally:
                cursor.close()
        self._actors = Counter({(k, s, p): a for k, s, p, a, _n in rows})
        self._capabilities = Counter({(k, s, p): n for k, s, p, _a, n in rows})
        self.loaded = True

    # -- the grids ----------------------------------------------------------------------------

    def situation_phase(self, situations: Sequence[CatalogueEntry]) -> CoverageGrid:
        """Situation types × the three phases."""
        cells = tuple(
            tuple(
                CoverageCell(
                    self._actors[(ANY_CATEGORY, entry.key, phase)],
                    self._capabilities[(ANY_CATEGORY, entry.key, phase)],
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
