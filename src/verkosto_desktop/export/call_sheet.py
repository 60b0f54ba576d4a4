"""The call round's tick-off sheet: the same list as on screen, in calling order, with every
channel of each contact, boxes for the result codes and room for a note. The row numbers and the
codes are what the fast entry reads back ("12 1")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from verkosto_desktop.domain.call_rounds import RESULT_CODES
from verkosto_desktop.domain.enums import CallResult
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.export.network_template import (
    FONT,
    FONT_BOLD,
    build_pdf,
    chunks,
    frame_width,
    styles,
)
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


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _row(entry: SheetEntry) -> list[object]:
    style = styles()
    person = entry.target
    who = f"<b>{_text(person.actor_name)}</b><br/>{_text(person.contact_name)}"
    if person.role:
        who += f", {_text(person.role)}"
    phones = [format_phone(p) for p in (person.mobile, person.landline) if p]
    other = []
    if person.radio:
        other.append(_("Radio: {value}").format(value=person.radio))
    if person.walk_in:
        other.append(_("Walk-in: {value}").format(value=person.walk_in))
    if person.email:
        other.append(person.email)
    verified = format_date(person.last_verified_on) or "–"
    marks = ["×" if RESULT_CODES[code] == entry.result else "" for code in CODES]
    return [
        Paragraph(str(entry.position), style["cell_bold"]),
        Paragraph(who, style["cell"]),
        Paragraph("<br/>".join(_text(p) for p in phones) or "–", style["cell"]),
        Paragraph("<br/>".join(_text(o) for o in other), style["cell"]),
        Paragraph(_("24/7") if person.reachable_24_7 else "", style["cell"]),
        Paragraph(verified, style["cell"]),
        *marks,
        Paragraph(_text(entry.note), style["cell"]),
    ]


def _table(rows: Sequence[SheetEntry], widths: list[float]) -> Table:
    style = styles()
    header = [
        Paragraph(_("No."), style["cell_bold"]),
        Paragraph(_("Actor and contact"), style["cell_bold"]),
        Paragraph(_("Phone"), style["cell_bold"]),
        Paragraph(_("Other channels"), style["cell_bold"]),
        "",
        Paragraph(_("Verified"), style["cell_bold"]),
        *CODES,
        Paragraph(_("Note"), style["cell_bold"]),
    ]
    table = Table([header, *(_row(e) for e in rows)], colWidths=widths, repeatRows=1)
    first_code, last_code = 6, 6 + len(CODES) - 1
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (first_code, 0), (last_code, -1), FONT_BOLD),
                ("FONTSIZE", (first_code, 0), (last_code, -1), 11),
                ("ALIGN", (first_code, 0), (last_code, -1), "CENTER"),
                ("VALIGN", (first_code, 1), (last_code, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f6f6")]),
            ]
        )
    )
    return table


def write_call_sheet(
    path: Path,
    heading: SheetHeading,
    entries: Sequence[SheetEntry],
    should_stop: Callable[[], bool] | None = None,
) -> Path:
    """Write the tick-off sheet of a round to ``path`` (A4 landscape)."""
    style = styles()
    width = frame_width(landscape(A4))
    code_width = 9 * mm
    fixed = [10 * mm, 60 * mm, 31 * mm, 58 * mm, 11 * mm, 22 * mm, *[code_width] * len(CODES)]
    widths = [*fixed, width - sum(fixed)]
    legend = " · ".join(f"<b>{code}</b> = {escape(RESULT_CODES[code].label())}" for code in CODES)
    subtitle = _("Started {date}").format(date=format_date(heading.started_on))
    if heading.incident_title:
        subtitle += " · " + _("Incident: {title}").format(title=heading.incident_title)
    story: list[Flowable] = [
        Paragraph(escape(heading.title), style["title"]),
        Paragraph(escape(subtitle), style["muted"]),
        Spacer(0, 2 * mm),
        Paragraph(_("Mark the result with a cross: {legend}").format(legend=legend), style["body"]),
        Paragraph(
            escape(
                _(
                    "To type the results in afterwards: the row number and the code, "
                    "e.g. “12 1” or “12 4 new number 040 123 4567”."
                )
            ),
            style["muted"],
        ),
        Spacer(0, 3 * mm),
    ]
    for part in chunks(list(entries)):
        story.append(_table(part, widths))
    return build_pdf(
        path,
        story,
        header=heading.network_name or _("Network"),
        document=_("Call round tick-off sheet"),
        wide=True,
        should_stop=should_stop,
    )
