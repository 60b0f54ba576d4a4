"""``verkosto export WHAT --database FILE --out FILE [options]``: printable documents.

``DOCUMENTS`` maps each document to the function writing it; the printing work's documents
(contacts, situation, meeting, plan, pocket, csv, vcard, pack) join the same table."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from verkosto_desktop.commands import export_incident
from verkosto_desktop.commands.common import add_database_option
from verkosto_desktop.i18n import _

DOCUMENTS: dict[str, Callable[[argparse.Namespace], int]] = {
    "incident": export_incident.run,
}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export",
        help=_("write a printable document"),
        description=_("incident: the after-action report of an incident (--incident ID)."),
    )
    parser.add_argument("what", choices=list(DOCUMENTS), help=_("what to export"))
    add_database_option(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="PATH", help=_("the file"))
    parser.add_argument("--incident", metavar="ID", help=_("the incident (default: the newest)"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return DOCUMENTS[args.what](args)
