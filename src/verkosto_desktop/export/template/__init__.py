"""The page template every printed sheet is built on (ReportLab, no Qt).

- :mod:`.page`: paper sizes, :class:`DocumentInfo` (header and footer), :class:`Part`,
  :func:`build_pdf` (one or several parts, lazily consumed stories, page "N / M", cancel),
  :func:`one_page` (a sheet that must stay on one page).
- :mod:`.tables`: fast long tables with a repeated header row (:func:`table`, :func:`titled_table`,
  :class:`Column`, :class:`Block`, :func:`cell`).
- :mod:`.styles`: type sizes, colours, paragraph styles, :func:`markup`.
- :mod:`.writing`: :func:`atomic_output` (complete file or none) and clear disk-error messages.
- :mod:`.fonts`: the bundled DejaVu Sans, embedded in every PDF.
"""

from verkosto_desktop.export.template.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from verkosto_desktop.export.template.page import (
    DocumentInfo,
    Letterhead,
    PageFormat,
    Part,
    build_pdf,
    confidential_line,
    one_page,
)
from verkosto_desktop.export.template.styles import (
    BOLD,
    ITALIC,
    NORMAL,
    PHONE,
    SMALL,
    TextStyle,
    markup,
    paragraph_styles,
)
from verkosto_desktop.export.template.tables import (
    Block,
    Column,
    TableLook,
    cell,
    mark_24_7,
    table,
    titled_table,
)
from verkosto_desktop.export.template.writing import atomic_output, write_bytes_atomically

__all__ = [
    "BOLD",
    "FONT",
    "FONT_BOLD",
    "FONT_ITALIC",
    "ITALIC",
    "NORMAL",
    "PHONE",
    "SMALL",
    "Block",
    "Column",
    "DocumentInfo",
    "Letterhead",
    "PageFormat",
    "Part",
    "TableLook",
    "TextStyle",
    "atomic_output",
    "build_pdf",
    "cell",
    "confidential_line",
    "mark_24_7",
    "markup",
    "one_page",
    "paragraph_styles",
    "register_fonts",
    "table",
    "titled_table",
    "write_bytes_atomically",
]
