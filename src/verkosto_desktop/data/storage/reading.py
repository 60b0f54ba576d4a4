"""Opening a file only to read it (``find``, ``incidents``, ``export``, ``person``): nothing about
the file changes, not its content, not its journal mode, not its size.

An empty (zero-byte) file is reported as empty and stays empty; it is never turned into a new
database. A file from an older Verkosto is read through an updated copy in a private temporary
folder, opened read-only and removed when the store closes, so that the file itself waits for
a window that may change it (and its backup before the update). A window opening a file
read-only reads it the same way.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.storage import migrate
from verkosto_desktop.data.storage.file_state import disk_is_full
from verkosto_desktop.data.storage.store import Store, inspect_file
from verkosto_desktop.i18n import _
from verkosto_desktop.private_files import create_private


class DiskFullWhileReading(StoreError):
    """The file could not even be read: the disk holding it is full."""


def open_for_reading(path: Path) -> Store:
    """A read-only store of ``path`` at this version's schema (see the module's description).

    Raises ``StoreError`` (a subclass naming the reason) for a missing, empty, foreign, damaged
    or newer file.
    """
    if inspect_file(path) == "new":
        if path.exists():
            message = _("{path} is empty: it holds no Verkosto data (the file was left as it is).")
            raise StoreError(message.format(path=path))
        raise StoreError(_("{path} does not exist.").format(path=path))
    try:
        store = Store.open(path, readonly=True)
    except StoreError as error:
        # Reading a WAL file needs room for a small index beside it (32 KiB): on a full disk
        # the read fails with SQLite's "disk I/O error", which is about the disk, not the file.
        if disk_is_full(path):
            raise DiskFullWhileReading(
                _(
                    "The disk is full: there is no room for the small index SQLite needs to "
                    "read {path}. Free some space and try again."
                ).format(path=path)
            ) from error
        raise
    if not needs_update(store):
        return store
    try:
        return _updated_copy(store)
    finally:
        store.close()


def needs_update(store: Store) -> bool:
    """True when the file's schema is older than this program's."""
    with store.engine.connect() as connection:
        return migrate.current_revision(connection) != migrate.head_revision()


def _updated_copy(store: Store) -> Store:
    """A copy of ``store``'s file, made through its own read-only connection (so that nothing
    is left beside the file), in a private temporary folder, updated to this schema."""
    folder = Path(tempfile.mkdtemp(prefix="verkosto-read-"))  # 0700: the copy is personal data
    try:
        copy = folder / store.path.name
        create_private(copy)
        target = sqlite3.connect(copy)
        try:
            with store.engine.connect() as connection:
                source = connection.connection.driver_connection
                assert source is not None
                source.backup(target)
        finally:
            target.close()
        Store.open(copy).close()  # updated to this schema
        # Read-only like the file it stands for: an edit would be lost with the copy.
        updated = Store.open(copy, readonly=True)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    updated.temporary_folder = folder
    updated.origin = store.path
    return updated
