"""``verkosto backup``, ``verkosto backups`` and ``verkosto restore``: checked backups and restores
from the command line, beside an open window or instead of it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    require_database,
    verbose,
)
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.backups import BackupInfo
from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.storage.restore import RestoreResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser("backup", help=_("make a checked backup now"))
    add_database_option(backup)
    backup.add_argument(
        "--to", type=Path, metavar=_("FILE"), help=_("write the backup to FILE (e.g. a USB stick)")
    )
    backup.set_defaults(handler=run_backup)

    listing = subparsers.add_parser("backups", help=_("list the backups, newest first"))
    add_database_option(listing)
    listing.set_defaults(handler=run_backups)

    restore = subparsers.add_parser(
        "restore", help=_("restore a backup (the newest good one unless --from)")
    )
    add_database_option(restore)
    restore.add_argument(
        "--from", type=Path, dest="source", metavar=_("BACKUP"), help=_("the backup to restore")
    )
    restore.set_defaults(handler=run_restore)


def describe_counts(info: BackupInfo) -> str:
    """``40 actors, 120 contacts`` in the user's language (or that it cannot be read)."""
    if not info.readable:
        return _("cannot be read")
    return _("{actors} actors, {contacts} contacts").format(
        actors=info.actors, contacts=info.contacts
    )


def _require_verkosto_file(database: Path, *, damaged_ok: bool = False) -> str:
    """The file's state (``"verkosto"``, ``"new"``, or ``"damaged"`` when allowed); a foreign file
    raises before anything is made for it (a backups folder, a copy)."""
    from verkosto_desktop.data.errors import DamagedFile
    from verkosto_desktop.data.storage.store import inspect_file

    try:
        return inspect_file(database)
    except DamagedFile:
        if not damaged_ok:
            raise
        return "damaged"


def run_backup(args: argparse.Namespace) -> int:
    database = require_database(database_arg(args))
    if _require_verkosto_file(database) == "new":
        raise CommandError(_("{path} is empty: there is nothing to back up.").format(path=database))
    if args.to is not None:
        target = args.to / database.name if args.to.is_dir() else args.to
        info = backups.backup_to(database, target)
    else:
        info = backups.make_backup(database, "manual")
    verbose(args, _("Backup checked: {counts}").format(counts=describe_counts(info)))
    print(info.path)
    return 0


def run_backups(args: argparse.Namespace) -> int:
    database = require_database(database_arg(args))
    # The backups of a damaged (or emptied) file are what its user needs to see.
    _require_verkosto_file(database, damaged_ok=True)
    for info in backups.list_backups(database):
        fields = [
            to_local(info.taken_at).isoformat(timespec="seconds"),
            "" if info.actors is None else str(info.actors),
            "" if info.contacts is None else str(info.contacts),
            info.reason,
            str(info.path),
        ]
        print("\t".join(fields))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.storage.restore import restore_file, restore_lost

    location = database_arg(args)
    if location is None:
        raise CommandError(_("Give the database file with --database FILE."))
    # A server address is refused, saying why a file is needed.
    database = location if isinstance(location, Path) else require_database(location)
    if not database.exists():
        result = restore_lost(database, args.source)
        print(
            _("Restored {path} from {backup}.").format(
                path=database, backup=result.restored_from.path
            )
        )
    else:
        result = restore_file(database, args.source)
        restored = result.restored_from
        print(
            _("Restored from {backup} (taken {time}; {counts}).").format(
                backup=restored.path,
                time=format_datetime(restored.taken_at),
                counts=describe_counts(restored),
            )
        )
    _report_restore(result)
    return 0


def _report_restore(result: RestoreResult) -> None:
    from verkosto_desktop.data.storage.restore import erasures_warning

    restored = result.restored_from
    if result.moved_aside is not None:
        print(_("The damaged file was kept as {path}.").format(path=result.moved_aside))
    if result.safety_backup is not None:
        print(
            _("The file as it was before the restore is backed up in {path}.").format(
                path=result.safety_backup.path
            )
        )
    print(
        _("Changes made after {time} are not in the restored file.").format(
            time=format_datetime(restored.taken_at)
        )
    )
    if result.erasures_reapplied:
        print(
            _("Persons erased since the backup, erased again: {count}.").format(
                count=result.erasures_reapplied
            )
        )
    warning = erasures_warning(result)
    if warning is not None:
        print(warning)
