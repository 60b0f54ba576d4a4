"""The register's first screenful read with plain sqlite3, before SQLAlchemy and the models are
imported, so that the window can paint its rows at once (``ui.register.first_paint_view``).

It is the same answer as the data layer's: the ids come from the query ``pages.first_page`` runs
for the register as it opens (no filter, name order), and the lines from ``plain_rows``, which
``search.rows_for`` uses too. It only reads, and only a file that is already at this version's
schema: anything else (a new file, one to migrate, another program's file, a damaged or locked
one) answers None and the window opens the normal way, with its checks and backups.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from verkosto_desktop.data.register.plain_rows import NAME_PAGE, ActorRow, read_rows
from verkosto_desktop.data.storage.schema_head import head_in, scripts_folder
from verkosto_desktop.data.stored_ids import id_from_stored
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.collation import compare

APPLICATION_ID = 0x564B5354  # the store's mark of a Verkosto file ("VKST")


@dataclass(frozen=True)
class FirstPaint:
    """What the window shows before the file is opened for work."""

    rows: list[ActorRow]  # the first lines, in the order the register shows them
    more: bool  # whether more actors follow the rows
    network_name: str
    categories: tuple[CatalogueEntry, ...]  # capability categories, for the table's names
    stale_months: int  # the network's verification period (the "Last verified" column)


def first_ids(connection: sqlite3.Connection, limit: int, *, descending: bool = False) -> list[str]:
    """The ids of the register's first ``limit`` live actors in name order (the query of
    ``pages.first_page`` for a register without a filter) and one more when more follow."""
    order = "DESC" if descending else "ASC"
    rows = connection.execute(NAME_PAGE.format(after="", order=order), (limit + 1,)).fetchall()
    return [id_from_stored(row[0]) for row in rows]


def read_first_paint(path: Path, limit: int, *, descending: bool = False) -> FirstPaint | None:
    """The first ``limit`` lines of the register in ``path`` (name order, ``descending`` when the
    table was left so), or None when the file is not one to read this way."""
    if not path.is_file():
        return None
    head = head_in(scripts_folder())
    try:
        connection = sqlite3.connect(
            f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=1
        )
    except sqlite3.Error:
        return None
    try:
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        connection.create_collation("fi", compare)
        connection.execute("PRAGMA query_only = ON")
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if head is None or revision != [(head,)]:
            return None  # to be migrated (after a backup) or refused: the normal way does it
        ids = first_ids(connection, limit, descending=descending)
        rows = read_rows(connection.cursor(), ids[:limit])
        network = connection.execute(
            "SELECT name, stale_after_months FROM network_info ORDER BY created_at LIMIT 1"
        ).fetchone()
        categories = tuple(
            CatalogueEntry(*entry)
            for entry in connection.execute(
                "SELECT key, name_fi, name_sv, name_en, builtin, position "
                "FROM capability_category WHERE deleted_at IS NULL ORDER BY position, name_fi"
            )
        )
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return FirstPaint(
        rows=rows,
        more=len(ids) > limit,
        network_name=str(network[0]) if network else "",
        categories=categories,
        stale_months=int(network[1] or 12) if network else 12,
    )
