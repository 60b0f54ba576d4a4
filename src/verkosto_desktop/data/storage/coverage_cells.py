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
from collections import defaultdict
from itertools import groupby
from operator import itemgetter
from typing import cast

from sqlalchemy import Connection

from verkosto_desktop.data.storage.schema_extras import COVERAGE_TABLE

ANY_CATEGORY = ""
_LINKS = (
    "FROM capability c JOIN actor a ON a.id = c.actor_id AND a.deleted_at IS NULL "
    "JOIN capability_phase p ON p.capability_id = c.id "
    "JOIN capability_situation s ON s.capability_id = c.id "
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
_OFFERS = (
    "SELECT c.actor_id, c.category_key, "
    "(SELECT group_concat(phase, ' ') FROM capability_phase WHERE capability_id = c.id), "
    "(SELECT group_concat(situation_key, ' ') FROM capability_situation "
    "WHERE capability_id = c.id) "
    "FROM capability c JOIN actor a ON a.id = c.actor_id AND a.deleted_at IS NULL "
    "WHERE c.deleted_at IS NULL ORDER BY c.actor_id"
)
_TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'coverage_%'"


def _cells(cursor: sqlite3.Cursor) -> dict[tuple[str, str, str], list[int]]:
    cells: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for _actor, offers in groupby(cursor.execute(_OFFERS), key=itemgetter(0)):
        covered: set[tuple[str, str, str]] = set()
        for _id, category, phases, situations in offers:
            for phase in (phases or "").split():
                for situation in (situations or "").split():
                    for key in ((category, situation, phase), (ANY_CATEGORY, situation, phase)):
                        cells[key][1] += 1
                        covered.add(key)
        for key in covered:
            cells[key][0] += 1
    return cells


def rebuild_coverage(cursor: sqlite3.Cursor) -> None:
    """Count every cell afresh (after rows were written with the triggers set aside)."""
    cells = _cells(cursor)
    cursor.execute(f"DELETE FROM {COVERAGE_TABLE}")
    cursor.executemany(
        f"INSERT INTO {COVERAGE_TABLE} (category_key, situation_key, phase, actors, "
        "capabilities) VALUES (?, ?, ?, ?, ?)",
        [(*key, actors, offers) for key, (actors, offers) in cells.items()],
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
