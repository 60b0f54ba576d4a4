"""Whether a database file is sound, read without changing it (``verkosto check``): SQLite's
integrity check and the schema version, through a read-only connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from verkosto_desktop.data.errors import DamagedFile, NewerSchema, NotVerkostoFile, StoreError
from verkosto_desktop.data.storage.file_state import is_corruption, read_uri
from verkosto_desktop.data.storage.store import inspect_file
from verkosto_desktop.i18n import _


def check_file(path: Path) -> bool:
    """True when the file at ``path`` is sound and of the current schema, False when it is sound
    but older (it is updated when next opened). Raises ``NotVerkostoFile`` (empty or foreign),
    ``StoreError`` (unreadable: nothing to restore), ``DamagedFile`` or ``NewerSchema``."""
    from verkosto_desktop.data.storage.migrate import head_revision, known_revisions

    if inspect_file(path) != "verkosto":
        raise NotVerkostoFile(_("{path} is empty, not a Verkosto database.").format(path=path))
    try:
        connection = sqlite3.connect(read_uri(path), uri=True, timeout=10)
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            problems = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        if isinstance(error, sqlite3.DatabaseError) and not is_corruption(error):
            # Unreachable or unreadable is not damaged: nothing to restore.
            raise StoreError(
                _("Cannot read {path}: {reason}").format(path=path, reason=error)
            ) from None
        # A damaged schema can make even the error message undecodable.
        raise DamagedFile(
            _("{path} is damaged: {reason}").format(path=path, reason=error)
        ) from None
    if problems != ["ok"]:
        raise DamagedFile(
            _("{path} is damaged: {reason}").format(path=path, reason="; ".join(problems[:3]))
        )
    if revision is not None and revision[0] == head_revision():
        return True
    if revision is None or revision[0] not in known_revisions():
        raise NewerSchema(_("{path} was saved by a newer version of Verkosto.").format(path=path))
    return False
