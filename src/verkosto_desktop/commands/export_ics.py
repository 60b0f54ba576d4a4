"""``verkosto export ics --database FILE --out FILE.ics [--from DATE] [--to DATE]``: the
activities as an iCalendar file.

``commands/export.py`` adds the period options with ``add_period_arguments`` and hands ``ics``
to ``run_ics``.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta
from pathlib import Path

from verkosto_desktop.commands.common import (
    CommandError,
    Location,
    database_arg,
    open_existing,
    verbose,
)
from verkosto_desktop.domain.clock import local_zone
from verkosto_desktop.domain.dates import parse_date
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _


def parse_day(text: str) -> date:
    """``2026-03-14`` or the Finnish ``14.3.2026``; ``CommandError`` otherwise."""
    try:
        day = parse_date(text, "date")
    except ValidationError as error:
        raise CommandError(error.message) from None
    if day is None:
        raise CommandError(_("Give a date, e.g. 2026-03-14 or 14.3.2026"))
    return day


def day_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """The period from the start of ``start`` to the end of ``end`` in local time (inclusive)."""
    zone = local_zone()
    begin = datetime.combine(start, time.min, tzinfo=zone) if start else None
    finish = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone) if end else None
    if begin and finish and finish <= begin:
        raise CommandError(_("--to is before --from"))
    return begin, finish


def export_ics(database: Location | None, out: Path, start: date | None, end: date | None) -> int:
    """Write the activities of the period to ``out``; returns how many were written."""
    from verkosto_desktop.printouts.network import save_calendar

    if not out.parent.exists():
        raise CommandError(_("The folder {folder} does not exist.").format(folder=out.parent))
    begin, finish = day_bounds(start, end)
    with open_existing(database, writing=out) as store:
        return save_calendar(store, out, start=begin, end=finish)


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    """``--from DATE`` and ``--to DATE`` (the export command adds these for ``ics``)."""
    parser.add_argument(
        "--from", dest="from_day", metavar=_("DATE"), help=_("first day (default: all)")
    )
    parser.add_argument("--to", dest="to_day", metavar=_("DATE"), help=_("last day (default: all)"))


def run_ics(args: argparse.Namespace) -> int:
    """``export ics``: reads ``--database``, ``--out``, ``--from`` and ``--to`` from ``args``."""
    start = parse_day(args.from_day) if getattr(args, "from_day", None) else None
    end = parse_day(args.to_day) if getattr(args, "to_day", None) else None
    count = export_ics(database_arg(args), args.out, start, end)
    verbose(args, _("{count} activities written to {path}").format(count=count, path=args.out))
    return 0
