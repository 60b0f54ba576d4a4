"""``verkosto erase CONTACT_ID --database FILE --yes``: erase a person everywhere, as Register →
"Erase person permanently…" does (``data.register.privacy.erase_person``). Cannot be undone, so
it asks for ``--yes``; the id may be shortened to any unique beginning."""

from __future__ import annotations

import argparse
import sys

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    open_for_change,
    verbose,
)
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "erase",
        help=_("erase a contact person everywhere in the file (cannot be undone)"),
        description=_(
            "Erase a contact person for a data-protection request: their record and every "
            "past version go, and every text that names them (the incident log, meeting notes, "
            "call rounds, survey answers) gets a placeholder instead. A file backed up before "
            "keeps them until it is restored, when the erasure is applied again."
        ),
    )
    parser.add_argument("contact_id", metavar=_("CONTACT_ID"), help=_("the contact person's id"))
    add_database_option(parser)
    parser.add_argument(
        "--yes", action="store_true", help=_("really erase (the erasure cannot be undone)")
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.errors import NotFound
    from verkosto_desktop.data.register import privacy

    with open_for_change(database_arg(args)) as store:
        try:
            contact_id = privacy.resolve_contact_id(store, args.contact_id)
            if not args.yes:
                raise CommandError(
                    _(
                        "Erasing {id} cannot be undone; run the command again with --yes to "
                        "erase the person."
                    ).format(id=contact_id)
                )
            report = privacy.erase_person(store, contact_id)
        except NotFound as error:
            raise CommandError(str(error)) from None
    verbose(args, _("Erased {id}.").format(id=contact_id))
    print(
        _(
            "{id} erased; its name was replaced in {log} log entries, {other} other records "
            "and {past} past versions."
        ).format(
            id=contact_id,
            log=report.log_entries,
            other=report.other_records,
            past=report.past_versions,
        ),
        file=sys.stdout,
    )
    return 0
