"""Opening a file only to read it (``find``, ``incidents``, ``export``, ``person``): nothing about
the file changes, not its content, not its journal mode, not its size.

An empty (zero-byte) file is reported as empty and stays empty; it is never turned into a new
database. A file from an older Verkosto is read through an updated copy in a private temporary
folder, which is removed when the store closes, so that the file itself waits for the window
(and its backup before the update).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.storage import migrate
from verkosto_desktop.data.storage.store import Store, inspect_file
from verkosto_desktop.i18n import _


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
    store = Store.open(path, readonly=True)
    if not needs_update(store):
        return store
    store.close()
    return _updated_copy(path)


def needs_update(store: Store) -> bool:
    """True when the file's schema is older than this program's."""
    with store.engine.connect() as connection:
        return migrate.current_revision(connection) != migrate.head_revision()


def _updated_copy(path: Path) -> Store:
    from verkosto_desktop.data.storage.backups import copy_database

    folder = Path(tempfile.mkdtemp(prefix="verkosto-read-"))  # 0700: the copy is personal data
    try:
        copy = folder / path.name
        copy_database(path, copy)
        store = Store.open(copy)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    store.temporary_folder = folder
    return store
