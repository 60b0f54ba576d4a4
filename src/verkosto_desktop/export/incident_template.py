"""A minimal A4 page template for the after-action report: the bundled DejaVu font (ä, ö, å and
Sámi letters print on every machine), a header, a footer with "page N/M" and a confidentiality
line, table chunks for long documents, cancellation and an atomic write (a half-written PDF never
replaces a good one).

Stand-in until the shared template of the printing work is in place; the report module uses only
``styles``, ``table`` and ``build_pdf`` from here, so it can move onto the shared one."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, TableStyle

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
MARGIN = 18 * mm
CHUNK_ROWS = 200  # one platypus table of thousands of rows is slow; chunks are not


class Cancelled(Exception):
    """The user cancelled the export; nothing was written."""


def register_fonts() -> None:
    """Register the bundled DejaVu fonts with ReportLab (once)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("verkosto_desktop.resources") / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC)


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles: title, subtitle, h1, h2, body, small, cell, cell_head."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=14),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=True,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=True,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10.5
        ),
    }


def text(value: str) -> str:
    """Plain text made safe for a Paragraph (markup escaped, line breaks kept)."""
    return escape(value).replace("\n", "<br/>")


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    struck: Callable[[int], bool] | None = None,
) -> list[Flowable]:
    """A table in chunks of ``CHUNK_ROWS`` rows, each repeating the header on a new page. Cells
    may be strings (escaped) or flowables; ``struck(i)`` greys out and strikes row ``i``."""
    style = styles()
    head = [Paragraph(text(h), style["cell_head"]) for h in header]
    flowables: list[Flowable] = []
    for start in range(0, max(len(rows), 1), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        data: list[list[Any]] = [head]
        commands: list[tuple[Any, ...]] = [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for offset, row in enumerate(chunk):
            index = start + offset
            strike = struck is not None and struck(index)
            cells = []
            for cell in row:
                if isinstance(cell, Flowable):
                    cells.append(cell)
                else:
                    markup = text(str(cell))
                    cells.append(
                        Paragraph(f"<strike>{markup}</strike>" if strike else markup, style["cell"])
                    )
            data.append(cells)
            line = offset + 1
            commands.append(("LINEBELOW", (0, line), (-1, line), 0.25, colors.HexColor("#9aa0a4")))
            if strike:
                commands.append(("TEXTCOLOR", (0, line), (-1, line), colors.HexColor("#6b7378")))
        if not chunk:
            continue
        result = LongTable(data, colWidths=list(widths), repeatRows=1)
        result.setStyle(TableStyle(commands))
        flowables.append(result)
    return flowables


def content_width() -> float:
    return A4[0] - 2 * MARGIN


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, so each footer can say "page N/M"."""

    footer: Callable[[Canvas, int, int], None] = staticmethod(lambda c, n, m: None)  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Without this every page would also reference Helvetica, which is never embedded.
        kwargs.setdefault("initialFontName", FONT)
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            type(self).footer(self, number, total)
            super().showPage()
        super().save()


def build_pdf(
    out: Path,
    story: list[Flowable],
    *,
    title: str,
    header: str,
    footer_lines: Sequence[str],
    page_label: Callable[[int, int], str],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Lay ``story`` out on A4 pages and write ``out`` atomically; raises ``Cancelled``."""
    register_fonts()
    out = Path(out)
    total = len(story)

    def draw_footer(canvas: Canvas, number: int, pages: int) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#3c4448"))
        canvas.drawString(MARGIN, height - 12 * mm, header)
        canvas.drawRightString(width - MARGIN, height - 12 * mm, page_label(number, pages))
        canvas.setStrokeColor(colors.HexColor("#9aa0a4"))
        canvas.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
        for i, line in enumerate(footer_lines):
            canvas.drawString(MARGIN, 10 * mm + (len(footer_lines) - 1 - i) * 3.6 * mm, line)
        canvas.restoreState()

    canvas_class = type("ReportCanvas", (_NumberedCanvas,), {"footer": staticmethod(draw_footer)})

    class Document(SimpleDocTemplate):
        done = 0

        def afterFlowable(self, flowable: Flowable) -> None:
            self.done += 1
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(min(self.done, total), total)

    out.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target (same file system, so the final rename is atomic); created by ReportLab
    # with the user's usual permissions.
    temporary = str(out.parent / f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        document = Document(
            temporary,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 2 * mm,
            bottomMargin=MARGIN + 2 * mm,
            title=title,
            author=header,
        )
        document.build(story, canvasmaker=canvas_class)
        os.replace(temporary, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return out
