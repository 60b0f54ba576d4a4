"""The contacts as vCards (3.0), so the numbers can also live on phones: one card per contact
person (organisation, role, mobile and landline, e-mail, radio and 24/7 in the note), and one for
each actor that has a number of its own but no contact person."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, BinaryIO

import vobject

from verkosto_desktop.domain.consent import no_consent_mark
from verkosto_desktop.domain.text_safety import one_line, printable
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.register.contact_sheet import SheetActor, SheetContact


def _name(full: str) -> vobject.vcard.Name:
    full = one_line(full)
    parts = full.split()
    if len(parts) < 2:
        return vobject.vcard.Name(family=full)
    return vobject.vcard.Name(family=parts[-1], given=" ".join(parts[:-1]))


def _tel(card: vobject.base.Component, number: str, kind: str) -> None:
    tel = card.add("tel")
    tel.value = one_line(number)
    tel.type_param = kind


def _contact_card(
    actor: SheetActor, contact: SheetContact, category: str
) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("fn").value = one_line(contact.name)
    card.add("n").value = _name(contact.name)
    card.add("org").value = [one_line(actor.name)]
    if contact.role:
        card.add("title").value = one_line(contact.role)
    if contact.mobile:
        _tel(card, contact.mobile, "CELL")
    if contact.landline:
        _tel(card, contact.landline, "WORK")
    if contact.email:
        email = card.add("email")
        email.value = one_line(contact.email)
        email.type_param = "INTERNET"
    notes = [
        "" if contact.has_consent else no_consent_mark(),
        _("Reachable 24/7") if contact.reachable_24_7 else "",
        _("Radio: {radio}").format(radio=contact.radio) if contact.radio else "",
        contact.walk_in,
    ]
    note = printable("\n".join(n for n in notes if n))
    if note:
        card.add("note").value = note
    if category:
        card.add("categories").value = [one_line(category)]
    return card


def _actor_card(actor: SheetActor, category: str) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("fn").value = one_line(actor.name)
    card.add("n").value = vobject.vcard.Name(family=one_line(actor.name))
    card.add("org").value = [one_line(actor.name)]
    if actor.phone:
        _tel(card, actor.phone, "WORK")
    if actor.email:
        email = card.add("email")
        email.value = one_line(actor.email)
        email.type_param = "INTERNET"
    if category:
        card.add("categories").value = [one_line(category)]
    return card


def write_vcards(
    out: BinaryIO,
    actors: Iterable[SheetActor],
    category: str = "",
    tick: Callable[[], None] | None = None,
) -> int:
    """Write the cards of ``actors`` to ``out`` (UTF-8); ``category`` (the network's name) lets
    a phone group them. Returns the number of cards."""
    count = 0
    for actor in actors:
        if tick is not None:
            tick()
        cards = [_contact_card(actor, c, category) for c in actor.contacts]
        if not cards and (actor.phone or actor.email):
            cards = [_actor_card(actor, category)]
        for card in cards:
            out.write(card.serialize().encode("utf-8"))
            count += 1
    return count
