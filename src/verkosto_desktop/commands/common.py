"""What the sub-commands share: opening an existing database, writing results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from verkosto_desktop.data.errors import ReadOnlyFile
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _


class CommandError(VerkostoError):
    """A user error of a sub-command (shown as one line, exit code 1)."""


def require_database(path: Path | None) -> Path:
    """The ``--database`` path, which must name an existing file."""
    if path is None:
        raise CommandError(_("Give the database file with --database FILE."))
    if not path.exists():
        raise CommandError(_("File not found: {path}").format(path=path))
    if path.is_dir():
        raise CommandError(_("{path} is a folder, not a Verkosto file.").format(path=path))
    return path


def open_existing(path: Path | None) -> Store:
    """Open the existing database named by ``--database`` (migrating it, after a backup, if it
    is older). A file that cannot be written here is opened read-only: reading still works."""
    from verkosto_desktop.data.storage.backups import backup_before_migration

    database = require_database(path)
    try:
        return Store.open(database, before_migration=backup_before_migration)
    except ReadOnlyFile:
        return Store.open(database, readonly=True)


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """``--database FILE`` after the sub-command (it may also come before it)."""
    parser.add_argument(
        "--database", type=Path, dest="sub_database", metavar="FILE", help=_("the database file")
    )


def database_arg(args: argparse.Namespace) -> Path | None:
    """The database given after the sub-command, else the one given before it."""
    return getattr(args, "sub_database", None) or getattr(args, "database", None)


def verbose(args: object, message: str) -> None:
    """Print a progress message to stderr when ``--verbose`` was given."""
    if getattr(args, "verbose", False):
        print(message, file=sys.stderr)
