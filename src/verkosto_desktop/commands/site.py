"""``verkosto site``: show this file's site (id and name) and the other sites it has heard of,
or set its name."""

from __future__ import annotations

import argparse
from datetime import datetime

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_existing,
    open_for_change,
)
from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("site", help=_("show or set this file's site name"))
    add_database_option(parser)
    parser.add_argument("--name", metavar=_("NAME"), help=_("the new name of this site"))
    parser.set_defaults(handler=run)


SELF, PEER = "self", "peer"


def _when(moment: datetime | None) -> str:
    return to_local(moment).isoformat(timespec="seconds") if moment else ""


def run(args: argparse.Namespace) -> int:
    """This site first (``self``), then each peer (``peer``): id, name, when a bundle from it
    was last received and when one for it was last written."""
    from verkosto_desktop.data.exchange import site

    # Only a new name changes the file; a look at the sites reads it as it is.
    opening = open_existing if args.name is None else open_for_change
    with opening(database_arg(args)) as store:
        if args.name is not None:
            if store.readonly:
                raise CommandError(_("The file is read-only here; the name was not changed."))
            site.rename(store, args.name)
        mine = site.this_site(store)
        others = site.peers(store)
    # "self" and "peer" are keys for scripts (like the import summary's), not words to
    # translate.
    print("\t".join((SELF, mine.uuid, mine.name.replace("\t", " "))))
    for peer in others:
        line = [
            PEER,
            peer.uuid,
            peer.name,
            _when(peer.last_received_at),
            _when(peer.last_sent_at),
        ]
        print("\t".join(part.replace("\t", " ") for part in line))
    return 0
