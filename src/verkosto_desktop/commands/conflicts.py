"""``verkosto conflicts``: the open conflicts, one per line (or as JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from verkosto_desktop.commands.common import add_database_option, database_arg, open_existing
from verkosto_desktop.i18n import _

COLUMNS = (
    "id",
    "entity",
    "record_id",
    "record",
    "field",
    "kind",
    "shown_value",
    "shown_site",
    "shown_at",
    "other_value",
    "other_site",
    "other_at",
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "conflicts", help=_("the conflicts between laptops a person has to settle")
    )
    add_database_option(parser)
    parser.add_argument("--format", choices=("tsv", "json"), default="tsv")
    parser.set_defaults(handler=run)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\t", " ").replace("\n", " ")
    return json.dumps(value, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.exchange.conflicts import open_conflicts

    with open_existing(database_arg(args)) as store:
        rows = open_conflicts(store)
    records = [
        {
            "id": row.id,
            "entity": row.entity,
            "record_id": row.record_id,
            "record": row.record_label,
            "field": row.field,
            "kind": row.kind,
            "shown_value": row.shown.value,
            "shown_site": row.shown.site,
            "shown_at": row.shown.changed_at.isoformat(),
            "other_value": row.other.value,
            "other_site": row.other.site,
            "other_at": row.other.changed_at.isoformat(),
        }
        for row in rows
    ]
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for record in records:
            print("\t".join(_text(record[c]) for c in COLUMNS))
    return 0
