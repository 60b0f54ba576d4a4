"""``verkosto export incident --database FILE --out REPORT.pdf [--incident ID]``: the
after-action report of an incident (the report so far while it is open). Without ``--incident``,
the newest incident; an id may be shortened to any unique beginning."""

from __future__ import annotations

import argparse
from pathlib import Path

from verkosto_desktop.commands.common import CommandError, database_arg, open_existing, verbose
from verkosto_desktop.i18n import _


def run(args: argparse.Namespace) -> int:
    """Write the report named by ``args.out`` (and ``args.incident``, optional)."""
    from verkosto_desktop.printouts.incident import save_incident_report

    out: Path = args.out
    if out.is_dir():
        raise CommandError(_("{path} is a folder; give a file name for the PDF.").format(path=out))
    with open_existing(database_arg(args), writing=out) as store:
        save_incident_report(store, args.incident, out)
    verbose(args, _("Report written to {path}").format(path=out))
    return 0
