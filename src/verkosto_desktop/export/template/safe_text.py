"""Text made safe for a page: every string drawn on a sheet passes through :func:`pdf_text`.

Control and direction-override characters become a visible replacement (``domain.text_safety``),
a character the bundled font cannot draw (it would print as an empty box, or not at all) becomes
the same replacement "�", invisible format characters the font lacks (joiners, soft hyphens) are
left out, and a text longer than any field may be (``domain.limits.DEFAULT_LIMIT``) is cut with a
note. Text the font draws whole passes untouched at the speed of one regular-expression search.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from verkosto_desktop.domain.limits import DEFAULT_LIMIT
from verkosto_desktop.domain.text_safety import REPLACEMENT, is_hidden_character, printable
from verkosto_desktop.export.template.fonts import FONT, FONT_BOLD, register_fonts

_lock = threading.Lock()
_coverage: dict[str, tuple[frozenset[int], re.Pattern[str]]] = {}
# Data is drawn in the regular and the bold face (a name in bold, its details regular): text
# not told otherwise must be drawable in both.
TEXT_FACES = "text"
_FACES = {TEXT_FACES: (FONT, FONT_BOLD), FONT: (FONT,), FONT_BOLD: (FONT_BOLD,)}


def _ranges(codes: list[int]) -> str:
    parts: list[str] = []
    start = previous = codes[0]
    for code in codes[1:]:
        if code == previous + 1:
            previous = code
            continue
        parts.append(_range(start, previous))
        start = previous = code
    parts.append(_range(start, previous))
    return "".join(parts)


def _range(low: int, high: int) -> str:
    first = re.escape(chr(low))
    return first if low == high else f"{first}-{re.escape(chr(high))}"


def _font_coverage(face: str = TEXT_FACES) -> tuple[frozenset[int], re.Pattern[str]]:
    """The characters ``face`` draws (``TEXT_FACES``: both the regular and the bold face), and
    a pattern matching any other."""
    found = _coverage.get(face)
    if found is not None:
        return found
    with _lock:
        if face not in _coverage:
            register_fonts()
            names = _FACES.get(face, (face,))
            common = set.intersection(*(pdmetrics_face(name) for name in names))
            common.discard(0xFFFE)
            common.discard(0xFFFF)
            # Line breaks are handled by the layout, never drawn as glyphs. The font has
            # glyphs for some direction overrides and controls too, yet they must never be
            # drawn as they are (``printable`` shows them as the replacement).
            codes = sorted({code for code in common if not is_hidden_character(chr(code))} | {0x0A})
            _coverage[face] = (frozenset(codes), re.compile(f"[^{_ranges(codes)}]"))
    return _coverage[face]


def pdmetrics_face(name: str) -> set[int]:
    """The code points one registered face has glyphs for."""
    font = pdfmetrics.getFont(name)
    return set(font.face.charToGlyph)  # type: ignore[attr-defined]


def _replace_missing(text: str, drawable: frozenset[int]) -> str:
    shown: list[str] = []
    for ch in text:
        if ord(ch) in drawable:
            shown.append(ch)
        elif unicodedata.category(ch) in ("Cf", "Mn", "Me") and ch != REPLACEMENT:
            continue  # invisible or combining: leaving it out keeps the letter readable
        else:
            shown.append(REPLACEMENT)
    return "".join(shown)


@lru_cache(maxsize=32768)
def pdf_text(text: str | None, multiline: bool = True, face: str = TEXT_FACES) -> str:
    """``text`` as it may be drawn with the bundled font's ``face`` (a registered font name, or
    ``TEXT_FACES`` for both regular and bold); see the module's description."""
    if not text:
        return ""
    drawable, outside = _font_coverage(face)
    if (
        outside.search(text) is None
        and len(text) <= DEFAULT_LIMIT.length
        and (multiline or "\n" not in text)
    ):
        return text
    safe = printable(text, multiline=multiline, limit=DEFAULT_LIMIT.length)
    if outside.search(safe) is None:
        return safe
    return _replace_missing(safe, drawable)


def missing_glyphs(text: str, face: str = TEXT_FACES) -> set[str]:
    """Characters of ``text`` that the bundled font's ``face`` cannot draw."""
    drawable, _outside = _font_coverage(face)
    return {ch for ch in set(text) if ord(ch) not in drawable and ch != "\n"}
