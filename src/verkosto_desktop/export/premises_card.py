"""Tilat ja varavoima: every premises of the network by area, those with backup power first —
room for how many, whether the heating works in a power cut, what backup power and for how many
hours of fuel, water, kitchen, accessibility, and who has the key with a number that answers at
any hour. A4 portrait, confidential (key holders' names and numbers)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from verkosto_desktop.export.formatting import phone
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
    markup,
    paragraph_styles,
    titled_table,
)
from verkosto_desktop.export.template.fonts import FONT_BOLD
from verkosto_desktop.export.template.tables import Cell, Piece
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.register.premises import PremisesRow
    from verkosto_desktop.data.register.whom_to_call import CallPerson

PAGE_FORMAT = PageFormat.A4_PORTRAIT
FLAG = TextStyle(FONT_BOLD, 7.5)  # "works in a power cut" under the kind of heating


def title() -> str:
    return _("Premises and backup power")


def columns() -> list[Column]:
    return [
        Column(_("Premises"), 1.85),
        Column(_("People"), 0.85, align="right"),
        Column(_("Heating"), 1.55),
        Column(_("Backup power"), 1.65),
        Column(_("Water"), 0.75, align="centre"),
        Column(_("Kitchen"), 0.8, align="centre"),
        Column(_("Accessible"), 1.1, align="centre"),
        Column(_("Key holder"), 1.85),
    ]


def _mark(flag: bool) -> Cell:
    return cell((_("yes"), BOLD)) if flag else cell(("–", SMALL))


def _heating(row: PremisesRow) -> Cell:
    works = (
        (_("works in a power cut"), FLAG)
        if row.heating_without_mains
        else (_("needs mains power"), SMALL)
    )
    return cell(row.heating, works)


def _backup(row: PremisesRow) -> Cell:
    if not row.backup_power:
        return cell(("–", SMALL))
    hours = (
        _("fuel for {hours} h").format(hours=row.fuel_hours) if row.fuel_hours is not None else ""
    )
    return cell((_("yes"), BOLD), row.backup_power_kind, (hours, FLAG))


def _person(person: CallPerson, prefix: str = "") -> list[str | Piece]:
    name = f"{prefix}{person.name}"
    number = phone(person.phone)
    if number and person.reachable_24_7:
        number += " (24/7)"
    return [name, (person.role, SMALL), (number, PHONE)]


def _keys(row: PremisesRow) -> Cell:
    parts: list[str | Piece] = []
    if row.key_holder is not None:
        parts.extend(_person(row.key_holder))
    else:
        parts.append((_("Key holder not recorded"), SMALL))
    if row.on_call is not None:
        prefix = "24/7: " if row.on_call.reachable_24_7 else _("Call: ")
        parts.extend(_person(row.on_call, prefix=prefix))
    return cell(*parts)


def _block(row: PremisesRow) -> Block:
    place = cell((row.name, BOLD), row.actor_name, (row.address, SMALL), (row.notes, SMALL))
    people = cell(str(row.capacity) if row.capacity is not None else "–")
    return Block(
        rows=(
            (
                place,
                people,
                _heating(row),
                _backup(row),
                _mark(row.water),
                _mark(row.kitchen),
                _mark(row.accessible),
                _keys(row),
            ),
        )
    )


def area_name(area: str) -> str:
    """An area as headed on the card ("No area" for actors without one)."""
    return area or _("No area")


def _summary(rows: Sequence[PremisesRow]) -> str:
    power = sum(r.backup_power for r in rows)
    heat = sum(r.heating_without_mains for r in rows)
    return _("{count} premises · backup power {power} · heating in a power cut {heat}").format(
        count=len(rows), power=power, heat=heat
    )


def _gaps(rows: Sequence[PremisesRow], areas: Sequence[str]) -> Iterator[Flowable]:
    styles = paragraph_styles()
    with_power = {r.area for r in rows if r.backup_power}
    with_heat = {r.area for r in rows if r.heating_without_mains}
    no_power = [area_name(a) for a in areas if a not in with_power]
    no_heat = [area_name(a) for a in areas if a not in with_heat]
    if no_power:
        text = _("⚠ No premises with backup power: {areas}").format(areas=", ".join(no_power))
        yield Paragraph(markup(text), styles["alert"])
    if no_heat:
        text = _("⚠ No premises with heating in a power cut: {areas}").format(
            areas=", ".join(no_heat)
        )
        yield Paragraph(markup(text), styles["alert"])


def premises_card_part(
    letterhead: Letterhead,
    rows: Sequence[PremisesRow],
    *,
    subtitle: str = "",
    areas: Sequence[str] = (),
) -> Part:
    """The premises card of ``rows`` (``data.register.premises.premises_rows``, in its order);
    ``areas`` (every area of the register, for the whole network's card) adds in words the
    areas that have no premises with backup power or with heating in a power cut."""
    info = letterhead.document(title(), page_format=PAGE_FORMAT, subtitle=subtitle)

    def story() -> Iterator[Flowable]:
        styles = paragraph_styles()
        yield Paragraph(markup(title()), styles["title"])
        yield Paragraph(
            markup(
                _(
                    "Every premises by area, those with backup power first. Heating that "
                    "works in a power cut keeps the rooms warm without the mains; the key "
                    "holder's number, and a number that answers at any hour."
                )
            ),
            styles["small"],
        )
        yield from _gaps(rows, areas)
        if not rows:
            yield Paragraph(markup(_("No premises are recorded.")), styles["body"])
        for area, group in groupby(rows, key=lambda r: r.area):
            in_area = list(group)
            heading = f"{area_name(area)} — {_summary(in_area)}"
            continued = _("(continued)")
            yield from titled_table(
                heading,
                columns(),
                (_block(r) for r in in_area),
                continued=f"{area_name(area)} {continued}",
            )

    return Part(info, story())
