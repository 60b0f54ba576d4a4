"""Tilannekortti: for one kind of disruption, per phase, what the network can offer and whom to
call (24/7 first, then the quickest to start), and in words what nobody offers ("Ei toimijaa:
…"). A4 portrait, confidential (names and phone numbers)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.export.consent_marks import consent_note
from verkosto_desktop.export.formatting import capacity, catalogue_name, duration, phone
from verkosto_desktop.export.template import (
    BOLD,
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
    titled_table,
)
from verkosto_desktop.i18n import _, current_language

if TYPE_CHECKING:
    from verkosto_desktop.data.register.offers import CapabilityOffer

PAGE_FORMAT = PageFormat.A4_PORTRAIT


def title() -> str:
    return _("Situation card")


def offer_columns() -> list[Column]:
    return [
        Column(_("Capability"), 1.5),
        Column(_("Who offers it"), 2.05),
        Column(_("Capacity"), 1.25),
        Column(_("Starts in"), 1.15),
        Column(_("Contact person"), 1.75),
        Column(_("Phone"), 1.45),
        Column(_("24/7"), 0.62, align="centre"),
    ]


def _offer_row(offer: CapabilityOffer) -> tuple[tuple[tuple[str, TextStyle], ...], ...]:
    return (
        cell((offer.actor_name, BOLD), (offer.description, SMALL)),
        cell(capacity(offer.capacity, offer.capacity_unit)),
        cell(duration(offer.activation_minutes)),
        cell(offer.contact_name, (offer.contact_role, SMALL)),
        cell((phone(offer.phone), PHONE) if offer.phone else None),
        mark_24_7(offer.reachable_24_7),
    )


def offer_blocks(
    offers: Sequence[CapabilityOffer], categories: Sequence[CatalogueEntry]
) -> list[Block]:
    """One block per category (in catalogue order) holding its offers in the given order."""
    blocks: list[Block] = []
    known = {entry.key for entry in categories}
    order = [entry.key for entry in categories] + sorted({o.category_key for o in offers} - known)
    for key in order:
        rows = tuple(_offer_row(o) for o in offers if o.category_key == key)
        if rows:
            blocks.append(Block(rows=rows, lead=cell((catalogue_name(categories, key), BOLD))))
    return blocks


def gaps(offers: Sequence[CapabilityOffer], categories: Sequence[CatalogueEntry]) -> list[str]:
    """Names of the categories nobody offers among ``offers`` (catalogue order)."""
    offered = {o.category_key for o in offers}
    return [entry.name(current_language()) for entry in categories if entry.key not in offered]


def gap_paragraph(names: Sequence[str]) -> Paragraph:
    """ "Ei toimijaa: …" in a box, or a line saying every category has someone."""
    styles = paragraph_styles()
    if not names:
        return Paragraph(markup(_("Every capability category has an actor.")), styles["small"])
    text = _("No actor: {categories}").format(categories=", ".join(names))
    return Paragraph(markup(text), styles["alert"])


def phase_section(
    phase: Phase,
    offers: Sequence[CapabilityOffer],
    categories: Sequence[CatalogueEntry],
    *,
    title: str | None = None,
    continued: str | None = None,
) -> Iterator[Flowable]:
    """The heading (``title``, by default the phase's name), table and gaps of one phase
    (offers not in ``phase`` are left out)."""
    in_phase = [o for o in offers if phase.value in o.phases]
    yield from titled_table(
        title or phase.label(),
        offer_columns(),
        offer_blocks(in_phase, categories),
        continued=continued,
        empty_text=_("Nobody has offered anything for this phase."),
    )
    yield gap_paragraph(gaps(in_phase, categories))


def situation_card_part(
    letterhead: Letterhead,
    situation: CatalogueEntry,
    offers: Sequence[CapabilityOffer],
    categories: Sequence[CatalogueEntry],
    phases: Sequence[Phase] = tuple(Phase),
    left_out: int | None = None,
) -> Part:
    """The situation card of ``situation``: ``offers`` are the capabilities that apply to it
    (``data.capability_offers.capability_offers``), ``categories`` the capability catalogue.
    A shared document (it lies on the table with authorities): ``left_out`` says how many
    contact persons the offers left out (``printouts.shared``)."""
    name = situation.name(current_language())
    info = letterhead.document(
        title(), page_format=PAGE_FORMAT, subtitle=name, audience=Audience.SHARED
    )

    def story() -> Iterator[Flowable]:
        styles = paragraph_styles()
        yield Paragraph(markup(f"{title()}: {name}"), styles["title"])
        yield Paragraph(
            markup(
                _(
                    "Who can help in this kind of disruption, in each phase. Those reachable "
                    "24/7 come first, then the quickest to start."
                )
            ),
            styles["small"],
        )
        yield from consent_note(left_out)
        for phase in phases:
            yield from phase_section(phase, offers, categories)

    return Part(info, story())
