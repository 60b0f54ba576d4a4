"""``verkosto sync --database FILE --server URL``: exchange changes with the regional register
(pull what the laptop has not seen, push its own), as with a bundle."""

from __future__ import annotations

import argparse

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    add_server_option,
    database_arg,
    require_database,
    terminal_prompt,
    verbose,
)
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sync", help=_("exchange changes between this file and the regional register")
    )
    add_database_option(parser)
    add_server_option(parser, _("the regional register's postgresql:// address"))
    parser.add_argument(
        "--also",
        nargs="*",
        metavar=_("NETWORK"),
        help=_(
            "also receive these neighbouring networks, read-only (kept in the file; "
            "--also alone: none)"
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.exchange.networks import choose_networks
    from verkosto_desktop.data.server.store import ServerStore
    from verkosto_desktop.data.server.sync import sync
    from verkosto_desktop.data.storage.backups import backup_before_migration
    from verkosto_desktop.data.storage.store import Store

    path = require_database(database_arg(args))
    with Store.open(path, before_migration=backup_before_migration) as laptop:
        if laptop.readonly:
            raise CommandError(_("The file is read-only here; it cannot be synced."))
        if args.also is not None:
            chosen = choose_networks(laptop, args.also)
            print(
                _("Neighbouring networks received read-only: {networks}").format(
                    networks=", ".join(chosen.also) or "—"
                )
            )
        server = ServerStore.connect(args.server, prompt=terminal_prompt)
        try:
            result = sync(laptop, server)
        finally:
            server.close()
    verbose(args, _("Written as network: {network}").format(network=result.network or "—"))
    print(
        _(
            "Received {pulled} changes ({new} new, {changed} changed records), sent {pushed} "
            "changes."
        ).format(
            pulled=result.pulled.changes,
            new=result.pulled.new,
            changed=result.pulled.changed,
            pushed=result.pushed.changes,
        )
    )
    conflicts = result.pulled.conflicts + result.pushed.conflicts
    if conflicts:
        print(_("{count} conflicts to look at (verkosto conflicts).").format(count=conflicts))
    return 0
