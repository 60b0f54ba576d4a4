"""The coverage counts the file keeps (``coverage_cell``), kept exact by triggers on the
register's tables (migration 0009); the dashboard reads them (``data.dashboard.coverage``).

The triggers name the actor, capability and link tables in their bodies. SQLite refuses to
rename a table while a trigger refers to a table that is not there, and Alembic rebuilds a table
on SQLite by copying it, dropping the old one and renaming the copy: so while migrations run,
the coverage triggers are set aside, and afterwards made again and the counts made afresh.

The regional register on PostgreSQL keeps no counts (migration 0009 makes no table there): its
dashboard counts the coverage from the register when it opens (``data.dashboard.coverage``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import cast

from sqlalchemy import Connection

from verkosto_desktop.data.storage.schema_extras import COVERAGE_TABLE

ANY_CATEGORY = ""
_LINKS = (
    "FROM capability c JOIN actor a ON a.id = c.actor_id AND a.deleted_at IS NULL "
    "JOIN capability_phase p ON p.capability_key = c.link_key "
    "JOIN capability_situation s ON s.capability_key = c.link_key "
    "WHERE c.deleted_at IS NULL"
)
# Every cell counted from the register itself in SQL, per category and for any category: the
# check on the kept counts (the tests), independent of how they are kept.
# (PostgreSQL wants the inner query named, and would make the sum a numeric.)
ALL_CELLS = (
    "SELECT k, s, p, count(*) AS actors, CAST(sum(n) AS INTEGER) AS capabilities FROM ("
    "SELECT c.actor_id AS a, c.category_key AS k, s.situation_key AS s, p.phase AS p, "
    f"count(*) AS n {_LINKS} GROUP BY 1, 2, 3, 4 UNION ALL "
    f"SELECT c.actor_id, '{ANY_CATEGORY}', s.situation_key, p.phase, count(*) {_LINKS} "
    "GROUP BY 1, 3, 4) AS offers GROUP BY k, s, p"
)
# Each live capability of a live actor with its phases and situation types: 400,000 rows for a
# national register, counted in Python in a few seconds (grouping the two million combinations
# in SQL takes four times as long).
# (A file being downgraded below migration 0015 has its links by the capability's id.)
_OFFERS = (
    "SELECT c.actor_id, c.category_key, "
    "(SELECT group_concat(phase, ' ') FROM capability_phase WHERE {link}), "
    "(SELECT group_concat(situation_key, ' ') FROM capability_situation WHERE {link}) "
    "FROM capability c JOIN actor a ON a.id = c.actor_id AND a.deleted_at IS NULL "
    "WHERE c.deleted_at IS NULL ORDER BY c.actor_id"
)
_BY_KEY = "capability_key = c.link_key"
_BY_ID = "capability_id = c.id"
_TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'coverage_%'"


Cell = tuple[str, str, str]  # (category, situation type, phase)
# One live capability: its category, phases and situation types.
Offer = tuple[str, Sequence[str], Sequence[str]]


class CellCounter:
    """Counts the cells of the live actors' live capabilities, one actor at a time."""

    def __init__(self) -> None:
        self.actors: Counter[Cell] = Counter()
        self.capabilities: Counter[Cell] = Counter()

    def add(self, offers: Iterable[Offer]) -> None:
        """Count one actor's capabilities (the actor once per cell it covers)."""
        covered: set[Cell] = set()
        for category, phases, situations in offers:
            # Counter.update counts a list in C: a national register has two million cells.
            kinds = (category, ANY_CATEGORY)
            cells = [(c, s, p) for p in phases for s in situations for c in kinds]
            self.capabilities.update(cells)
            covered.update(cells)
        self.actors.update(covered)

    def rows(self) -> list[tuple[str, str, str, int, int]]:
        """(category, situation, phase, actors, capabilities) of every cell counted."""
        return [(*key, self.actors[key], n) for key, n in self.capabilities.items()]


def _counted(cursor: sqlite3.Cursor) -> CellCounter:
    counter = CellCounter()
    keyed = any(
        row[1] == "capability_key" for row in cursor.execute("PRAGMA table_info(capability_phase)")
    )
    offers_sql = _OFFERS.format(link=_BY_KEY if keyed else _BY_ID)
    for _actor, offers in groupby(cursor.execute(offers_sql), key=itemgetter(0)):
        counter.add(
            (category, (phases or "").split(), (situations or "").split())
            for _id, category, phases, situations in offers
        )
    return counter


def rebuild_coverage(cursor: sqlite3.Cursor, counted: CellCounter | None = None) -> None:
    """Count every cell afresh (after rows were written with the triggers set aside), or write
    the cells ``counted`` from the rows as they were written (the generated registers)."""
    counter = counted if counted is not None else _counted(cursor)
    cursor.execute(f"DELETE FROM {COVERAGE_TABLE}")
    cursor.executemany(
        f"INSERT INTO {COVERAGE_TABLE} (category_key, situation_key, phase, actors, "
        "capabilities) VALUES (?, ?, ?, ?, ?)",
        counter.rows(),
    )


class TriggersSetAside:
    """The coverage triggers of a file being migrated: dropped (and remembered) before the
    migrations and after each of them, made again at the end."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.saved: dict[str, str] = {}
        self.active = connection.dialect.name == "sqlite"
        self.take()

    def take(self) -> None:
        """Drop the coverage triggers there are now, remembering them."""
        if not self.active:
            return
        for name, sql in self.connection.exec_driver_sql(_TRIGGERS).fetchall():
            self.saved[name] = sql
            self.connection.exec_driver_sql(f'DROP TRIGGER "{name}"')

    def restore(self) -> None:
        """Make the remembered triggers again and count the coverage afresh (the migrations
        may have changed the register); nothing when the file has no coverage table (below
        0009)."""
        if not self.active:
            return
        exists = self.connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (COVERAGE_TABLE,)
        ).fetchone()
        if exists is None:
            return
        for sql in self.saved.values():
            self.connection.exec_driver_sql(sql)
        driver = self.connection.connection.driver_connection
        assert driver is not None  # a migration's connection is open
        cursor = cast(sqlite3.Cursor, driver.cursor())
        try:
            rebuild_coverage(cursor)
        finally:
            cursor.close()
