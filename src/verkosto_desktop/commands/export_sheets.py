"""``verkosto export readiness --database FILE --out FILE.pdf [--phase KEY]``: the dashboard's
one-page readiness sheet; ``verkosto export call-sheet --database FILE --out FILE.pdf
[--round ID]``: a call round's tick-off sheet (default the newest round; an id may be shortened
to any unique beginning); ``verkosto export survey --database FILE --out FILE.pdf [--blank]``:
the mapping survey's paper forms of the latest round for every actor who has not answered it
(or one blank form). The same documents the window prints, through ``printouts``."""

from __future__ import annotations

import argparse
from pathlib import Path

from verkosto_desktop.commands.common import CommandError, database_arg, open_existing, verbose
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.i18n import _


def _out(args: argparse.Namespace) -> Path:
    out: Path = args.out
    if out.is_dir():
        raise CommandError(_("{path} is a folder; give a file name for the PDF.").format(path=out))
    return out


def run_readiness(args: argparse.Namespace) -> int:
    """``export readiness``: the sheet as the dashboard prints it, for ``--phase`` (default:
    response)."""
    from verkosto_desktop.printouts.dashboard import save_readiness_sheet

    out = _out(args)
    with open_existing(database_arg(args)) as store:
        save_readiness_sheet(store, out, args.phase or Phase.RESPONSE.value)
    verbose(args, _("{path} written").format(path=out))
    return 0


def run_call_sheet(args: argparse.Namespace) -> int:
    """``export call-sheet``: the tick-off sheet of ``--round`` (default: the newest round)."""
    from verkosto_desktop.printouts.network import save_call_sheet

    out = _out(args)
    with open_existing(database_arg(args)) as store:
        save_call_sheet(store, args.round, out)
    verbose(args, _("{path} written").format(path=out))
    return 0


def run_survey(args: argparse.Namespace) -> int:
    """``export survey``: the forms of those who have not answered (``--blank``: one blank)."""
    from verkosto_desktop.printouts.network import save_survey_forms

    out = _out(args)
    with open_existing(database_arg(args)) as store:
        save_survey_forms(store, out, actor_ids=[] if args.blank else None)
    verbose(args, _("{path} written").format(path=out))
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--round ID`` (for ``call-sheet``) and ``--blank`` (for ``survey``)."""
    parser.add_argument(
        "--round", metavar="ID", help=_("the call round of the tick-off sheet (default: newest)")
    )
    parser.add_argument(
        "--blank", action="store_true", help=_("survey: one blank form instead of one per actor")
    )
