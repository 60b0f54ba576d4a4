"""The one-page "Valmiustilanne" sheet: the dashboard on paper (A4 landscape).

Coverage by situation type and phase, coverage by capability category for one phase, register
health, the active incidents, coming activities and open action-plan items. Made for greyscale
printers: the shade of a cell only repeats its number, and a gap is said in words, with a
symbol and a heavy frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.consent import Audience, left_out_note
from verkosto_desktop.domain.enums import ActionStatus, IncidentPhase, LogKind, Phase
from verkosto_desktop.domain.labels import wrap_label
from verkosto_desktop.domain.readiness import (
    ACTIVITY_MONTHS,
    GAP_SYMBOL,
    HEALTH_BY_KEY,
    OK_SYMBOL,
    actors_text,
    capabilities_text,
    contacts_text,
    coverage_level,
    elapsed_text,
    gap_text,
    moment_text,
    number_text,
)
from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.export.template import (
    FONT,
    FONT_BOLD,
    Letterhead,
    PageFormat,
    Part,
    atomic_output,
    build_pdf,
    one_page,
    register_fonts,
)
from verkosto_desktop.export.template.styles import INK, MUTED, markup
from verkosto_desktop.i18n import _, current_language

if TYPE_CHECKING:  # plain values of the data layer; the sheet reads nothing itself
    from verkosto_desktop.data.dashboard.coverage import CoverageGrid
    from verkosto_desktop.data.dashboard.readiness import ReadinessPicture

# Tints that stay in order when printed in grey; the gap is white in a heavy frame.
LEVEL_FILLS = {1: "#eef3f8", 2: "#c8d8e8", 3: "#93b2ce"}
GAP_FRAME = 1.3
LIST_LIMIT = 6

_TEXT = ParagraphStyle("text", fontName=FONT, fontSize=7.5, leading=9.2, textColor=INK)
_SMALL = ParagraphStyle("small", parent=_TEXT, fontSize=6.6, leading=8)
_CENTER = ParagraphStyle("center", parent=_TEXT, alignment=TA_CENTER)
_SMALL_CENTER = ParagraphStyle("small_center", parent=_SMALL, alignment=TA_CENTER)
_HEADER_CENTER = ParagraphStyle("header_center", parent=_SMALL_CENTER, fontSize=6, leading=7.2)
_HEADING = ParagraphStyle(
    "heading", parent=_TEXT, fontName=FONT_BOLD, fontSize=9.5, leading=12, spaceBefore=3
)
_NOTE = ParagraphStyle("note", parent=_SMALL, textColor=MUTED)
_BANNER_TITLE = ParagraphStyle("banner", parent=_TEXT, fontName=FONT_BOLD, fontSize=10, leading=13)


def _style(commands: list[tuple[Any, ...]]) -> TableStyle:
    # A table sets its cells' font even when they hold paragraphs: without this the PDF would
    # name Helvetica, a font that is never embedded.
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT), *commands])


def _p(text: str, style: ParagraphStyle = _TEXT) -> Paragraph:
    return Paragraph(markup(text), style)


def _lines(lines: Sequence[str], style: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(markup(line) for line in lines), style)


def _name(entry: CatalogueEntry) -> str:
    return entry.name(current_language())


def _grid_style(grid: CoverageGrid, header_rows: int = 1) -> list[tuple[Any, ...]]:
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa3a8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e9ecee")),
    ]
    most = grid.most_actors
    for r, row in enumerate(grid.cells):
        for c, cell in enumerate(row):
            at = (c + 1, r + header_rows)
            level = coverage_level(cell.actors, most)
            if level == 0:
                commands.append(("BOX", at, at, GAP_FRAME, colors.black))
            else:
                commands.append(("BACKGROUND", at, at, colors.HexColor(LEVEL_FILLS[level])))
    return commands


def _by_phase(grid: CoverageGrid, width: float) -> Table:
    header = [_p(""), *(_p(Phase(key).label(), _CENTER) for key in grid.columns)]
    rows: list[list[Any]] = [header]
    for r, entry in enumerate(grid.rows):
        cells: list[Any] = [_p(_name(entry))]
        for cell in grid.cells[r]:
            if cell.is_gap:
                cells.append(Paragraph(f"<b>{markup(gap_text())}</b>", _CENTER))
            else:
                counts = [actors_text(cell.actors), capabilities_text(cell.capabilities)]
                cells.append(_lines(counts, _CENTER))
        rows.append(cells)
    first = 0.34 * width
    widths = [first, *([(width - first) / len(grid.columns)] * len(grid.columns))]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(_style(_grid_style(grid)))
    return table


def _by_category(grid: CoverageGrid, names: dict[str, str], width: float) -> Table:
    header = [
        _p(""),
        *(_lines(wrap_label(names.get(k, k), 8), _HEADER_CENTER) for k in grid.columns),
    ]
    rows: list[list[Any]] = [header]
    for r, entry in enumerate(grid.rows):
        cells: list[Any] = [_lines(wrap_label(_name(entry), 30), _SMALL)]
        for cell in grid.cells[r]:
            text = f"<b>{GAP_SYMBOL} 0</b>" if cell.is_gap else number_text(cell.actors)
            cells.append(Paragraph(text, _SMALL_CENTER))
        rows.append(cells)
    first = 0.18 * width
    widths = [first, *([(width - first) / len(grid.columns)] * len(grid.columns))]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(_style(_grid_style(grid)))
    return table


def _health(picture: ReadinessPicture, width: float) -> Table:
    rows = []
    for item in picture.health.items:
        check = HEALTH_BY_KEY[item.key]
        months = ACTIVITY_MONTHS if item.key == "inactive_members" else picture.health.months
        if item.ok:
            rows.append([_p(f"{OK_SYMBOL} 0", _CENTER), _p(check.ok_text(months))])
            continue
        title = check.title_text(months)
        if item.contacts:
            title += f" ({contacts_text(item.contacts)})"
        count = Paragraph(f"<b>{GAP_SYMBOL} {number_text(item.actors)}</b>", _CENTER)
        rows.append([count, _p(title)])
    table = Table(rows, colWidths=[0.14 * width, 0.86 * width])
    table.setStyle(
        _style(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c3c9cc")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _list(rows: list[list[str]], widths: Sequence[float], total: int, empty: str) -> list[Any]:
    if not rows:
        return [_p(empty, _NOTE)]
    table = Table([[_p(v, _SMALL) for v in row] for row in rows], colWidths=list(widths))
    table.setStyle(
        _style(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c3c9cc")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    flowables: list[Any] = [table]
    if total > len(rows):
        more = _("… and {count} more").format(count=total - len(rows))
        flowables.append(_p(more, _NOTE))
    return flowables


def _incidents(picture: ReadinessPicture, width: float) -> list[Any]:
    flowables: list[Any] = []
    now = picture.computed_at
    for incident in picture.incidents:
        names = [_name(e) if (e := picture.situation(k)) else k for k in incident.situations]
        facts = [
            ", ".join(names),
            _("started {moment}").format(moment=format_datetime(incident.started_at)),
            _("going on for {elapsed}").format(
                elapsed=elapsed_text((now - incident.started_at).total_seconds())
            ),
            _("phase: {phase}").format(phase=IncidentPhase.label_of(incident.phase)),
            _("open tasks: {count}").format(count=incident.open_tasks),
        ]
        log = [
            f"{moment_text(e.happened_at, now)}  {LogKind.label_of(e.kind)}: "
            + " ".join(e.text.split())
            for e in incident.last_entries
        ]
        title = f"{GAP_SYMBOL} " + _("Active incident: {title}").format(title=incident.title)
        content = [_p(title, _BANNER_TITLE), _p(" · ".join(f for f in facts if f))]
        if log:
            content.append(_lines(log, _SMALL))
        box = Table([[content]], colWidths=[width])
        box.setStyle(
            _style(
                [
                    ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdf1e3")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        flowables += [box, Spacer(1, 3 * mm)]
    return flowables


def _content(
    picture: ReadinessPicture, phase: str, width: float, left_out: int | None
) -> list[Flowable]:
    gutter = 6 * mm
    left, right = 0.43 * (width - gutter), 0.57 * (width - gutter)
    situation_names = {entry.key: _name(entry) for entry in picture.situations}
    activities = [
        [format_datetime(a.starts_at), a.title, a.organiser]
        for a in picture.activities[:LIST_LIMIT]
    ]
    actions = [
        [a.title, a.responsible, format_date(a.due_on), ActionStatus.label_of(a.status)]
        for a in picture.actions[:LIST_LIMIT]
    ]
    left_column = [
        _p(_("Situation types and phases"), _HEADING),
        _by_phase(picture.coverage.by_phase, left),
        Spacer(1, 1 * mm),
        _p(
            f"{gap_text()} = "
            + _("a gap: nobody in the network has said they can act there.")
            + " "
            + _("The darker a cell, the more actors; the number is always printed."),
            _NOTE,
        ),
        _p(_("Register health"), _HEADING),
        _health(picture, left),
    ]
    if left_out is not None:
        left_column += [Spacer(1, 1 * mm), _p(left_out_note(left_out), _NOTE)]
    right_column = [
        _p(
            _("Capabilities by situation type — phase: {phase}").format(phase=Phase(phase).label()),
            _HEADING,
        ),
        _by_category(picture.coverage.category_grid(phase), situation_names, right),
        Spacer(1, 1 * mm),
        _p(_("Each cell: number of actors.") + f" {GAP_SYMBOL} 0 = " + _("a gap."), _NOTE),
        _p(_("Coming {days} days").format(days=30), _HEADING),
        *_list(
            activities,
            [0.24 * right, 0.46 * right, 0.30 * right],
            len(picture.activities),
            _("No activities in the next {days} days.").format(days=30),
        ),
        _p(_("Open action plan items"), _HEADING),
        *_list(
            actions,
            [0.44 * right, 0.26 * right, 0.13 * right, 0.17 * right],
            len(picture.actions),
            _("No open items in the action plan."),
        ),
    ]
    columns = Table([[left_column, right_column]], colWidths=[left + gutter, right])
    columns.setStyle(
        _style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), gutter),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [*_incidents(picture, width), columns]


def readiness_sheet_part(
    letterhead: Letterhead,
    picture: ReadinessPicture,
    phase: str = Phase.RESPONSE.value,
    left_out: int | None = None,
) -> Part:
    """The one-page readiness sheet of ``picture`` as a :class:`Part`; ``phase`` chooses the
    phase of the capability grid. A shared sheet: ``left_out`` is how many contact persons the
    picture's texts left out (``printouts.shared``)."""
    register_fonts()  # the paragraphs below look up the bold face when they are made
    info = letterhead.document(
        _("Readiness status"),
        page_format=PageFormat.A4_LANDSCAPE,
        subtitle=_("Situation overview of the network"),
        audience=Audience.SHARED,
        # Log entries are free text and may name people.
        personal_data=any(incident.last_entries for incident in picture.incidents),
    )
    width, _height = info.frame_size()
    # One page, always: a very long catalogue shrinks the content rather than adding a page.
    return Part(info, [one_page(info, _content(picture, phase, width, left_out))])


def write_readiness_sheet(
    picture: ReadinessPicture,
    path: Path,
    phase: str = Phase.RESPONSE.value,
    data_changed_at: datetime | None = None,
    left_out: int | None = None,
) -> Path:
    """Write the one-page readiness sheet of ``picture`` to ``path`` (all or nothing);
    ``data_changed_at`` (``data.network_info.last_change_at``) is printed in the footer."""
    letterhead = Letterhead(picture.network_name, data_changed_at)
    part = readiness_sheet_part(letterhead, picture, phase, left_out)
    with atomic_output(path) as out:
        build_pdf(out, [part])
    return path
