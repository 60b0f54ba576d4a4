"""Files as an older Verkosto left them: a current file taken back to an older schema revision
with the migrations' own downgrades (the way to test that an upgrade keeps everything)."""

from __future__ import annotations

from pathlib import Path

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
