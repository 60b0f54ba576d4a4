"""Taskulista: an A6 call list of the contact persons reachable 24/7, phone number first in
large type, to keep in a pocket when every screen is dark. Confidential."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from verkosto_desktop.export.consent_marks import no_consent_piece
from verkosto_desktop.export.formatting import phone
from verkosto_desktop.export.template import (
    SMALL,
    Block,
    Column,
    Letterhead,
    PageFormat,
    Part,
    TableLook,
    TextStyle,
    cell,
    table,
)
from verkosto_desktop.export.template.fonts import FONT, FONT_BOLD
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.register.contact_sheet import SheetActor

PAGE_FORMAT = PageFormat.A6_PORTRAIT
NUMBER = TextStyle(FONT_BOLD, 11.5)
NAME = TextStyle(FONT_BOLD, 8.5)
DETAIL = TextStyle(FONT, 7.5)


def title() -> str:
    return _("Pocket call list")


def _blocks(actors: Iterable[SheetActor]) -> Iterator[Block]:
    for actor in actors:
        for contact in actor.contacts:
            if not contact.reachable_24_7:
                continue
            numbers = [phone(n) for n in (contact.mobile, contact.landline) if n]
            if not numbers and actor.phone:
                numbers = [phone(actor.phone)]
            first = (numbers[0], NUMBER) if numbers else (contact.radio, NAME)
            rest = [(n, NAME) for n in numbers[1:]]
            yield Block(
                rows=(
                    (
                        cell(first, *rest),
                        cell(
                            (contact.name, NAME),
                            (actor.name, DETAIL),
                            (contact.role, SMALL),
                            (contact.radio, SMALL) if numbers else None,
                            no_consent_piece(contact.has_consent),
                        ),
                    ),
                )
            )


def pocket_list_part(
    letterhead: Letterhead, actors: Iterable[SheetActor], subtitle: str = ""
) -> Part:
    """The pocket list of the 24/7 contact persons of ``actors`` (in their order)."""
    info = letterhead.document(title(), page_format=PAGE_FORMAT, subtitle=subtitle)
    columns = [Column(_("Phone"), 1.15), Column(_("Who"), 1.6)]
    story: Iterator[Flowable] = table(
        columns,
        _blocks(actors),
        look=TableLook(zebra=True),
        empty_text=_("Nobody is marked as reachable 24/7."),
    )
    return Part(info, story)
