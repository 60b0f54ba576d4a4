"""``verkosto import FILE``: receive a bundle, recognised by its content.

This version knows bundles only; the import of spreadsheets and vCards (CSV, XLSX, vCard) is
added to the same sub-command by its own module, which recognises a bundle with
``looks_like_bundle`` and hands it to ``commands.bundle.import_bundle``."""

from __future__ import annotations

import argparse
from pathlib import Path

from verkosto_desktop.commands.common import CommandError, add_database_option
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("import", help=_("receive a bundle from another laptop"))
    parser.add_argument("file", type=Path, metavar="FILE", help=_("the file to import"))
    add_database_option(parser)
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=_("a test run: show what would change, change nothing"),
    )
    parser.add_argument(
        "--passphrase-file", type=Path, metavar="F", help=_("read the passphrase from F")
    )
    parser.add_argument("--format", choices=("tsv", "json"), default="tsv")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.commands.bundle import import_bundle
    from verkosto_desktop.data.exchange.bundle import looks_like_bundle

    path: Path = args.file
    if not path.is_file():
        raise CommandError(_("File not found: {path}").format(path=path))
    if not looks_like_bundle(path):
        raise CommandError(
            _("{path} is not a bundle; this version imports bundles from other laptops.").format(
                path=path
            )
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    return import_bundle(args, data)
