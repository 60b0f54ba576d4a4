"""Wrapping names into narrow column headings (on screen and on paper).

Finnish names are often one long compound ("Tietoliikennekatko"); a heading that may not cut
words makes its column as wide as the longest compound. Words longer than the width are split
at a Finnish syllable boundary (before a consonant followed by a vowel: tie-to-lii-ken-ne), with
a hyphen, choosing the boundary that gives the most even halves.
"""

from __future__ import annotations

VOWELS = frozenset("aeiouyäöåAEIOUYÄÖÅ")


def _boundaries(word: str) -> list[int]:
    return [
        i
        for i in range(2, len(word) - 2)
        if word[i - 1].isalpha()
        and word[i].isalpha()
        and word[i] not in VOWELS
        and word[i + 1] in VOWELS
    ]


def hyphenate(word: str, width: int) -> list[str]:
    """``word`` in pieces of at most ``width`` characters (hyphen included) where it can be."""
    if len(word) <= width:
        return [word]
    candidates = [i for i in _boundaries(word) if i + 1 <= width]
    if not candidates:
        return [word]
    cut = min(candidates, key=lambda i: abs((i + 1) - (len(word) - i)))
    return [word[:cut] + "-", *hyphenate(word[cut:], width)]


def wrap_label(text: str, width: int) -> list[str]:
    """``text`` on lines of about ``width`` characters, long words hyphenated."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        for piece in hyphenate(word, width):
            if not current:
                current = piece
            elif len(current) + 1 + len(piece) <= width and not current.endswith("-"):
                current = f"{current} {piece}"
            else:
                lines.append(current)
                current = piece
    if current:
        lines.append(current)
    return lines or [text]
