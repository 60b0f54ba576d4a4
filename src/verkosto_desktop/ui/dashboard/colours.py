"""Colours of the coverage scale in the light and the dark theme.

Blue shades for "how many can act" and orange for a gap keep apart for people who do not tell red
from green; each colour also has a twin in text (the count, or the gap marker and its words).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

# level -> (background, text); level 0 is a gap
_LIGHT = {
    0: ("#f9d7bd", "#6b2200"),
    1: ("#e6f0f8", "#1d2428"),
    2: ("#bcd6ec", "#10202c"),
    3: ("#78a9d4", "#08141d"),
}
_DARK = {
    0: ("#6b3412", "#ffe1cc"),
    1: ("#1f2c38", "#e6e6e6"),
    2: ("#264c70", "#ffffff"),
    3: ("#3777b0", "#ffffff"),
}
BANNER_LIGHT = ("#fff0d9", "#5a3300", "#d98a1c")  # background, text, border
BANNER_DARK = ("#3d2a10", "#ffe3bf", "#b8741a")


def palette_is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (read from the palette itself, so it is right while the
    theme is being switched)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def level_colours(level: int, dark: bool) -> tuple[QColor, QColor]:
    """(background, text) of a coverage level."""
    background, text = (_DARK if dark else _LIGHT)[level]
    return QColor(background), QColor(text)


def banner_colours(dark: bool) -> tuple[str, str, str]:
    return BANNER_DARK if dark else BANNER_LIGHT
