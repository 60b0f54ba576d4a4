"""Line breaking for table cells: words wrap at spaces, and words wider than the column (e-mail
addresses, long compound names) break between characters, so that nothing runs into the next
column or off the paper."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points (line breaks in it are kept)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        if stringWidth(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if stringWidth(word, font, size) <= width:
                current = word
            else:
                pieces = _break_word(word, font, size, width)
                lines.extend(pieces[:-1])
                current = pieces[-1]
        lines.append(current)
    return lines


_SOFT_BREAKS = "@./-_"


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word too wide for the column, cut into pieces that fit (at least one character each),
    preferably after ``@ . / - _`` so that e-mail addresses break where a reader expects."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            cut = max(current.rfind(mark) for mark in _SOFT_BREAKS)
            if 0 < cut < len(current) - 1:
                pieces.append(current[: cut + 1])
                current = current[cut + 1 :] + char
            else:
                pieces.append(current)
                current = char
        else:
            current += char
    pieces.append(current)
    return pieces
