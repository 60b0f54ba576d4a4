"""``verkosto export incident --database FILE --out REPORT.pdf [--incident ID]``: the
after-action report of an incident (the report so far while it is open). Without ``--incident``,
the newest incident; an id may be shortened to any unique beginning."""

from __future__ import annotations

import argparse
from pathlib import Path

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_existing,
    verbose,
)
from verkosto_desktop.i18n import _


def register(documents: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``incident`` to the documents of ``verkosto export``."""
    parser = documents.add_parser("incident", help=_("the after-action report of an incident"))
    add_database_option(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("the PDF file"))
    parser.add_argument("--incident", metavar="ID", help=_("the incident (default: the newest)"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.incident_views import incident_report
    from verkosto_desktop.data.incidents import resolve_incident_id
    from verkosto_desktop.export.incident_report import write_incident_report

    out: Path = args.out
    if out.is_dir():
        raise CommandError(_("{path} is a folder; give a file name for the PDF.").format(path=out))
    with open_existing(database_arg(args)) as store:
        report = incident_report(store, resolve_incident_id(store, args.incident))
    write_incident_report(report, out)
    verbose(args, _("Report written to {path}").format(path=out))
    return 0
