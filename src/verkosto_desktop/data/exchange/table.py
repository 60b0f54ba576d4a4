"""What a reader makes of a file: a header row and data rows of cells, with where each row came
from, and the problems and warnings found on the way.

A ``Problem`` stops an import (nothing is written until every problem is gone); a warning does
not. Both name the row and the column, as the user sees them in the spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

# Limits that keep a hostile or broken file from taking the machine down; a real register is far
# inside them (the largest in view is a 100,000-actor national list).
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 100_000
MAX_LINE_CHARS = 1_000_000


class ImportRefused(VerkostoError):
    """The file cannot be imported at all (not a list, unreadable, too big); nothing changed."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong at a row (its number as the spreadsheet shows it, the header being row 1;
    for vCards the card's number) and column (its header), or in the file as a whole."""

    row: int | None
    column: str | None
    message: str
    unit: str = "row"  # "row" or "card"
    # What the wizard asks about it itself: "word" (a word needs a meaning), "match" (several
    # actors match), "erased" (a person erased on request); "" for the rest.
    kind: str = ""

    def where(self) -> str:
        """``Row 12, column Phone`` in the current language."""
        parts: list[str] = []
        if self.row is not None:
            parts.append(
                _("Card {number}").format(number=self.row)
                if self.unit == "card"
                else _("Row {number}").format(number=self.row)
            )
        if self.column:
            parts.append(_("column {name}").format(name=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number (as the user sees it) and its cells, one per header."""

    number: int
    cells: tuple[Any, ...]


@dataclass
class Table:
    """A file read as a table. ``kind`` is ``csv``, ``xlsx`` or ``vcard``; ``encoding`` and
    ``delimiter`` are what was used for a CSV, ``sheet`` and ``sheets`` for a workbook."""

    kind: str
    headers: tuple[str, ...]
    rows: list[Row]
    unit: str = "row"
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Suggested targets the reader knows (vCard's fixed columns), header → target.
    known_mapping: dict[str, str | None] = field(default_factory=dict)

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(row, column, message, self.unit))

    def warn(self, row: int | None, column: str | None, message: str) -> None:
        self.warnings.append(Problem(row, column, message, self.unit))

    def column_values(self, index: int, limit: int = 5) -> list[str]:
        """The first ``limit`` non-empty values of a column, as text (for the mapping page)."""
        found: list[str] = []
        for row in self.rows:
            value = row.cells[index] if index < len(row.cells) else None
            if value not in (None, ""):
                found.append(str(value))
                if len(found) >= limit:
                    break
        return found
