"""``verkosto find [TEXT] --database FILE [filters] [--health KEY] [--facility KEY]
[--capacity N] [--format tsv|json]``.

``--facility KEY`` (repeatable) lists the actors with premises that have all the features
named, the register's premises filter; ``--capacity N`` premises for at least N people.

``--health KEY`` lists the actors one register health check finds, exactly as the dashboard's
health list counts them and the register lists them: on today's date, with the network's
verification period (members' activity: the last year)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_existing,
    write_json,
    write_row,
)
from verkosto_desktop.data import catalogues
from verkosto_desktop.data.dashboard.health import health_filter
from verkosto_desktop.data.network.info import network_info
from verkosto_desktop.data.register.plain_rows import ActorRow
from verkosto_desktop.data.register.search import HEALTH_KEYS, ActorFilter, search_actors
from verkosto_desktop.domain.clock import now_local
from verkosto_desktop.domain.enums import ActorKind, Phase
from verkosto_desktop.domain.premises import PremisesFeature
from verkosto_desktop.i18n import _

PHASE_ORDER = [p.value for p in Phase]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("find", help=_("find actors"))
    parser.add_argument(
        "text", nargs="?", default="", metavar=_("TEXT"), help=_("words, names or phone digits")
    )
    add_database_option(parser)
    parser.add_argument(
        "--situation", metavar=_("KEY"), help=_("situation type key, e.g. power_outage")
    )
    parser.add_argument("--phase", choices=PHASE_ORDER)
    parser.add_argument("--kind", choices=[k.value for k in ActorKind])
    parser.add_argument(
        "--category", metavar=_("KEY"), help=_("capability category key, e.g. catering")
    )
    parser.add_argument(
        "--health",
        choices=HEALTH_KEYS,
        metavar=_("KEY"),
        help=_("actors a register health check finds, as the dashboard counts them: {keys}").format(
            keys=", ".join(HEALTH_KEYS)
        ),
    )
    parser.add_argument(
        "--facility",
        action="append",
        choices=[f.value for f in PremisesFeature],
        metavar=_("KEY"),
        help=_(
            "actors with premises that have this (heating: works without the mains); "
            "repeat for premises that have all: {keys}"
        ).format(keys=", ".join(f.value for f in PremisesFeature)),
    )
    parser.add_argument(
        "--capacity",
        type=int,
        metavar=_("N"),
        help=_("actors with premises for at least N people"),
    )
    parser.add_argument("--format", choices=("tsv", "json"), default="tsv")
    parser.set_defaults(handler=run)


def _phases(row: ActorRow) -> list[str]:
    return [p for p in PHASE_ORDER if p in row.phases]


def run(args: argparse.Namespace) -> int:
    with open_existing(database_arg(args)) as store:
        if args.situation and args.situation not in {
            e.key for e in catalogues.situation_types(store)
        }:
            raise CommandError(_("Unknown situation type: {keys}").format(keys=args.situation))
        if args.category and args.category not in {
            e.key for e in catalogues.capability_categories(store)
        }:
            raise CommandError(_("Unknown capability category: {key}").format(key=args.category))
        flt = ActorFilter(
            text=args.text,
            situation=args.situation,
            phase=args.phase,
            kind=args.kind,
            category=args.category,
            premises=tuple(sorted(set(args.facility or ()))),
            min_capacity=args.capacity,
        )
        if args.health:
            # The dashboard's list: today, with the network's period (the list's own filter).
            months = network_info(store).stale_after_months or 12
            health = health_filter(args.health, now_local().date(), months)
            flt = replace(
                flt, health=health.health, health_months=health.health_months, today=health.today
            )
        rows = search_actors(store, flt)
    if args.format == "json":
        payload = [
            {
                "id": r.id,
                "name": r.name,
                "kind": r.kind,
                "contact_name": r.contact_name,
                "phone": r.phone or "",
                "phases": _phases(r),
                "situations": sorted(r.situations),
            }
            for r in rows
        ]
        write_json(payload)
        return 0
    for r in rows:
        fields = [
            r.id,
            r.name,
            r.kind,
            r.contact_name,
            r.phone or "",
            ",".join(_phases(r)),
            ",".join(sorted(r.situations)),
        ]
        write_row(fields)
    return 0
