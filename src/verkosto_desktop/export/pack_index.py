"""The first page of the print pack: what is inside and where, and — in large type, because
it decides whether the paper can be trusted — when the pack was printed and how current its data
was. A4 portrait; no personal data (titles and file names only)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.export.template import (
    BOLD,
    SMALL,
    Block,
    Column,
    Letterhead,
    PageFormat,
    Part,
    cell,
    markup,
    paragraph_styles,
    table,
)
from verkosto_desktop.export.template.fonts import FONT, FONT_BOLD
from verkosto_desktop.i18n import _

PAGE_FORMAT = PageFormat.A4_PORTRAIT


@dataclass(frozen=True)
class IndexEntry:
    """One document of the pack: its title, its file, and the pages it takes in the combined
    PDF (``first_page`` None: a file that is not in it, such as the CSV)."""

    title: str
    file_name: str
    first_page: int | None = None
    pages: int = 0
    failure: str = ""  # why the document could not be written (it is not in the pack)


@dataclass(frozen=True)
class PackContents:
    """What the index page says: the documents in order, the active incidents' titles, and the
    name of the combined PDF."""

    entries: Sequence[IndexEntry]
    combined_file: str
    incidents: Sequence[str] = ()


def title() -> str:
    return _("Print pack")


def _large(name: str, size: float, bold: bool = True) -> ParagraphStyle:
    body = paragraph_styles()["body"]
    return ParagraphStyle(
        name,
        parent=body,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=size * 1.25,
        spaceAfter=size * 0.3,
    )


def _pages(entry: IndexEntry) -> str:
    if entry.failure:
        return _("not written")
    if entry.first_page is None:
        return _("file only")
    if entry.pages <= 1:
        return str(entry.first_page)
    return f"{entry.first_page}–{entry.first_page + entry.pages - 1}"


def _rows(entries: Sequence[IndexEntry]) -> Iterator[Block]:
    for number, entry in enumerate(entries, start=1):
        yield Block(
            rows=(
                (
                    cell((str(number), BOLD)),
                    cell((entry.title, BOLD), (entry.failure, SMALL)),
                    cell((entry.file_name, SMALL)),
                    cell(_pages(entry)),
                ),
            )
        )


def pack_index_part(letterhead: Letterhead, contents: PackContents) -> Part:
    """The index page of a pack printed with ``letterhead`` (its print time and data time are
    the pack's own)."""
    info = letterhead.document(title(), page_format=PAGE_FORMAT, personal_data=False)
    printed = format_datetime(info.printed_at)
    changed = format_datetime(letterhead.data_changed_at) if letterhead.data_changed_at else "–"

    def story() -> Iterator[Flowable]:
        styles = paragraph_styles()
        yield Paragraph(markup(title()), _large("pack_title", 26))
        if letterhead.network_name:
            yield Paragraph(markup(letterhead.network_name), _large("pack_network", 15, False))
        yield Spacer(0, 3 * mm)
        yield Paragraph(markup(_("Printed {time}").format(time=printed)), _large("pack_time", 19))
        yield Paragraph(
            markup(_("Data as of {time}").format(time=changed)), _large("pack_data", 19)
        )
        yield Paragraph(
            markup(
                _(
                    "Anything changed in Verkosto after this time is not on this paper. Make a "
                    "new pack after changes, and keep the newest with the coordinator."
                )
            ),
            styles["small"],
        )
        for incident in contents.incidents:
            yield Paragraph(
                markup(_("Incident under way: {title}").format(title=incident)), styles["alert"]
            )
        yield Spacer(0, 2 * mm)
        yield Paragraph(markup(_("Contents")), styles["h1"])
        yield from table(
            [
                Column(_("No."), 0.5),
                Column(_("Document"), 4.0),
                Column(_("File"), 3.4),
                Column(_("Pages"), 1.5, align="right"),
            ],
            _rows(contents.entries),
        )
        yield Spacer(0, 2 * mm)
        yield Paragraph(
            markup(
                _(
                    "Every printed document is in {file}, in this order, after this page; each "
                    "keeps its own page numbers. The CSV opens in Excel, the vCards in phones."
                ).format(file=contents.combined_file)
            ),
            styles["small"],
        )

    return Part(info, story())
