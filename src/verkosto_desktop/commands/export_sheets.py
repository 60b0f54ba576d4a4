"""``verkosto export readiness --database FILE --out FILE.pdf [--phase KEY]``: the dashboard's
one-page readiness sheet; ``verkosto export call-sheet --database FILE --out FILE.pdf
[--round ID]``: a call round's tick-off sheet (default the newest round; an id may be shortened
to any unique beginning), or with ``--due`` the sheet of the contacts due for checking that the
print pack holds; ``verkosto export survey --database FILE --out FILE.pdf [--waiting]``: a blank
mapping-survey form, or one for each actor who has not answered the latest round. The same
documents the window prints, through ``printouts``."""

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
    with open_existing(database_arg(args), writing=out) as store:
        save_readiness_sheet(store, out, args.phase or Phase.RESPONSE.value)
    verbose(args, _("{path} written").format(path=out))
    return 0


def run_call_sheet(args: argparse.Namespace) -> int:
    """``export call-sheet``: the tick-off sheet of ``--round`` (default: the newest round), or
    with ``--due`` the print pack's sheet of the contacts due for checking."""
    from verkosto_desktop.printouts import DocumentKind, PrintRequest
    from verkosto_desktop.printouts.network import save_call_sheet
    from verkosto_desktop.printouts.render import save_document

    out = _out(args)
    with open_existing(database_arg(args), writing=out) as store:
        if getattr(args, "due", False):
            if args.round:
                raise CommandError(_("Give either --round or --due, not both."))
            save_document(store, PrintRequest(DocumentKind.CALL_SHEET), out)
        else:
            save_call_sheet(store, args.round, out)
    verbose(args, _("{path} written").format(path=out))
    return 0


def run_survey(args: argparse.Namespace) -> int:
    """``export survey``: a blank form, as the Printouts section and the pack print it, or with
    ``--waiting`` one for each actor who has not answered, as the survey tab prints them."""
    from verkosto_desktop.printouts import DocumentKind, PrintRequest
    from verkosto_desktop.printouts.network import save_survey_forms
    from verkosto_desktop.printouts.render import save_document

    out = _out(args)
    with open_existing(database_arg(args)) as store:
        if getattr(args, "waiting", False):
            save_survey_forms(store, out)
        else:
            save_document(store, PrintRequest(DocumentKind.SURVEY), out)
    verbose(args, _("{path} written").format(path=out))
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--round ID`` and ``--due`` (for ``call-sheet``), ``--waiting`` (for ``survey``)."""
    parser.add_argument(
        "--round", metavar=_("ID"), help=_("the call round of the tick-off sheet (default: newest)")
    )
    parser.add_argument(
        "--due",
        action="store_true",
        help=_("call-sheet: the contacts due for checking instead of a round (as in the pack)"),
    )
    parser.add_argument(
        "--waiting",
        action="store_true",
        help=_("survey: a form for each actor who has not answered the latest round"),
    )
