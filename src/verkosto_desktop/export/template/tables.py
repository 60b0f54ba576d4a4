"""Long tables that stay fast: one light flowable per block of rows, a header row repeated at the
top of every page, and blocks that are never split unless a single block is taller than a page.

A platypus ``Table`` of thousands of rows lays out in quadratic time (SETUP-NOTES); here every
block wraps on its own (plain line breaking and ``drawString``), so a document grows linearly.

Use :func:`table` with :class:`Column` definitions and :class:`Block` values::

    columns = [Column(_("Actor"), 3), Column(_("Phone"), 2, align="right")]
    story.extend(table(columns, (Block(((cell(name, BOLD), cell(phone)),)) for ...)))

A block with a ``lead`` cell draws it in the first column beside all of its rows (an actor's name
beside its contact persons); the rows then fill the remaining columns. A block moves to the next
page whole, so a name is never separated from its phone numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.flowables import SetTopFlowables

from verkosto_desktop.export.template.fonts import register_fonts
from verkosto_desktop.export.template.safe_text import pdf_text
from verkosto_desktop.export.template.styles import (
    BOLD,
    HEADER,
    HEADER_FILL,
    ITALIC,
    LIGHT_RULE,
    NORMAL,
    RULE,
    SHADE,
    TextStyle,
    markup,
    paragraph_styles,
)
from verkosto_desktop.export.template.text import text_width, wrap_text
from verkosto_desktop.i18n import _

PAD_X = 3.0
PAD_Y = 2.4

Piece = tuple[str, TextStyle]
Cell = tuple[Piece, ...]
Line = tuple[str, TextStyle]


def cell(*parts: str | Piece | None, style: TextStyle = NORMAL) -> Cell:
    """A cell of pieces stacked vertically; a plain string uses ``style``; empties are skipped."""
    pieces: list[Piece] = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, str):
            pieces.append((part, style))
        elif part[0]:
            pieces.append(part)
    return tuple(pieces)


@dataclass(frozen=True)
class Column:
    """A column: its title, its share of the width (a weight), its alignment, and how its title
    is drawn (the header's small bold type unless given, e.g. large codes to tick)."""

    title: str
    weight: float
    align: str = "left"  # "left", "right" or "centre"
    title_style: TextStyle = HEADER


@dataclass(frozen=True)
class TableLook:
    """Options of a table: vertical lines between columns (forms to fill in by hand), a minimum
    row height (room for handwriting), and alternate shading of blocks."""

    grid: bool = False
    min_row_height: float = 0.0
    zebra: bool = True


@dataclass(frozen=True)
class Block:
    """Rows kept together on one page; ``lead`` is drawn in the first column beside them all."""

    rows: tuple[tuple[Cell, ...], ...]
    lead: Cell | None = None


def _widths(columns: Sequence[Column], available: float) -> list[float]:
    total = sum(c.weight for c in columns) or 1.0
    return [available * c.weight / total for c in columns]


def _lines(content: Cell, width: float) -> list[Line]:
    lines: list[Line] = []
    inner = max(width - 2 * PAD_X, 4.0)
    for text, style in content:
        for line in wrap_text(pdf_text(text, face=style.font), style.font, style.size, inner):
            lines.append((line, style))
    return lines


def _height(lines: Sequence[Line]) -> float:
    return sum(style.leading for _text, style in lines)


class _Pen:
    """All the text of one flowable in a single PDF text object: one ``BT … ET`` instead of one
    per line, and font or colour operators only when they change."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self.text = canv.beginText()
        self.font: tuple[str, float] | None = None
        self.colour: object = None
        self.strikes: list[tuple[float, float, float, TextStyle]] = []

    def lines(self, lines: Sequence[Line], x: float, top: float, width: float, align: str) -> None:
        text = self.text
        y = top - PAD_Y
        for content, style in lines:
            baseline = y - style.size * 0.93
            y -= style.leading
            if not content:
                continue
            if self.font != (style.font, style.size):
                text.setFont(style.font, style.size, style.leading)
                self.font = (style.font, style.size)
            if self.colour != style.colour:
                text.setFillColor(style.colour)
                self.colour = style.colour
            if align == "right":
                start = x + width - PAD_X - text_width(content, style.font, style.size)
            elif align == "centre":
                start = x + (width - text_width(content, style.font, style.size)) / 2
            else:
                start = x + PAD_X
            text.setTextOrigin(start, baseline)
            text.textOut(content)
            if style.struck:
                end = start + text_width(content, style.font, style.size)
                self.strikes.append((start, end, baseline + style.size * 0.3, style))

    def finish(self) -> None:
        canv = self.canv
        canv.drawText(self.text)
        for start, end, y, style in self.strikes:
            canv.setStrokeColor(style.colour)
            canv.setLineWidth(max(style.size * 0.06, 0.4))
            canv.line(start, y, end, y)


MIN_TITLE_SIZE = 5.0


def _fitting(title: str, style: TextStyle, width: float) -> TextStyle:
    """``style``, smaller if a word of the column title is wider than the column: a header
    never breaks inside a word ("Kontrollera / d"), it shrinks a little instead."""
    room = max(width - 2 * PAD_X, 4.0)
    words = pdf_text(title, face=style.font).split() or [""]
    widest = max(text_width(word, style.font, style.size) for word in words)
    if widest <= room:
        return style
    return replace(style, size=max(MIN_TITLE_SIZE, style.size * 0.98 * room / widest))


MAX_HEADER_LINES = 4


def _at_most(lines: list[Line]) -> list[Line]:
    """A header repeats on every page: one made of a long text (a title used as a column's
    heading) is cut after a few lines, with "…", rather than filling the page."""
    if len(lines) <= MAX_HEADER_LINES:
        return lines
    text, style = lines[MAX_HEADER_LINES - 1]
    return [*lines[: MAX_HEADER_LINES - 1], (text.rstrip()[:-1] + "…", style)]


class TableHeader(Flowable):
    """The header row of a table (repeated at the top of each page the table continues on)."""

    def __init__(self, columns: Sequence[Column], look: TableLook) -> None:
        super().__init__()
        self.columns = list(columns)
        self.look = look
        self._laid: tuple[float, list[float], list[list[Line]]] | None = None

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if self._laid is None or self._laid[0] != aw:
            register_fonts()  # measured before any document may have registered them
            widths = _widths(self.columns, aw)
            cells = [
                _at_most(_lines(((c.title, _fitting(c.title, c.title_style, w)),), w))
                for c, w in zip(self.columns, widths, strict=True)
            ]
            self._laid = (aw, widths, cells)
        cells = self._laid[2]
        self.width = aw
        self.height = max((_height(c) for c in cells), default=0) + 2 * PAD_Y
        return aw, self.height

    def draw(self) -> None:
        assert self._laid is not None
        _aw, widths, cells = self._laid
        canv = self.canv
        canv.setFillColor(HEADER_FILL)
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(0, 0, self.width, 0)
        if self.look.grid:
            _grid(canv, widths, 0, self.height)
        pen = _Pen(canv)
        x = 0.0
        for column, width, lines in zip(self.columns, widths, cells, strict=True):
            pen.lines(lines, x, self.height, width, column.align)
            x += width
        pen.finish()


def _grid(canv: Canvas, widths: Sequence[float], bottom: float, top: float) -> None:
    canv.setStrokeColor(LIGHT_RULE)
    canv.setLineWidth(0.4)
    x = 0.0
    for width in widths[:-1]:
        x += width
        canv.line(x, bottom, x, top)


@dataclass
class _Layout:
    width: float
    widths: list[float]
    lead: list[Line] | None
    rows: list[list[list[Line]]]
    heights: list[float]

    @property
    def height(self) -> float:
        lead = _height(self.lead) + 2 * PAD_Y if self.lead else 0.0
        return max(lead, sum(self.heights))


class RowBlock(Flowable):
    """One :class:`Block` drawn as table rows; see the module's description."""

    def __init__(
        self,
        columns: Sequence[Column],
        block: Block,
        look: TableLook,
        shade: bool = False,
        _layout: _Layout | None = None,
    ) -> None:
        super().__init__()
        self.columns = columns
        self.block = block
        self.look = look
        self.shade = shade
        self._layout = _layout

    def _lay_out(self, aw: float) -> _Layout:
        if self._layout is not None and self._layout.width == aw:
            return self._layout
        widths = _widths(self.columns, aw)
        lead = self.block.lead
        offset = 1 if lead is not None else 0
        rows = [
            [_lines(content, w) for content, w in zip(row, widths[offset:], strict=True)]
            for row in self.block.rows
        ]
        heights = [self._row_height(row) for row in rows]
        self._layout = _Layout(
            aw, widths, _lines(lead, widths[0]) if lead is not None else None, rows, heights
        )
        return self._layout

    def _row_height(self, row: list[list[Line]]) -> float:
        content = max((_height(c) for c in row), default=0.0) + 2 * PAD_Y
        return max(content, self.look.min_row_height)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        layout = self._lay_out(aw)
        self.width, self.height = aw, layout.height
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        layout = self._lay_out(aw)
        frame = getattr(self, "_frame", None)
        full = (frame._y2 - frame._topPadding - frame._y1p) if frame is not None else ah
        # A block that fits on a fresh page moves there whole; only a giant one is cut.
        if layout.height <= full - 40 or ah < 3 * PAD_Y + 12:
            return []
        first_rows: list[list[list[Line]]] = []
        used = 0.0
        rest = list(zip(layout.rows, layout.heights, strict=True))
        while rest and used + rest[0][1] <= ah:
            row, height = rest.pop(0)
            first_rows.append(row)
            used += height
        if not first_rows and rest:
            head, tail = self._cut_row(rest[0][0], ah - 2 * PAD_Y)
            first_rows.append(head)
            rest[0] = (tail, self._row_height(tail))
        lead = layout.lead
        lead_too_tall = lead is not None and _height(lead) + 2 * PAD_Y > ah
        if not rest and not lead_too_tall:
            return []
        lead_first, lead_rest = lead, lead
        if lead is not None:
            # Every row fits but the lead does not (a name of thousands of characters): the
            # lead goes on alone, beside no rows.
            lead_first, lead_rest = self._cut_lead(lead, ah)
        first = _Layout(aw, layout.widths, lead_first, first_rows, [])
        first.heights = [self._row_height(r) for r in first_rows]
        second = _Layout(aw, layout.widths, lead_rest, [r for r, _h in rest], [h for _r, h in rest])
        return [
            RowBlock(self.columns, self.block, self.look, self.shade, first),
            RowBlock(self.columns, self.block, self.look, self.shade, second),
        ]

    @staticmethod
    def _cut_row(row: list[list[Line]], room: float) -> tuple[list[list[Line]], list[list[Line]]]:
        head: list[list[Line]] = []
        tail: list[list[Line]] = []
        for lines in row:
            used, index = 0.0, 0
            while index < len(lines) and used + lines[index][1].leading <= room:
                used += lines[index][1].leading
                index += 1
            index = max(index, 1) if lines else 0
            head.append(lines[:index])
            tail.append(lines[index:])
        return head, tail

    @staticmethod
    def _cut_lead(lead: list[Line], room: float) -> tuple[list[Line], list[Line]]:
        used, index = 2 * PAD_Y, 0
        while index < len(lead) and used + lead[index][1].leading <= room:
            used += lead[index][1].leading
            index += 1
        # The continuation repeats the first line (the name) and says it continues.
        name = lead[0]
        continued = (_("(continued)"), ITALIC)
        return lead[: max(index, 1)], [name, continued, *lead[max(index, 1) :]]

    def draw(self) -> None:
        layout = self._layout
        assert layout is not None
        canv = self.canv
        height = self.height
        if self.shade:
            canv.setFillColor(SHADE)
            canv.rect(0, 0, self.width, height, stroke=0, fill=1)
        widths = layout.widths
        offset = 1 if layout.lead is not None else 0
        x0 = widths[0] if offset else 0.0
        canv.setStrokeColor(LIGHT_RULE)
        canv.setLineWidth(0.3)
        top = height
        for row_height in layout.heights[:-1]:
            top -= row_height
            canv.line(x0, top, self.width, top)
        if self.look.grid:
            _grid(canv, widths, 0, height)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(0, 0, self.width, 0)
        pen = _Pen(canv)
        if layout.lead is not None:
            pen.lines(layout.lead, 0.0, height, widths[0], self.columns[0].align)
        top = height
        for row, row_height in zip(layout.rows, layout.heights, strict=True):
            x = x0
            for column, width, lines in zip(
                self.columns[offset:], widths[offset:], row, strict=True
            ):
                pen.lines(lines, x, top, width, column.align)
                x += width
            top -= row_height
        pen.finish()


def table(
    columns: Sequence[Column],
    blocks: Iterable[Block],
    *,
    look: TableLook | None = None,
    heading: Sequence[Flowable] = (),
    repeat_heading: Sequence[Flowable] = (),
    empty_text: str | None = None,
) -> Iterator[Flowable]:
    """The flowables of a table, lazily: ``heading`` (kept with the header row and the first
    block), the header row, then one flowable per block; ``repeat_heading`` and the header row
    repeat on every page the table continues on. When there are no blocks, ``heading`` and
    ``empty_text`` only."""
    look = look or TableLook()
    header = TableHeader(columns, look)
    iterator = iter(blocks)
    first = next(iterator, None)
    if first is None:
        yield from heading
        if empty_text:
            yield Paragraph(markup(empty_text), paragraph_styles()["small"])
        return
    yield KeepTogether([*heading, header, RowBlock(columns, first, look)])
    yield SetTopFlowables([*repeat_heading, header])
    for index, block in enumerate(iterator, start=1):
        yield RowBlock(columns, block, look, shade=look.zebra and index % 2 == 1)
    yield SetTopFlowables([])


def titled_table(
    title: str,
    columns: Sequence[Column],
    blocks: Iterable[Block],
    *,
    level: str = "h1",
    continued: str | None = None,
    look: TableLook | None = None,
    empty_text: str | None = None,
) -> Iterator[Flowable]:
    """A :func:`table` under the heading ``title`` (paragraph style ``level``); on every page the
    table continues on, ``continued`` (by default the title followed by "(continued)") repeats
    in small type above the header row."""
    styles = paragraph_styles()
    marker = _("(continued)")
    again = continued if continued is not None else f"{title} {marker}"
    yield from table(
        columns,
        blocks,
        look=look,
        heading=[Paragraph(markup(title), styles[level])],
        repeat_heading=[Paragraph(markup(again), styles["h2_continued"])],
        empty_text=empty_text,
    )


def mark_24_7(reachable: bool) -> Cell:
    """The "24/7" mark of someone reachable around the clock (an empty cell otherwise)."""
    return cell(("24/7", BOLD)) if reachable else ()
