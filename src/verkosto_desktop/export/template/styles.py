"""Type sizes, colours and paragraph styles shared by every printed sheet."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle

from verkosto_desktop.export.template.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from verkosto_desktop.export.template.safe_text import pdf_text

INK = HexColor("#1d2428")
MUTED = HexColor("#50595f")
RULE = HexColor("#8f999f")
LIGHT_RULE = HexColor("#c9d0d4")
SHADE = HexColor("#eef1f3")
HEADER_FILL = HexColor("#dbe2e6")
ALERT = HexColor("#8a2a14")


@dataclass(frozen=True)
class TextStyle:
    """How one piece of table text is drawn: font, size, colour, struck through or not; the
    line height follows."""

    font: str = FONT
    size: float = 8.5
    colour: Color = INK
    struck: bool = False

    @cached_property
    def leading(self) -> float:
        return round(self.size * 1.22, 2)

    def crossed_out(self) -> TextStyle:
        """Greyed and struck through, still readable: a record that was corrected later."""
        return replace(self, colour=MUTED, struck=True)


NORMAL = TextStyle()
BOLD = TextStyle(FONT_BOLD)
SMALL = TextStyle(FONT, 7.5, MUTED)
ITALIC = TextStyle(FONT_ITALIC, 8.5, MUTED)
HEADER = TextStyle(FONT_BOLD, 7.5, INK)
PHONE = TextStyle(FONT_BOLD, 8.5)  # the number to call stands out on every list


@lru_cache(maxsize=1)
def paragraph_styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name: ``title``, ``h1``, ``h2``, ``body``, ``small``, ``alert``,
    ``agenda`` (a numbered agenda item) and ``note`` (space for hand-written notes)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=6
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=True,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=True,
        ),
        "h2_continued": ParagraphStyle(
            "h2_continued",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=MUTED,
            spaceAfter=2,
        ),
        "body": ParagraphStyle("body", parent=body, spaceAfter=4),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=3
        ),
        "alert": ParagraphStyle(
            "alert",
            parent=body,
            fontName=FONT_BOLD,
            textColor=ALERT,
            borderColor=ALERT,
            borderWidth=0.8,
            # ReportLab takes (top, right, bottom, left); types-reportlab allows one number.
            borderPadding=(4, 5, 4, 5),  # type: ignore[arg-type]
            spaceBefore=6,
            spaceAfter=8,
        ),
        "agenda": ParagraphStyle(
            "agenda",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            leftIndent=18,
            firstLineIndent=-18,
            spaceBefore=8,
            keepWithNext=True,
        ),
        "note": ParagraphStyle("note", parent=body, textColor=MUTED, leftIndent=18),
    }


def markup(text: str) -> str:
    """Text made safe for a ``Paragraph``: drawable (``safe_text.pdf_text``), ``&``, ``<``,
    ``>`` escaped, line breaks kept."""
    return escape(pdf_text(text)).replace("\n", "<br/>")
