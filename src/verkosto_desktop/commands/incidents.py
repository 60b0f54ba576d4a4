"""``verkosto incidents --database FILE``: the incidents, one per line, tab-separated like
``find``: id, title, phase, start, end (ISO 8601 in local time; the end is empty while open)."""

from __future__ import annotations

import argparse
from datetime import datetime

from verkosto_desktop.commands.common import (
    add_database_option,
    database_arg,
    open_existing,
    write_row,
)
from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("incidents", help=_("list the incidents, newest first"))
    add_database_option(parser)
    parser.set_defaults(handler=run)


def _iso(moment: datetime | None) -> str:
    return to_local(moment).isoformat(timespec="seconds") if moment else ""


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.incident.incidents import list_incidents

    with open_existing(database_arg(args)) as store:
        incidents = list_incidents(store)
    for incident in incidents:
        fields = [
            incident.id,
            incident.title,
            incident.phase,
            _iso(incident.started_at),
            _iso(incident.closed_at),
        ]
        write_row(fields)
    return 0
