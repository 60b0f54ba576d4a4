"""Yhteystietolista: every actor (or a filtered set) with all contact persons and channels,
grouped by kind or area or in the register's own order. A4 landscape, confidential.

An actor's name, kind, area and main number sit in the first column beside its contact persons;
the whole block moves to the next page together, so a name is never printed without its phones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from verkosto_desktop.domain.enums import ActorKind, MembershipStatus
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.export.consent_marks import no_consent_piece
from verkosto_desktop.export.formatting import phone
from verkosto_desktop.export.template import (
    BOLD,
    ITALIC,
    NORMAL,
    PHONE,
    SMALL,
    Block,
    Column,
    Letterhead,
    PageFormat,
    Part,
    TextStyle,
    cell,
    mark_24_7,
    markup,
    paragraph_styles,
    table,
    titled_table,
)
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.register.contact_sheet import SheetActor, SheetContact

PAGE_FORMAT = PageFormat.A4_LANDSCAPE


def title() -> str:
    return _("Contact list")


def columns() -> list[Column]:
    return [
        Column(_("Actor"), 3.2),
        Column(_("Contact person"), 2.5),
        Column(_("Phone"), 2.0),
        Column(_("Email"), 2.25),
        Column(_("Other channel"), 2.2),
        Column(_("24/7"), 0.6, align="centre"),
        Column(_("Checked"), 1.0),
    ]


def _lead(actor: SheetActor) -> tuple[tuple[str, TextStyle], ...]:
    facts = " · ".join(p for p in (ActorKind.label_of(actor.kind), actor.area) if p)
    membership = (
        MembershipStatus.label_of(actor.membership_status)
        if actor.membership_status != "member"
        else ""
    )
    verified = (
        _("checked {date}").format(date=format_date(actor.last_verified_on))
        if actor.last_verified_on
        else ""
    )
    return cell(
        (actor.name, BOLD),
        (facts, SMALL),
        (_("tel. {phone}").format(phone=phone(actor.phone)), NORMAL) if actor.phone else None,
        (membership, SMALL),
        (verified, SMALL),
    )


def _other_channels(contact: SheetContact) -> tuple[tuple[str, TextStyle], ...]:
    return cell(
        contact.radio,
        contact.walk_in,
        (_("reachable without the mobile network"), SMALL)
        if contact.without_mobile_network
        else None,
    )


def _row(contact: SheetContact) -> tuple[tuple[tuple[str, TextStyle], ...], ...]:
    landline = (
        (_("{number} (landline)").format(number=phone(contact.landline)), NORMAL)
        if contact.landline
        else None
    )
    return (
        cell(contact.name, (contact.role, SMALL), no_consent_piece(contact.has_consent)),
        cell((phone(contact.mobile), PHONE) if contact.mobile else None, landline),
        cell(contact.email or ""),
        _other_channels(contact),
        mark_24_7(contact.reachable_24_7),
        cell(format_date(contact.last_verified_on)),
    )


def actor_block(actor: SheetActor) -> Block:
    """The printed block of one actor: its lead cell and one row per contact person."""
    rows = tuple(_row(contact) for contact in actor.contacts)
    if not rows:
        rows = (
            (
                cell((_("No contact person"), ITALIC)),
                cell((phone(actor.phone), PHONE) if actor.phone else None),
                cell(actor.email or ""),
                (),
                (),
                (),
            ),
        )
    return Block(rows=rows, lead=_lead(actor))


def _group_title(group_by: str, key: str) -> str:
    if group_by == "kind":
        return ActorKind.label_of(key)
    return key or _("No area given")


def _story(actors: Iterable[SheetActor], group_by: str) -> Iterator[Flowable]:
    if group_by == "none":
        yield from table(
            columns(),
            (actor_block(a) for a in actors),
            empty_text=_("No actors match the choices."),
        )
        return
    any_group = False

    def key(actor: SheetActor) -> str:
        return actor.kind if group_by == "kind" else actor.area

    for group, members in groupby(actors, key=key):
        any_group = True
        name = _group_title(group_by, group)
        yield from titled_table(name, columns(), (actor_block(a) for a in members), level="h2")
    if not any_group:
        yield Paragraph(markup(_("No actors match the choices.")), paragraph_styles()["small"])


def contact_list_part(
    letterhead: Letterhead,
    actors: Iterable[SheetActor],
    group_by: str = "none",
    subtitle: str = "",
    tick: Callable[[], None] | None = None,
) -> Part:
    """The contact list as a :class:`Part`. ``actors`` (in print order: grouped ones sorted by
    the group first) is consumed lazily while the PDF is laid out; ``tick`` is called once per
    actor and may raise ``Cancelled``. ``subtitle`` says what was chosen (filters)."""
    info = letterhead.document(title(), page_format=PAGE_FORMAT, subtitle=subtitle)

    def counted() -> Iterator[SheetActor]:
        for actor in actors:
            if tick is not None:
                tick()
            yield actor

    return Part(info, _story(counted(), group_by))
