"""The SQLite driver's own cursor under a session, for the reads and writes that are too many
for SQLAlchemy's statement building and row wrapping (a national register has a million rows)."""

from __future__ import annotations

import sqlite3
from typing import cast

from sqlalchemy.orm import Session


def driver_cursor(session: Session) -> sqlite3.Cursor:
    """A cursor on the session's own connection: it sees the session's transaction and only
    what the session has flushed."""
    driver = session.connection().connection.dbapi_connection
    assert driver is not None  # a session's connection is open
    # Typed as sqlite3's: the SQLite-only callers use its extras (executemany over FTS5). On the
    # regional server it is psycopg's cursor, which the shared callers use through the plain
    # DB-API (execute, then fetchall) with the dialect's placeholders (``dialects.marks``).
    return cast(sqlite3.Cursor, driver.cursor())
