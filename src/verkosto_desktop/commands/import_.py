"""``verkosto import FILE`` (a spreadsheet or vCards; the kind recognised by content),
``verkosto import --undo BATCH`` and ``verkosto imports``.

Without ``--mapping`` the suggested mapping is used (or the one used before for a file with the
same headers). The summary goes to standard output; problems, each with its row and column, and
warnings go to standard error. A problem anywhere means nothing was imported (exit 1)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_existing,
    open_for_change,
    verbose,
)
from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.i18n import _

DUPLICATE_CHOICES = ("fill", "update", "skip", "new")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import",
        help=_("bring a list in (CSV, XLSX or vCard) or a bundle from another laptop"),
    )
    parser.add_argument(
        "file", nargs="?", type=Path, metavar=_("FILE"), help=_("the file to import")
    )
    add_database_option(parser)
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=_("a test run: show what would change, change nothing"),
    )
    parser.add_argument(
        "--mapping", type=Path, metavar=_("MAPPING.json"), help=_("which column goes where")
    )
    parser.add_argument("--sheet", metavar=_("NAME"), help=_("the workbook's sheet to read"))
    parser.add_argument("--encoding", metavar=_("ENC"), help=_("the text encoding (e.g. cp1252)"))
    parser.add_argument("--delimiter", metavar=_("CHAR"), help=_("the separator: ; , | or tab"))
    parser.add_argument(
        "--duplicates",
        choices=DUPLICATE_CHOICES,
        default="fill",
        help=_("what to do with an actor already in the register (default: fill in blanks)"),
    )
    parser.add_argument(
        "--undo", metavar=_("BATCH"), help=_("take back the import BATCH (an id from `imports`)")
    )
    parser.add_argument(
        "--passphrase-file", type=Path, metavar="F", help=_("a bundle's passphrase is in F")
    )
    parser.set_defaults(handler=run)

    listing = subparsers.add_parser("imports", help=_("list the imports, newest first"))
    add_database_option(listing)
    listing.set_defaults(handler=run_imports)


def _print(lines: list[str], stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    for line in lines:
        out.write(line + "\n")


def _import_list(args: argparse.Namespace, data: bytes) -> int:
    """A spreadsheet or vCards: read, map, import (or test-run)."""
    from verkosto_desktop.data.exchange.apply import run_import
    from verkosto_desktop.data.exchange.batches import initial_mapping
    from verkosto_desktop.data.exchange.mapping import load_mapping
    from verkosto_desktop.data.exchange.reading import ReadOptions, read_table
    from verkosto_desktop.data.exchange.results import ImportPlan, ImportProblems, summary_lines

    options = ReadOptions(encoding=args.encoding, delimiter=args.delimiter, sheet=args.sheet)
    table = read_table(data, options, args.file.name)
    with open_for_change(database_arg(args)) as store:
        if args.mapping is not None:
            mapping = load_mapping(args.mapping)
            for header in table.headers:
                mapping.columns.setdefault(header, None)
        else:
            mapping, used_before = initial_mapping(store, table)
            if used_before is not None:
                verbose(
                    args,
                    _("Using the mapping of the import of {file}.").format(
                        file=used_before.file_name
                    ),
                )
        if not mapping.has_name(table.headers):
            _print(
                [
                    _("verkosto: {message}").format(
                        message=_(
                            "No column gives the actor's or the person's name. Choose the "
                            "column with the names."
                        )
                    ),
                    _("Columns and the mapping tried:"),
                    *(
                        f"  {header}\t{mapping.columns.get(header) or '-'}"
                        for header in table.headers
                    ),
                ],
                sys.stderr,
            )
            return 1
        plan = ImportPlan(table, mapping, args.file.name, default_action=args.duplicates)
        try:
            result = run_import(store, plan, dry_run=args.dry_run)
        except ImportProblems as error:
            _print([_("verkosto: {message}").format(message=error)], sys.stderr)
            _print([f"  {problem}" for problem in error.problems], sys.stderr)
            return 1
    word = _("warning")  # outside the f-string, where the catalog's extractor sees it
    _print([f"{word}: {warning}" for warning in result.warnings], sys.stderr)
    if result.dry_run:
        head = _("Test run: nothing was changed.")
    else:
        head = _("Imported as batch {id}.").format(id=result.batch_id)
    _print([head, *summary_lines(result.counts)])
    if args.verbose:
        from verkosto_desktop.data.exchange.results import ACTIONS_SHOWN

        for line in result.lines:
            where = ",".join(str(r) for r in line.rows)
            action = _(ACTIONS_SHOWN[line.action])
            _print(
                [f"  {where}\t{line.name}\t{action}\t{line.details}"],
                sys.stderr,
            )
    return 0


# What each kind of file becomes; a kind recognised by ``sniff.detect_kind`` but missing here is
# refused with the sniffer's own explanation.
def _import_bundle(args: argparse.Namespace, data: bytes) -> int:
    """A bundle from another laptop: merged (see ``commands.bundle``)."""
    from verkosto_desktop.commands.bundle import import_bundle

    return import_bundle(args, data)


IMPORTERS: dict[str, Callable[[argparse.Namespace, bytes], int]] = {
    "bundle": _import_bundle,
    "csv": _import_list,
    "xlsx": _import_list,
    "vcard": _import_list,
}


def run(args: argparse.Namespace) -> int:
    if args.undo:
        return _undo(args)
    if args.file is None:
        raise CommandError(_("Give the file to import, or --undo BATCH."))
    from verkosto_desktop.data.exchange.reading import read_bytes
    from verkosto_desktop.data.exchange.sniff import describe_unknown, detect_kind

    data = read_bytes(args.file)
    importer = IMPORTERS.get(detect_kind(data))
    if importer is None:
        raise CommandError(describe_unknown(data))
    return importer(args, data)


def _undo(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.exchange.batches import undo_batch

    with open_for_change(database_arg(args)) as store:
        result = undo_batch(store, args.undo)
    lines = [
        _("Import {id} taken back: {trashed} records to the trash, {restored} restored.").format(
            id=result.batch_id, trashed=result.trashed, restored=result.restored
        )
    ]
    if result.conflicts:
        lines.append(_("Edited after the import, so left as they are:"))
        lines.extend(f"  {c.entity}\t{c.record_id}\t{c.name}\t{c.reason}" for c in result.conflicts)
    _print(lines)
    return 0


def run_imports(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.exchange.batches import list_batches

    with open_existing(database_arg(args)) as store:
        batches = list_batches(store)
    for batch in batches:
        fields = [
            batch.id,
            to_local(batch.imported_at).isoformat(timespec="seconds"),
            batch.file_name,
            batch.file_kind,
            str(batch.actors),
            str(batch.contacts),
            to_local(batch.undone_at).isoformat(timespec="seconds") if batch.undone_at else "",
        ]
        sys.stdout.write("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n")
    return 0
