"""A minimal page template for the network's printed sheets (survey form, call tick-off sheet):
A4, the bundled DejaVu font, a header with the network and the document, a footer with the page
number "N/M", the print date and a confidentiality line, and atomic writes.

Written before the printing issue's shared template landed; the lead moves these documents onto
that template (same ideas, one place).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from verkosto_desktop.domain.timefmt import format_datetime, now_local
from verkosto_desktop.i18n import _

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
MARGIN = 14 * mm
FRAME_PADDING = 6  # points: ReportLab's default padding inside the page frame
_fonts_ready = False


class BuildCancelled(Exception):
    """The user cancelled while the document was being laid out; nothing was written."""


def register_fonts() -> None:
    """Register the bundled fonts with ReportLab once (Helvetica cannot print every letter)."""
    global _fonts_ready
    if _fonts_ready:
        return
    folder = resources.files("verkosto_desktop.resources") / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    _fonts_ready = True


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the sheets."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10.5
        ),
        "muted": ParagraphStyle(
            "muted", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555")
        ),
    }


def _numbered_canvas(header: str, document: str, confidential: bool) -> type[Canvas]:
    printed = _("Printed {time}").format(time=format_datetime(now_local()))
    notice = _("Contains personal data: keep it safe and destroy it when no longer needed.")

    class NumberedCanvas(Canvas):
        """Draws header and footer once the page count is known (two passes over the pages)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT_BOLD, 9)
            self.drawString(MARGIN, height - 9 * mm, header)
            self.setFont(FONT, 9)
            self.drawRightString(width - MARGIN, height - 9 * mm, document)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.line(MARGIN, height - 10.5 * mm, width - MARGIN, height - 10.5 * mm)
            self.setFont(FONT, 7.5)
            self.drawString(MARGIN, 8 * mm, printed)
            page = _("Page {page}/{pages}").format(page=self._pageNumber, pages=total)
            self.drawRightString(width - MARGIN, 8 * mm, page)
            if confidential:
                self.drawCentredString(width / 2, 8 * mm, notice)
            self.restoreState()

    return NumberedCanvas


def frame_width(pagesize: tuple[float, float]) -> float:
    """The width a flowable may take on a page of ``pagesize`` (margins and frame padding off)."""
    return pagesize[0] - 2 * MARGIN - 2 * FRAME_PADDING


def build_pdf(
    path: Path,
    story: Sequence[Flowable],
    *,
    header: str,
    document: str,
    wide: bool = False,
    confidential: bool = True,
    should_stop: Callable[[], bool] | None = None,
) -> Path:
    """Lay out ``story`` on A4 (landscape when ``wide``) and write it to ``path`` atomically.

    ``should_stop`` is asked at every page; when it says so, ``BuildCancelled`` is raised and
    nothing is written.
    """
    register_fonts()
    buffer = BytesIO()
    pagesize = landscape(A4) if wide else A4
    template = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * mm,
        bottomMargin=14 * mm,
        title=document,
        author="Verkosto",
        # Otherwise every canvas starts in Helvetica and the PDF refers to a font it never shows.
        initialFontName=FONT,
    )

    def check(_canvas: Canvas, _doc: Any) -> None:
        if should_stop is not None and should_stop():
            raise BuildCancelled

    template.build(
        list(story),
        onFirstPage=check,
        onLaterPages=check,
        canvasmaker=_numbered_canvas(header, document, confidential),
    )
    return write_atomically(path, buffer.getvalue())


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over
    ``path``: a crash or a full disk never leaves half a file under the real name."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def chunks(items: Sequence[Any], size: int = 200) -> list[Sequence[Any]]:
    """Long lists split into tables of ``size`` rows (one huge table is slow to lay out)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]
