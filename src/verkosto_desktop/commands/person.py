"""``verkosto person NAME --database FILE [--format json|pdf] [--out FILE]``: everything the
file holds about the people matching NAME (an access request), as JSON (on the terminal unless
``--out``) or as a readable PDF (``--out`` needed). Reads the file without changing it."""

from __future__ import annotations

import argparse
from pathlib import Path

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_existing,
    verbose,
    write_json,
)
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "person",
        help=_("everything the file holds about a person (an access request)"),
        description=_(
            "Every contact person whose name (now or before) holds every word of NAME: the "
            "contact details and every past version, consent, call-round results, meetings, "
            "incident-log entries they wrote or are named in, survey answers and any other "
            "record that names them."
        ),
    )
    parser.add_argument("name", metavar=_("NAME"), help=_("the person's name, or part of it"))
    add_database_option(parser)
    parser.add_argument("--format", choices=("json", "pdf"), default="json")
    parser.add_argument(
        "--out", type=Path, metavar=_("FILE"), help=_("write to this file (needed for pdf)")
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.printouts.person import gather, write_person_data

    if args.format == "pdf" and args.out is None:
        raise CommandError(_("A PDF needs a file: give --out FILE."))
    if args.out is not None and args.out.is_dir():
        raise CommandError(_("{path} is a folder; give a file name.").format(path=args.out))
    with open_existing(database_arg(args), writing=args.out) as store:
        data = gather(store, args.name)
        if not data["people"]:
            raise CommandError(_("Nobody in this file is called “{name}”.").format(name=args.name))
        if args.out is None:
            write_json(data)
            return 0
        write_person_data(store, data, args.out, args.format)
    verbose(args, _("{path} written ({count})").format(path=args.out, count=len(data["people"])))
    return 0
