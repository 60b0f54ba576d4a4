"""Line breaking for table cells: words wrap at spaces, and words wider than the column (e-mail
addresses, long compound names) break after ``@ . / - _`` or, failing that, between characters,
so that nothing runs into the next column or off the paper.

Widths are added up from cached word widths (ReportLab applies no kerning, so a line is exactly
the sum of its words and spaces): long lists repeat the same words thousands of times.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from verkosto_desktop.export.template.fonts import register_fonts

_SOFT_BREAK = re.compile(r"(?<=[@./\-_])")


@lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points (cached). The bundled fonts are registered first, so that any
    caller (a table measured before a document is built) can measure with them."""
    register_fonts()
    return stringWidth(text, font, size)


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points (line breaks in it are kept)."""
    if "\n" not in text and text_width(text, font, size) <= width:
        return [text]
    space = text_width(" ", font, size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        current: list[str] = []
        used = 0.0
        for word in words:
            measured = text_width(word, font, size)
            if measured > width:
                pieces = _break_word(word, font, size, width)
                if current:
                    lines.append(" ".join(current))
                lines.extend(pieces[:-1])
                current, used = [pieces[-1]], text_width(pieces[-1], font, size)
                continue
            extra = measured + (space if current else 0.0)
            if current and used + extra > width:
                lines.append(" ".join(current))
                current, used = [word], measured
            else:
                current.append(word)
                used += extra
        lines.append(" ".join(current))
    return lines


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word too wide for the column, cut into pieces that fit (at least one character each),
    after the ``@`` of an e-mail address first, then after ``. / - _``, so that addresses break
    where a reader expects."""
    at = word.find("@")
    if 0 < at < len(word) - 1:
        return [
            *_break_part(word[: at + 1], font, size, width),
            *_break_part(word[at + 1 :], font, size, width),
        ]
    return _break_part(word, font, size, width)


def _break_part(word: str, font: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for segment in _SOFT_BREAK.split(word):
        if not segment:
            continue
        if text_width(current + segment, font, size) <= width:
            current += segment
            continue
        if current:
            pieces.append(current)
            current = ""
        while text_width(segment, font, size) > width:
            cut = _longest_fit(segment, font, size, width)
            pieces.append(segment[:cut])
            segment = segment[cut:]
        current = segment
    pieces.append(current)
    return pieces


def _longest_fit(text: str, font: str, size: float, width: float) -> int:
    """How many leading characters of ``text`` fit in ``width`` (at least one)."""
    register_fonts()
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low
