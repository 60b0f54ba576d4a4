"""The bundled DejaVu Sans, registered once with ReportLab and embedded (subset) in every PDF.

ReportLab's built-in Helvetica cannot show Sámi letters (đ ŋ ŧ ʒ) and is never embedded, so every
document uses these names instead; the canvas's initial font is set to ``FONT`` as well, so that no
unembedded standard font ends up in the file.
"""

from __future__ import annotations

import threading
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "VerkostoSans"
FONT_BOLD = "VerkostoSans-Bold"
FONT_ITALIC = "VerkostoSans-Oblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the bundled fonts with ReportLab (once, thread-safe); returns the regular name.

    The bold and oblique faces are mapped as the family's variants, so ``<b>`` and ``<i>`` in a
    ``Paragraph`` use them.
    """
    global _registered
    if _registered:  # the common case, without the lock
        return FONT
    with _lock:
        if not _registered:
            folder = resources.files("verkosto_desktop.resources") / "fonts"
            for name, filename in _FILES.items():
                with resources.as_file(folder / filename) as path:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            addMapping(FONT, 0, 0, FONT)
            addMapping(FONT, 1, 0, FONT_BOLD)
            addMapping(FONT, 0, 1, FONT_ITALIC)
            addMapping(FONT, 1, 1, FONT_BOLD)
            _registered = True
    return FONT
