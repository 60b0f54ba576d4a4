"""The call round's tick-off sheet: the same list as on screen, in calling order, with every
channel of each contact, boxes for the result codes and room for a note. The row numbers and the
codes are what the fast entry reads back ("12 1")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from verkosto_desktop.domain.call_rounds import RESULT_CODES, other_channels
from verkosto_desktop.domain.enums import CallResult
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.export.consent_marks import no_consent_piece
from verkosto_desktop.export.template import (
    BOLD,
    FONT_BOLD,
    SMALL,
    Block,
    Column,
    Letterhead,
    PageFormat,
    Part,
    TableLook,
    TextStyle,
    atomic_output,
    build_pdf,
    cell,
    markup,
    paragraph_styles,
    table,
)
from verkosto_desktop.export.template.tables import Cell
from verkosto_desktop.i18n import _

CODES = [code for code in RESULT_CODES if RESULT_CODES[code] != CallResult.PENDING]


class SheetContact(Protocol):
    """What the sheet prints of a contact (``data.call_rounds.CallTarget`` has it)."""

    @property
    def actor_name(self) -> str: ...
    @property
    def contact_name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def mobile(self) -> str | None: ...
    @property
    def landline(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def radio(self) -> str: ...
    @property
    def walk_in(self) -> str: ...
    @property
    def reachable_24_7(self) -> bool: ...
    @property
    def last_verified_on(self) -> date | None: ...
    @property
    def has_consent(self) -> bool: ...


class SheetEntry(Protocol):
    """One row (``data.call_rounds.CallEntryRow`` has it)."""

    @property
    def position(self) -> int: ...
    @property
    def result(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def target(self) -> SheetContact: ...


@dataclass(frozen=True)
class SheetHeading:
    network_name: str
    title: str
    started_on: date
    incident_title: str = ""
    data_changed_at: datetime | None = None  # the newest change in the file ("tiedot päivitetty")


PAGE_FORMAT = PageFormat.A4_LANDSCAPE
CODE = TextStyle(FONT_BOLD, 11)  # the codes to tick, large enough to find at a glance
ROW_HEIGHT = 20.0  # room to tick a box and write a short note by hand


def title() -> str:
    return _("Call round tick-off sheet")


def columns() -> list[Column]:
    return [
        Column(_("No."), 10),
        Column(_("Actor and contact"), 60),
        Column(_("Phone"), 31),
        Column(_("Other channels"), 58),
        Column("", 11),
        Column(_("Verified"), 22),
        *(Column(code, 9, align="centre", title_style=CODE) for code in CODES),
        Column(_("Note"), 45),
    ]


def _row(entry: SheetEntry) -> Block:
    person = entry.target
    phones = [format_phone(p) for p in (person.mobile, person.landline) if p]
    other = other_channels(person.radio, person.walk_in, person.email)
    who = ", ".join(p for p in (person.contact_name, person.role) if p)
    marks: list[Cell] = [
        cell(("×", CODE)) if RESULT_CODES[code] == entry.result else () for code in CODES
    ]
    return Block(
        rows=(
            (
                cell((str(entry.position), BOLD)),
                cell((person.actor_name, BOLD), who, no_consent_piece(person.has_consent)),
                cell(*phones) if phones else cell("–"),
                cell(*other),
                cell(_("24/7") if person.reachable_24_7 else ""),
                cell(format_date(person.last_verified_on) or "–"),
                *marks,
                cell((entry.note, SMALL)),
            ),
        )
    )


def _story(heading: SheetHeading, entries: Iterable[SheetEntry]) -> Iterator[Flowable]:
    styles = paragraph_styles()
    legend = " · ".join(f"<b>{code}</b> = {markup(RESULT_CODES[code].label())}" for code in CODES)
    started = _("Started {date}").format(date=format_date(heading.started_on))
    if heading.incident_title:
        started += " · " + _("Incident: {title}").format(title=heading.incident_title)
    yield Paragraph(markup(heading.title), styles["title"])
    yield Paragraph(markup(started), styles["small"])
    yield Spacer(0, 2 * mm)
    yield Paragraph(
        _("Mark the result with a cross: {legend}").format(legend=legend), styles["body"]
    )
    yield Paragraph(
        markup(
            _(
                "To type the results in afterwards: the row number and the code, "
                "e.g. “12 1” or “12 4 new number 040 123 4567”."
            )
        ),
        styles["small"],
    )
    yield Spacer(0, 3 * mm)
    yield from table(
        columns(),
        (_row(entry) for entry in entries),
        look=TableLook(grid=True, min_row_height=ROW_HEIGHT),
    )


def call_sheet_part(
    letterhead: Letterhead,
    heading: SheetHeading,
    entries: Sequence[SheetEntry],
    progress: Progress | None = None,
) -> Part:
    """The tick-off sheet of a round as a :class:`Part` (A4 landscape, personal data);
    ``progress`` hears of every row laid out and may cancel."""
    info = letterhead.document(title(), page_format=PAGE_FORMAT, subtitle=heading.title)

    def counted() -> Iterator[SheetEntry]:
        tick = progress.ticker(len(entries)) if progress is not None else None
        for entry in entries:
            if tick is not None:
                tick()
            yield entry

    return Part(info, _story(heading, counted()))


def write_call_sheet(
    path: Path,
    heading: SheetHeading,
    entries: Sequence[SheetEntry],
    progress: Progress | None = None,
) -> Path:
    """Write the tick-off sheet of a round to ``path`` (all or nothing); ``progress`` may cancel
    (``Cancelled``, nothing is written)."""
    letterhead = Letterhead(heading.network_name or _("Network"), heading.data_changed_at)
    part = call_sheet_part(letterhead, heading, entries, progress)
    with atomic_output(path) as out:
        build_pdf(out, [part], progress=progress)
    return Path(path)
