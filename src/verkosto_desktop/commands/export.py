"""``verkosto export KIND --database FILE --out FILE [filters]`` and
``verkosto export pack --database FILE --out FOLDER``: printed sheets, CSV and vCards."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from verkosto_desktop.commands import export_ics, export_incident, export_sheets
from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_existing,
    verbose,
)
from verkosto_desktop.domain.enums import ActorKind, Phase
from verkosto_desktop.domain.premises import PremisesFeature
from verkosto_desktop.domain.text_safety import one_line
from verkosto_desktop.i18n import _
from verkosto_desktop.printouts.requests import DocumentKind

if TYPE_CHECKING:
    from verkosto_desktop.data.storage.store import Store

# Every document of ``printouts`` (the window prints the same ones): contacts, situation,
# meeting, plan, pocket, premises, readiness, call-sheet, incident, survey, csv, vcard.
KINDS = tuple(kind.value for kind in DocumentKind)
# Documents written by their own modules (they need none of the register filters).
OTHER_DOCUMENTS: dict[str, Callable[[argparse.Namespace], int]] = {
    "incident": export_incident.run,
    "ics": export_ics.run_ics,
    "readiness": export_sheets.run_readiness,
    "call-sheet": export_sheets.run_call_sheet,
    "survey": export_sheets.run_survey,
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help=_("print sheets to PDF, or export the register as CSV or vCards"),
        description=_(
            "contacts: contact list; situation: situation card (needs --situation); meeting: "
            "coordination-meeting pack; plan: action plan; pocket: pocket call list of 24/7 "
            "contacts; premises: premises and backup power (--facility, --capacity); "
            "readiness: the dashboard's readiness sheet (--phase KEY); call-sheet: a call "
            "round's tick-off sheet (--round ID, default the newest), or with --due the sheet "
            "of the contacts due for checking; incident: the after-action report of an "
            "incident (--incident ID, default the newest); survey: a blank mapping-survey form "
            "(--waiting: one for each actor who has not answered the latest round); "
            "csv: the register for Excel; vcard: contacts for phones; ics: the activities as an "
            "iCalendar file (--from DATE, --to DATE); pack: all of them into a new dated folder "
            "inside the folder --out, with an index page and one combined PDF."
        ),
    )
    parser.add_argument(
        "what",
        choices=list(dict.fromkeys([*KINDS, *OTHER_DOCUMENTS, "pack"])),
        metavar=_("DOCUMENT"),
        help=_("what to export"),
    )
    add_database_option(parser)
    parser.add_argument(
        "--out", type=Path, required=True, metavar=_("PATH"), help=_("the file (a folder for pack)")
    )
    parser.add_argument("--kind", choices=[k.value for k in ActorKind])
    parser.add_argument("--area", metavar=_("AREA"), help=_("only actors of this area"))
    parser.add_argument("--phase", choices=[p.value for p in Phase])
    parser.add_argument(
        "--situation", metavar=_("KEY"), help=_("situation type key, e.g. power_outage")
    )
    parser.add_argument(
        "--category", metavar=_("KEY"), help=_("capability category key, e.g. catering")
    )
    parser.add_argument(
        "--members-only", action="store_true", help=_("only actors that are members")
    )
    parser.add_argument(
        "--incident",
        metavar=_("ID"),
        help=_("the incident of the meeting pack (default: active) or of the report (newest)"),
    )
    parser.add_argument(
        "--facility",
        action="append",
        choices=[f.value for f in PremisesFeature],
        metavar=_("KEY"),
        help=_("only actors with premises that have this (repeatable): {keys}").format(
            keys=", ".join(f.value for f in PremisesFeature)
        ),
    )
    parser.add_argument(
        "--capacity", type=int, metavar=_("N"), help=_("only actors with premises for N people")
    )
    parser.add_argument(
        "--group-by",
        choices=("none", "kind", "area"),
        default="kind",
        help=_("grouping of the contact list (default: kind)"),
    )
    export_ics.add_period_arguments(parser)
    export_sheets.add_arguments(parser)
    parser.set_defaults(handler=run)


def _check_keys(store: Store, args: argparse.Namespace) -> None:
    from verkosto_desktop.data import catalogues

    situations = {e.key for e in catalogues.situation_types(store)}
    categories = {e.key for e in catalogues.capability_categories(store)}
    if args.situation and args.situation not in situations:
        raise CommandError(
            _("Unknown situation type: {keys}").format(keys=args.situation)
            + " ("
            + ", ".join(sorted(situations))
            + ")"
        )
    if args.category and args.category not in categories:
        raise CommandError(_("Unknown capability category: {key}").format(key=args.category))
    if args.what == "situation" and not args.situation:
        raise CommandError(
            _("The situation card needs --situation KEY ({keys}).").format(
                keys=", ".join(sorted(situations))
            )
        )


def run(args: argparse.Namespace) -> int:
    other = OTHER_DOCUMENTS.get(args.what)
    if other is not None:
        return other(args)
    from verkosto_desktop.data.errors import NotFound
    from verkosto_desktop.data.register.search import ActorFilter
    from verkosto_desktop.domain.progress import Progress
    from verkosto_desktop.printouts import DocumentKind, PrintRequest
    from verkosto_desktop.printouts.pack import write_pack
    from verkosto_desktop.printouts.render import save_document

    out: Path = args.out
    with open_existing(database_arg(args), writing=out) as store:
        _check_keys(store, args)
        progress = Progress(
            report=lambda done, total, message: verbose(args, f"{message} {done}/{total}")
        )
        if args.what == "pack":
            if not out.exists():
                raise CommandError(_("The folder {folder} does not exist.").format(folder=out))
            if not out.is_dir():
                raise CommandError(_("{path} is not a folder.").format(path=out))
            result = write_pack(store, out, progress)
            for path in result.files:
                verbose(args, str(path))
            if not result.remembered:
                verbose(args, _("The file is read-only: the pack was not noted in it."))
            print(result.folder)
            if not result.complete:
                # Every document that could be written was; say plainly which were not.
                for line in result.failure_lines():
                    print(
                        _("verkosto: not written: {line}").format(line=one_line(line)),
                        file=sys.stderr,
                    )
                raise CommandError(
                    _(
                        "{failed} documents of the print pack could not be written; the others "
                        "were."
                    ).format(failed=len(result.failed))
                )
            return 0
        if out.is_dir():
            raise CommandError(_("{path} is a folder; give a file name.").format(path=out))
        flt = ActorFilter(
            kind=args.kind,
            area=args.area,
            phase=args.phase if args.what != "situation" else None,
            situation=args.situation if args.what != "situation" else None,
            category=args.category,
            membership="member" if args.members_only else None,
            premises=tuple(sorted(set(args.facility or ()))),
            min_capacity=args.capacity,
        )
        request = PrintRequest(
            DocumentKind(args.what),
            filter=flt,
            group_by=args.group_by,
            situation=args.situation,
            phase=args.phase,
            incident_id=args.incident,
            members_only=args.members_only,
        )
        try:
            written = save_document(store, request, out, progress)
        except NotFound as error:
            raise CommandError(str(error)) from None
    verbose(args, _("{path} written ({count})").format(path=out, count=written))
    return 0
