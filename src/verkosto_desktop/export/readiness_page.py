"""A minimal page for the readiness sheet: A4 landscape, the bundled font, a header (title,
network, print time), a footer (when the data was read, confidentiality line when asked,
"page N / M") and an atomic write (a complete file or none).

This stands in for the shared page template of the printing issue, which had not landed when
the readiness sheet was written; its names follow that template (``SheetInfo`` ~ its
``DocumentInfo``), so the sheet can move onto it by changing imports.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from verkosto_desktop.domain.timefmt import format_datetime, now_local
from verkosto_desktop.i18n import _

FONT = "VerkostoSans"
FONT_BOLD = "VerkostoSans-Bold"
PAGE = landscape(A4)
MARGIN = 12 * mm
HEADER = 19 * mm
FOOTER = 13 * mm
INK = "#1d2428"
MUTED = "#5b6469"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """The bundled DejaVu Sans for ReportLab (once): Finnish and Sámi letters print, embedded."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = resources.files("verkosto_desktop.resources") / "fonts"
        for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
            with resources.as_file(folder / filename) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
        _registered = True


@dataclass(frozen=True)
class SheetInfo:
    title: str
    network_name: str = ""
    subtitle: str = ""
    personal_data: bool = False
    data_read_at: datetime | None = None
    printed_at: datetime | None = None


def frame_size() -> tuple[float, float]:
    """Width and height (points) of the area the content flows into."""
    width, height = PAGE
    return width - 2 * MARGIN, height - HEADER - FOOTER


class _Page(PageTemplate):
    def __init__(self, info: SheetInfo) -> None:
        width, height = frame_size()
        frame = Frame(MARGIN, FOOTER, width, height, 0, 0, 0, 0, id="body")
        super().__init__(id="sheet", frames=[frame], pagesize=PAGE)
        self.info = info

    def beforeDrawPage(self, canv: Canvas, doc: Any) -> None:
        info = self.info
        width, height = PAGE
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(FONT_BOLD, 15)
        canv.drawString(MARGIN, height - 11 * mm, info.title)
        canv.setFont(FONT, 9)
        canv.setFillColor(MUTED)
        below = " · ".join(t for t in (info.network_name, info.subtitle) if t)
        canv.drawString(MARGIN, height - 15.5 * mm, below)
        printed = _("Printed {moment}").format(
            moment=format_datetime(info.printed_at or now_local())
        )
        canv.drawRightString(width - MARGIN, height - 11 * mm, printed)
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, height - HEADER + 2 * mm, width - MARGIN, height - HEADER + 2 * mm)
        canv.line(MARGIN, FOOTER - 3 * mm, width - MARGIN, FOOTER - 3 * mm)
        canv.setFont(FONT, 7.5)
        left = []
        if info.data_read_at is not None:
            left.append(
                _("Figures as read {moment}").format(moment=format_datetime(info.data_read_at))
            )
        if info.personal_data:
            left.append(_("CONFIDENTIAL — contains personal data"))
        canv.drawString(MARGIN, FOOTER - 7 * mm, " · ".join(left))
        total = getattr(doc, "total", None)
        page = _("Page {number} / {total}").format(number=doc.page, total=total or "…")
        canv.drawRightString(width - MARGIN, FOOTER - 7 * mm, page)
        canv.restoreState()


class _Document(BaseDocTemplate):
    def __init__(self, out: BinaryIO, info: SheetInfo, total: int | None) -> None:
        super().__init__(
            out,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=HEADER,
            bottomMargin=FOOTER,
            title=info.title,
            author=info.network_name,
            creator="Verkosto",
            initialFontName=FONT,
        )
        self.total = total
        self.addPageTemplates([_Page(info)])


def build_sheet(out: BinaryIO, info: SheetInfo, story: Callable[[], list[Flowable]]) -> int:
    """Lay out the flowables ``story()`` makes; returns the number of pages. The first pass
    only counts pages (for "page N / M"); flowables are made afresh for each pass because
    laying out changes them."""
    register_fonts()
    counting = _Document(io.BytesIO(), info, None)
    counting.build(story())
    total = counting.page
    _Document(out, info, total).build(story())
    return total


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file object whose content replaces ``path`` only when the block ends without error."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
