"""What the sub-commands share: opening an existing database, writing results.

``--database`` names a file or, as a ``postgresql://`` URL, the regional register; commands that
only make sense for a file (backups, restore, a new demo) say so for a URL."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from verkosto_desktop.data.server.address import (
    BadServerAddress,
    ServerAddress,
    database_location,
)
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.text_safety import one_line, printable
from verkosto_desktop.i18n import _

Location = Path | ServerAddress


class CommandError(VerkostoError):
    """A user error of a sub-command (shown as one line, exit code 1)."""


def location_argument(text: str) -> Location:
    """argparse type of ``--database``: a file path or the regional register's URL."""
    try:
        return database_location(text)
    except BadServerAddress as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def server_argument(text: str) -> ServerAddress:
    """argparse type of ``--server``: the regional register's URL."""
    try:
        return ServerAddress.parse(text)
    except BadServerAddress as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_server_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--server URL``, required: the regional register's address."""
    parser.add_argument(
        "--server", type=server_argument, required=True, metavar="URL", help=help_text
    )


def terminal_prompt(address: ServerAddress) -> str | None:
    """Ask for the server password on the terminal (None when there is no terminal)."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(
        _("Password of {user} at {address}: ").format(
            user=address.user or "?", address=address.shown()
        )
    )


def require_location(location: Location | None) -> Location:
    """The ``--database`` given: an existing file, or a server address."""
    if isinstance(location, ServerAddress):
        return location
    return require_database(location)


def require_database(path: Location | None) -> Path:
    """The ``--database`` path, which must name an existing file."""
    if isinstance(path, ServerAddress):
        raise CommandError(
            _(
                "This command works on a database file, not on the regional register "
                "({address}): the server's administrator backs it up."
            ).format(address=path.shown())
        )
    if path is None:
        raise CommandError(_("Give the database file with --database FILE."))
    if not path.exists():
        raise CommandError(_("File not found: {path}").format(path=path))
    if path.is_dir():
        raise CommandError(_("{path} is a folder, not a Verkosto file.").format(path=path))
    return path


def open_existing(path: Location | None, writing: Path | None = None) -> Store:
    """Open the existing database named by ``--database`` to read it: the file is never changed
    (an empty file is reported as empty, an older one is read through an updated copy; see
    ``data.storage.reading``), or the regional register. ``writing`` is the file the command is
    about to write: on a full disk the message names it, as it would if the disk filled while
    it was written."""
    from verkosto_desktop.data.storage.reading import DiskFullWhileReading, open_for_reading

    if isinstance(path, ServerAddress):
        from verkosto_desktop.data.server.store import ServerStore

        return ServerStore.connect(path, prompt=terminal_prompt)
    try:
        return open_for_reading(require_database(path))
    except DiskFullWhileReading:
        if writing is None:
            raise
        raise CommandError(
            _("The disk is full: {name} was not saved. Free some space and try again.").format(
                name=writing.name
            )
        ) from None


def open_for_change(path: Location | None) -> Store:
    """Open the existing database named by ``--database`` to change it (migrating it, after a
    backup, if it is older), or the regional register; an empty file is refused, never made
    into a database."""
    from verkosto_desktop.data.storage.backups import backup_before_migration
    from verkosto_desktop.data.storage.store import inspect_file

    if isinstance(path, ServerAddress):
        from verkosto_desktop.data.server.store import ServerStore

        return ServerStore.connect(path, prompt=terminal_prompt)
    database = require_database(path)
    if inspect_file(database) == "new":
        raise CommandError(_("{path} is empty, not a Verkosto database.").format(path=database))
    return Store.open(database, before_migration=backup_before_migration)


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """``--database FILE`` after the sub-command (it may also come before it)."""
    parser.add_argument(
        "--database",
        type=location_argument,
        dest="sub_database",
        metavar=_("FILE"),
        help=_("the database file, or the regional register's postgresql:// address"),
    )


def database_arg(args: argparse.Namespace) -> Location | None:
    """The database given after the sub-command, else the one given before it."""
    return getattr(args, "sub_database", None) or getattr(args, "database", None)


def verbose(args: object, message: str) -> None:
    """Print a progress message to stderr when ``--verbose`` was given."""
    if getattr(args, "verbose", False):
        print(one_line(message), file=sys.stderr)


def write_row(fields: Iterable[str]) -> None:
    """One tab-separated line on stdout. Every field on one line and without control or
    direction-override characters, so that nothing in a file can run in the terminal."""
    sys.stdout.write("\t".join(one_line(field) for field in fields) + "\n")


def terminal_safe(value: Any) -> Any:
    """``value`` (JSON-ready data) with every string made safe for a terminal: JSON escapes
    C0 control characters but not DEL, the C1 controls or direction overrides."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: terminal_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [terminal_safe(item) for item in value]
    return value


def write_json(value: Any) -> None:
    """``value`` as indented JSON on stdout (see :func:`terminal_safe`)."""
    json.dump(terminal_safe(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
