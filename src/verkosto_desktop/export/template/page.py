"""The common page of every printed sheet: paper size, header, footer and page numbers.

Header: the document's title, the network's name and an optional subtitle (what the sheet is
about, the filters applied). Footer: when it was printed and when the data last changed (local
time, Finnish format), "page N / M", and "CONFIDENTIAL — contains personal data" on documents
that hold personal data.

A document is built from one or more :class:`Part` s (the combined print pack holds several);
each part has its own :class:`DocumentInfo`, paper size and page numbering. Stories may be
generators: they are consumed in chunks while the PDF is laid out, so a 10,000-actor list never
sits in memory as one list, and a generator can report progress or raise ``Cancelled``.

The total page count ("/ M") is a PDF form drawn on every page and defined when the document is
saved, so a document is laid out only once.

Example (what the documents in ``export/`` do)::

    info = DocumentInfo(title=_("Contact list"), network_name=network.name,
                        data_changed_at=changed, page_format=PageFormat.A4_LANDSCAPE)
    with atomic_output(path) as out:
        build_pdf(out, [Part(info, story)])
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, A5, A6, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepInFrame, PageTemplate
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from verkosto_desktop.domain.clock import now_local
from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.export.template.fonts import FONT, FONT_BOLD, register_fonts
from verkosto_desktop.export.template.safe_text import pdf_text
from verkosto_desktop.export.template.styles import INK, MUTED, RULE
from verkosto_desktop.i18n import _, current_language


class PageFormat(StrEnum):
    """Paper sizes the sheets use."""

    A4_PORTRAIT = "a4"
    A4_LANDSCAPE = "a4-landscape"
    A5_PORTRAIT = "a5"
    A6_PORTRAIT = "a6"

    @property
    def size(self) -> tuple[float, float]:
        return {
            "a4": A4,
            "a4-landscape": landscape(A4),
            "a5": A5,
            "a6": A6,
        }[self.value]


@dataclass(frozen=True)
class _Geometry:
    margin: float
    header: float  # from the top edge to the top of the text area
    footer: float  # from the bottom edge to the bottom of the text area
    title_size: float
    text_size: float


_GEOMETRY = {
    PageFormat.A4_PORTRAIT: _Geometry(15 * mm, 22 * mm, 18 * mm, 13.5, 7.5),
    PageFormat.A4_LANDSCAPE: _Geometry(13 * mm, 20 * mm, 16 * mm, 13.5, 7.5),
    PageFormat.A5_PORTRAIT: _Geometry(10 * mm, 17 * mm, 15 * mm, 11.5, 6.5),
    PageFormat.A6_PORTRAIT: _Geometry(6 * mm, 14 * mm, 14 * mm, 9.5, 5.6),
}


@dataclass(frozen=True)
class DocumentInfo:
    """What the header and footer of a document say, and its paper.

    ``personal_data`` puts the confidentiality line in the footer, worded for the ``audience``
    (``domain.consent``: internal documents are for the network's own use only);
    ``data_changed_at`` is the newest change in the data (``data.network_info.last_change_at``);
    ``printed_at`` defaults to now.
    """

    title: str
    network_name: str = ""
    subtitle: str = ""
    personal_data: bool = True
    audience: Audience = Audience.INTERNAL
    data_changed_at: datetime | None = None
    printed_at: datetime | None = None
    page_format: PageFormat = PageFormat.A4_PORTRAIT

    def frame_size(self) -> tuple[float, float]:
        """Width and height (points) of the area the story flows into."""
        width, height = self.page_format.size
        geometry = _GEOMETRY[self.page_format]
        return width - 2 * geometry.margin, height - geometry.header - geometry.footer


@dataclass(frozen=True)
class Letterhead:
    """What every document of one printing shares: the network's name, the newest change in
    the data and the print time. :meth:`document` makes a document's :class:`DocumentInfo`."""

    network_name: str
    data_changed_at: datetime | None = None
    printed_at: datetime | None = None

    def document(
        self,
        title: str,
        *,
        page_format: PageFormat = PageFormat.A4_PORTRAIT,
        personal_data: bool = True,
        subtitle: str = "",
        audience: Audience = Audience.INTERNAL,
    ) -> DocumentInfo:
        return DocumentInfo(
            title=title,
            network_name=self.network_name,
            subtitle=subtitle,
            personal_data=personal_data,
            audience=audience,
            data_changed_at=self.data_changed_at,
            printed_at=self.printed_at or now_local(),
            page_format=page_format,
        )


@dataclass
class Part:
    """One document inside a PDF: its header/footer information and its flowables."""

    info: DocumentInfo
    story: Iterable[Flowable] = field(default_factory=list)


def one_page(info: DocumentInfo, content: list[Flowable]) -> Flowable:
    """``content`` kept on one page of ``info``'s paper: if it is too tall (a very long
    catalogue), it is shrunk to fit rather than spilling onto a second page."""
    width, height = info.frame_size()
    return KeepInFrame(width, height, content, mode="shrink")


def confidential_line(audience: Audience = Audience.SHARED) -> str:
    """The line printed on every page of a document holding personal data: an internal
    document is for the network's own use only."""
    if audience is Audience.INTERNAL:
        return _("CONFIDENTIAL — for internal use only")
    return _("CONFIDENTIAL — contains personal data")


class _LazyStory(list[Flowable]):
    """The story as ReportLab's build loop sees it: a list that refills itself from a generator
    when it runs short. Keeps memory flat and ``del story[0]`` cheap on very long documents."""

    def __init__(self, source: Iterator[Flowable], batch: int = 100) -> None:
        super().__init__()
        self._source = source
        self._batch = batch
        self._exhausted = False

    def __len__(self) -> int:
        length = list.__len__(self)
        if length < 20 and not self._exhausted:
            for _count in range(self._batch):
                item = next(self._source, None)
                if item is None:
                    self._exhausted = True
                    break
                self.append(item)
            length = list.__len__(self)
        return length

    def __bool__(self) -> bool:
        return len(self) > 0


class _PartTemplate(PageTemplate):
    def __init__(self, index: int, info: DocumentInfo) -> None:
        width, height = info.page_format.size
        geometry = _GEOMETRY[info.page_format]
        frame_width, frame_height = info.frame_size()
        frame = Frame(
            geometry.margin,
            geometry.footer,
            frame_width,
            frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"body{index}",
        )
        super().__init__(id=f"part{index}", frames=[frame], pagesize=(width, height))
        self.index = index
        self.info = info
        self.geometry = geometry
        self.printed = format_datetime(info.printed_at or now_local())
        self.changed = format_datetime(info.data_changed_at) if info.data_changed_at else ""

    def beforeDrawPage(self, canv: Canvas, doc: Any) -> None:
        canv.saveState()
        self._header(canv)
        self._footer(canv, doc.part_pages[self.index])
        canv.restoreState()

    def _header(self, canv: Canvas) -> None:
        info, geometry = self.info, self.geometry
        width, height = info.page_format.size
        left, right = geometry.margin, width - geometry.margin
        baseline = height - geometry.header + geometry.text_size * 2.2 + 4
        canv.setFillColor(INK)
        name_size = geometry.text_size + 1
        network_name = _fit(info.network_name, FONT, name_size, (right - left) / 2)
        name_width = stringWidth(network_name, FONT, name_size)
        title = _fit(info.title, FONT_BOLD, geometry.title_size, right - left - name_width - 12)
        canv.setFont(FONT_BOLD, geometry.title_size)
        canv.drawString(left, baseline, title)
        canv.setFont(FONT, name_size)
        canv.setFillColor(MUTED)
        canv.drawRightString(right, baseline, network_name)
        if info.subtitle:
            subtitle = _fit(info.subtitle, FONT, name_size, right - left)
            canv.setFillColor(INK)
            canv.drawString(left, baseline - name_size * 1.45, subtitle)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        rule = height - geometry.header + 3
        canv.line(left, rule, right, rule)

    def _footer(self, canv: Canvas, page: int) -> None:
        info, geometry = self.info, self.geometry
        width, _height = info.page_format.size
        left, right = geometry.margin, width - geometry.margin
        size = geometry.text_size
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        rule = geometry.footer - 3
        canv.line(left, rule, right, rule)
        number_width = stringWidth(_("Page {page}").format(page=9999) + " / 9999", FONT, size + 0.5)
        number_x = right - number_width
        stamps = [_("Printed {time}").format(time=self.printed)]
        if self.changed:
            stamps.append(_("data updated {time}").format(time=self.changed))
        joined = " · ".join(stamps)
        lines = [joined] if stringWidth(joined, FONT, size) < number_x - left - 8 else stamps
        y = rule - size * 1.55
        canv.setFillColor(INK)
        canv.setFont(FONT, size + 0.5)
        label = _("Page {page}").format(page=page)
        canv.drawString(number_x, y, label)
        canv.saveState()
        canv.translate(number_x + stringWidth(label, FONT, size + 0.5), y)
        canv.doForm(_total_form(self.index))
        canv.restoreState()
        canv.setFont(FONT, size)
        canv.setFillColor(MUTED)
        for line in lines:
            canv.drawString(left, y, line)
            y -= size * 1.35
        if info.personal_data:
            canv.setFont(FONT_BOLD, size)
            canv.setFillColor(INK)
            line = confidential_line(info.audience)
            canv.drawString(left, y, _fit(line, FONT_BOLD, size, right - left))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, drawable, and shortened with an ellipsis if it is wider than
    ``width`` (header and footer lines)."""
    text = pdf_text(text, multiline=False, face=font)
    if width <= 0 or stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest beginning that fits with "…", found by halving
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _total_form(index: int) -> str:
    return f"VerkostoPageTotal{index}"


class _SheetCanvas(Canvas):
    """Defines each part's page total (a form every page refers to) just before saving."""

    def __init__(self, *args: Any, document: SheetDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sheet = document

    def save(self) -> None:
        doc = self._sheet
        if doc is not None:
            for index, (pages, info) in enumerate(zip(doc.part_pages, doc.infos, strict=True)):
                size = _GEOMETRY[info.page_format].text_size + 0.5
                # Canvas.beginForm takes any number; types-reportlab says int.
                self.beginForm(_total_form(index), lowery=-size, uppery=size * 2)  # type: ignore[arg-type]
                self.setFont(FONT, size)
                self.setFillColor(INK)
                self.drawString(0, 0, f" / {pages}")
                self.endForm()
        super().save()


class SheetDocument(BaseDocTemplate):
    """ReportLab document of one or more parts (see the module's description)."""

    def __init__(
        self,
        target: BinaryIO,
        infos: Sequence[DocumentInfo],
        title: str,
        progress: Progress | None = None,
    ) -> None:
        register_fonts()
        self.progress = progress
        self.infos = list(infos)
        self.part_pages = [0] * len(self.infos)
        first = self.infos[0]
        super().__init__(
            target,
            pagesize=first.page_format.size,
            title=pdf_text(title, multiline=False),
            author=pdf_text(first.network_name, multiline=False),
            creator="Verkosto",
            initialFontName=FONT,
            pageCompression=1,
            lang=current_language(),
        )
        self.addPageTemplates([_PartTemplate(i, info) for i, info in enumerate(self.infos)])

    def handle_pageBegin(self) -> None:
        # The page template is already the new page's: count the page in its part.
        template = self.pageTemplate
        assert isinstance(template, _PartTemplate)  # every page template is one (see __init__)
        self.part_pages[template.index] += 1
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        # A story given as a list (or one huge flowable) never reaches a generator's tick, so
        # the cancel request is also looked at after every flowable laid out.
        if self.progress is not None:
            self.progress.check()


def _chain(parts: Sequence[Part]) -> Iterator[Flowable]:
    for index, part in enumerate(parts):
        if index:
            yield PageBreakIfNotEmpty(nextTemplate=f"part{index}")
        yield from part.story


def build_pdf(
    target: BinaryIO,
    parts: Sequence[Part],
    title: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Lay out ``parts`` into a PDF written to ``target``; returns the number of pages.

    ``progress`` is asked after every flowable whether the user cancelled (the stories report
    how far they are themselves, see ``Progress.ticker``). Exceptions raised by the stories or
    by a cancel (``Cancelled``) propagate; write to an :func:`atomic_output` so that
    nothing half-written remains.
    """
    if not parts:
        raise ValueError("a document needs at least one part")
    document = SheetDocument(
        target, [p.info for p in parts], title or parts[0].info.title, progress
    )
    with _collector_paused():
        document.build(
            _LazyStory(_chain(parts)),
            canvasmaker=lambda *args, **kwargs: _SheetCanvas(*args, document=document, **kwargs),
        )
    return sum(document.part_pages)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector scans every live object again and again while a long document
    grows in memory, which makes a 4x longer list take more than 4x longer; layout objects are
    freed by reference counting anyway, so collection waits until the document is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
