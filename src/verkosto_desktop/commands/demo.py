"""``verkosto demo FILE [--size small|large]``: write a demo database."""

from __future__ import annotations

import argparse
from pathlib import Path

from verkosto_desktop.commands.common import CommandError, verbose
from verkosto_desktop.data.storage.store import Store, inspect_file
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help=_("write a demo database"))
    parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("the new database file"))
    parser.add_argument("--size", choices=("small", "large"), default="small")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.demo import write_large_demo, write_small_demo

    path: Path = args.file
    if inspect_file(path) != "new":
        raise CommandError(
            _("{path} already exists; the demo is written into a new file only.").format(path=path)
        )
    with Store.open(path) as store:
        if args.size == "large":
            write_large_demo(store, progress=lambda done, total: verbose(args, f"{done}/{total}"))
        else:
            write_small_demo(store)
    verbose(args, _("Demo network written to {path}").format(path=path))
    return 0
