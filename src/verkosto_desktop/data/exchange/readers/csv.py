"""CSV as Finnish Excel writes it (``;``, Windows-1252 or UTF-8 with a BOM) and as everything
else does (``,``, tab, ``|``; quoted fields holding separators and line breaks)."""

from __future__ import annotations

import csv
import io
import re

from verkosto_desktop.data.exchange.decode import decode
from verkosto_desktop.data.exchange.sniff import DELIMITERS, sniff_delimiter
from verkosto_desktop.data.exchange.table import (
    MAX_COLUMNS,
    MAX_LINE_CHARS,
    MAX_ROWS,
    ImportRefused,
    Row,
    Table,
)
from verkosto_desktop.i18n import _

# Anchored at line starts, so that the search stays linear in the length of the text.
_LONG_LINE = re.compile(rf"^[^\n]{{{MAX_LINE_CHARS + 1}}}", re.MULTILINE)
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}


def delimiter_from(text: str) -> str:
    """A separator as typed on the command line (``;``, ``tab``, ``\\t``…); ``ImportRefused``
    when it is none of ``; , tab |``."""
    value = _DELIMITER_NAMES.get(text.strip().casefold(), text)
    if value not in DELIMITERS:
        raise ImportRefused(
            _("The separator must be one of ; , | or tab, not {text}").format(text=text)
        )
    return value


def unique_headers(cells: list[str]) -> tuple[str, ...]:
    """Header texts made usable as keys: trimmed, empty ones numbered, repeats numbered."""
    headers: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells, start=1):
        name = " ".join(str(cell or "").split()) or f"#{index}"
        candidate, n = name, 2
        while candidate in seen:
            candidate, n = f"{name} ({n})", n + 1
        seen.add(candidate)
        headers.append(candidate)
    return tuple(headers)


def read_csv(data: bytes, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """The file as a table; ``ImportRefused`` when it cannot be read as one."""
    decoded = decode(data, encoding)
    text = decoded.text
    long_line = _LONG_LINE.search(text)
    if long_line is not None:
        line = text.count("\n", 0, long_line.start()) + 1
        raise ImportRefused(
            _("Line {line} is longer than {limit} characters: the file is not a list.").format(
                line=line, limit=f"{MAX_LINE_CHARS:,}".replace(",", " ")
            )
        )
    chosen = delimiter_from(delimiter) if delimiter else sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen)
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    table = Table(kind="csv", headers=(), rows=rows, encoding=decoded.encoding, delimiter=chosen)
    number = 0
    try:
        for record in reader:
            number += 1
            if len(record) > MAX_COLUMNS:
                raise ImportRefused(
                    _("Row {number} has {count} columns; at most {limit} can be read.").format(
                        number=number, count=len(record), limit=MAX_COLUMNS
                    )
                )
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                headers = unique_headers(record)
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportRefused(
                    _("The file has more than {limit} rows.").format(limit=MAX_ROWS)
                )
            rows.append(Row(number, _fit(table, headers, number, record)))
    except csv.Error as error:
        raise ImportRefused(
            _("Line {line} cannot be read as CSV ({reason}).").format(
                line=reader.line_num, reason=error
            )
        ) from None
    if headers is None:
        raise ImportRefused(_("The file is empty."))
    table.headers = headers
    return table


def _fit(table: Table, headers: tuple[str, ...], number: int, record: list[str]) -> tuple[str, ...]:
    if len(record) > len(headers):
        extra = [cell for cell in record[len(headers) :] if cell.strip()]
        if extra:
            table.problem(
                number,
                None,
                _(
                    "The row has {count} fields but the header row has {headers}: check the "
                    "separator and the quotes."
                ).format(count=len(record), headers=len(headers)),
            )
        record = record[: len(headers)]
    elif len(record) < len(headers):
        record = record + [""] * (len(headers) - len(record))
    return tuple(record)
