"""Shared by the tests that need a file as an older Verkosto left it."""

from __future__ import annotations

from pathlib import Path


def downgrade_file(path: Path, revision: str) -> None:
    """Take the file's schema back to ``revision`` with the migrations' own downgrades (as an
    older Verkosto left it)."""
    from alembic import command
    from sqlalchemy import create_engine

    from verkosto_desktop.data.storage.migrate import alembic_config

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            with connection.begin():
                config = alembic_config()
                config.attributes["connection"] = connection
                command.downgrade(config, revision)
    finally:
        engine.dispose()
