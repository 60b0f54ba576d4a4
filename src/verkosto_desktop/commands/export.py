"""``verkosto export DOCUMENT --database FILE --out FILE [options]``: printed documents.

Each document is a module with ``register(documents)`` that adds its own sub-parser; the
``DOCUMENTS`` table is the one place listing them (more documents join it as they land)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from verkosto_desktop.commands import export_incident
from verkosto_desktop.i18n import _

Register = Callable[[argparse._SubParsersAction], None]  # type: ignore[type-arg]

DOCUMENTS: dict[str, Register] = {
    "incident": export_incident.register,
}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("export", help=_("write a printable document"))
    documents = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    for add_document in DOCUMENTS.values():
        add_document(documents)
