"""``verkosto bundle``: write what another laptop lacks (or everything) into an encrypted bundle
file; and receiving one (``verkosto import BUNDLE``, recognised by its content)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_for_change,
    verbose,
)
from verkosto_desktop.commands.passphrase import read_passphrase
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "bundle", help=_("write the changes another laptop lacks into an encrypted bundle")
    )
    add_database_option(parser)
    parser.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE"), help=_("the bundle file")
    )
    whom = parser.add_mutually_exclusive_group()
    whom.add_argument(
        "--peer", metavar=_("NAME"), help=_("only what this site lacks (its name or id)")
    )
    whom.add_argument("--full", action="store_true", help=_("everything, whoever receives it"))
    parser.add_argument(
        "--passphrase-file", type=Path, metavar="F", help=_("read the passphrase from F")
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.exchange import site
    from verkosto_desktop.data.exchange.bundle import write_bundle

    # A bundle notes what it sent: the file is opened for change.
    with open_for_change(database_arg(args)) as store:
        if store.readonly:
            raise CommandError(
                _("The file is read-only here: a bundle needs to note what it sent.")
            )
        peer = site.find_peer(store, args.peer).uuid if args.peer else None
        passphrase = read_passphrase(args.passphrase_file, confirm=True)
        written = write_bundle(store, args.out, passphrase, peer=peer, full=args.full)
    print(written.path)
    verbose(
        args,
        _(
            "{changes} changes of {records} records and {erasures} erasures ({kind}), {size} bytes"
        ).format(
            changes=written.changes,
            records=written.records,
            erasures=written.erasures,
            kind=_("full") if written.full else _("incremental"),
            size=written.size,
        ),
    )
    return 0


SUMMARY_KEYS = ("new", "changed", "deleted", "erased", "conflicts", "skewed", "waiting", "changes")


def import_bundle(args: argparse.Namespace, data: bytes) -> int:
    """Receive a bundle (``data``: the file's bytes) into ``--database``: the summary on
    standard output, one ``key<TAB>count`` line each; ``--dry-run`` changes nothing."""
    from verkosto_desktop.data.exchange.bundle import open_bundle, receive_bundle

    passphrase = read_passphrase(getattr(args, "passphrase_file", None))
    change_set = open_bundle(data, passphrase)  # all checks before the database is opened
    with open_for_change(database_arg(args)) as store:
        if store.readonly:
            raise CommandError(_("The file is read-only here; nothing was received."))
        summary = receive_bundle(store, change_set, dry_run=args.dry_run)
    values = summary.as_dict()
    if getattr(args, "format", "tsv") == "json":
        json.dump(values, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for key in SUMMARY_KEYS:
            print(f"{key}\t{values[key]}")
    if args.dry_run:
        verbose(args, _("Test run: nothing was changed."))
    if summary.skewed:
        print(
            _(
                "warning: {count} changes are stamped more than a day ahead of this laptop's "
                "clock; the sending laptop's clock may be wrong."
            ).format(count=summary.skewed),
            file=sys.stderr,
        )
    return 0
