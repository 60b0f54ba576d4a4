"""Files as an older Verkosto left them: a current file taken back to an older schema revision
with the migrations' own downgrades (the way to test that an upgrade keeps everything)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine

from verkosto_desktop.data.storage.migrate import alembic_config


def downgrade_file(path: Path, revision: str) -> None:
    """Take the (closed) file at ``path`` back to schema ``revision``."""
    from alembic import command

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            # As the upgrade does: a table rebuild must not cascade deletes.
            raw.execute("PRAGMA foreign_keys = OFF")
            config = alembic_config()
            with connection.begin():
                config.attributes["connection"] = connection
                command.downgrade(config, revision)
    finally:
        engine.dispose()


def as_older_text(value: object) -> object:
    """A value read with ``sqlite3`` as a file from before 0025 held it: a time's 8 bytes as
    the ISO text stored then, a record id's 16 bytes (0026) as its text (so that rows read
    before and after an upgrade compare)."""
    from verkosto_desktop.data.models.types import utc_from_stored, utc_text
    from verkosto_desktop.data.stored_ids import ID_STORED_SIZE, id_from_stored

    if isinstance(value, bytes) and len(value) == 8:
        return utc_text(utc_from_stored(value))
    if isinstance(value, bytes) and len(value) == ID_STORED_SIZE:
        return id_from_stored(value)
    return value


def older_rows(rows: list[Any]) -> list[tuple[object, ...]]:
    """``rows`` with every time and id as the text of a file from before 0025."""
    return [tuple(as_older_text(v) for v in row) for row in rows]
