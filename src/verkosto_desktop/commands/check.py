"""``verkosto check --database FILE``: integrity and schema check, without changing the file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    require_location,
    terminal_prompt,
)
from verkosto_desktop.data.errors import DamagedFile
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check", help=_("check the database file's integrity and schema")
    )
    add_database_option(parser)
    parser.set_defaults(handler=run)


def check_file(path: Path) -> str:
    """``"ok"``, or raise ``StoreError`` with the reason the file is not sound."""
    from verkosto_desktop.data.storage.integrity import check_file as check

    if check(path):
        return "ok"
    return _("ok (the schema will be updated when the file is next opened)")


def damage_advice(path: Path) -> str:
    """What to do about a damaged file: the newest good backup and the command restoring it."""
    from verkosto_desktop.commands.backup import describe_counts
    from verkosto_desktop.data.storage.backups import newest_good_backup
    from verkosto_desktop.domain.timefmt import format_datetime

    newest = newest_good_backup(path)
    if newest is None:
        return _("There is no good backup of it. The file was not changed.")
    return _(
        "The newest good backup is from {time} ({counts}); changes made after it may be "
        "missing. 'verkosto restore --database {path}' keeps the damaged file under a dated "
        "name and restores that backup."
    ).format(time=format_datetime(newest.taken_at), counts=describe_counts(newest), path=path)


def check_server(address: ServerAddress) -> str:
    """``"ok"`` for a sound register of this version; raises ``CommandError`` with the reason."""
    from verkosto_desktop.data.server.schema import check_register
    from verkosto_desktop.data.server.store import OldServerSchema, connect_engine

    engine = connect_engine(address, terminal_prompt)
    try:
        problem = check_register(address, engine)
    except OldServerSchema:
        return _("ok (the register is of an older version; 'verkosto server init' updates it)")
    finally:
        engine.dispose()
    if problem is not None:
        raise CommandError(
            _("The register at {address} is not sound: {problem}").format(
                address=address.shown(), problem=problem
            )
        )
    return "ok"


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.storage.file_location import location_warning

    location = require_location(database_arg(args))
    if isinstance(location, ServerAddress):
        print(check_server(location))
        return 0
    path = location
    warning = location_warning(path)
    if warning:
        print(_("verkosto: {message}").format(message=warning), file=sys.stderr)
    try:
        result = check_file(path)
    except DamagedFile as error:
        raise CommandError(f"{error} {damage_advice(path)}") from None
    print(result)
    return 0
