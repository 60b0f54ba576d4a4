"""Excel workbooks (.xlsx) with ``openpyxl``, read-only, taking the values Excel stored.

A formula cell holds the value Excel computed when it last saved the file; a workbook written by
another program may have none, and such a cell is a problem on its row (the value is unknown).
Phone numbers stored as numbers have lost their leading 0; they are kept as numbers here and the
import reads them as Finnish numbers, with a warning."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any
from xml.parsers.expat import ExpatError

from verkosto_desktop.data.exchange.readers.csv import unique_headers
from verkosto_desktop.data.exchange.table import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportRefused,
    Row,
    Table,
)
from verkosto_desktop.i18n import _

# A workbook is a zip of XML files: refuse one that would unpack to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 4 * MAX_FILE_BYTES


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            damaged = archive.testzip()
    # A damaged deflate stream is zlib's error, not the archive's (testzip passes it on).
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError):
        raise ImportRefused(
            _("The workbook is damaged or incomplete (was it copied only in part?).")
        ) from None
    if damaged is not None:
        raise ImportRefused(
            _("The workbook is damaged: {part} cannot be read.").format(part=damaged)
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefused(_("The workbook is too large to import."))


def sheet_names(data: bytes) -> tuple[str, ...]:
    """The names of the workbook's sheets, in order."""
    workbook = _open(data, formulas=False)
    try:
        return tuple(workbook.sheetnames)
    finally:
        workbook.close()


def _open(data: bytes, formulas: bool) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, ExpatError, TypeError):
        raise ImportRefused(
            _("The workbook is damaged or incomplete (was it copied only in part?).")
        ) from None
    except Exception as error:  # openpyxl raises many kinds of errors for malformed XML
        raise ImportRefused(
            _("The workbook cannot be read: {reason}").format(reason=type(error).__name__)
        ) from None


def _rows(workbook: Any, sheet: str) -> Any:
    worksheet = workbook[sheet]
    if not hasattr(worksheet, "iter_rows"):
        raise ImportRefused(_("The sheet {name} holds no table (a chart?).").format(name=sheet))
    # The sheet's own dimension, when it has one, keeps rows from being padded to the limit.
    width = worksheet.max_column if isinstance(worksheet.max_column, int) else MAX_COLUMNS
    if width > MAX_COLUMNS:
        raise ImportRefused(
            _("The sheet has {count} columns; at most {limit} can be read.").format(
                count=width, limit=MAX_COLUMNS
            )
        )
    return worksheet.iter_rows(max_col=max(width, 1), values_only=True)


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    """The chosen sheet (the first when None) as a table; ``ImportRefused`` when unreadable."""
    _check_archive(data)
    values = _open(data, formulas=False)
    formulas = _open(data, formulas=True)
    try:
        names = tuple(values.sheetnames)
        if not names:
            raise ImportRefused(_("The workbook has no sheets."))
        chosen = sheet if sheet is not None else names[0]
        if chosen not in names:
            raise ImportRefused(
                _("The workbook has no sheet {name}. Its sheets: {names}").format(
                    name=chosen, names=", ".join(names)
                )
            )
        table = Table(kind="xlsx", headers=(), rows=[], sheet=chosen, sheets=names)
        try:
            _fill(table, _rows(values, chosen), _rows(formulas, chosen))
        except ImportRefused:
            raise
        except Exception as error:  # malformed sheet XML surfaces while iterating
            raise ImportRefused(
                _("The workbook cannot be read: {reason}").format(reason=type(error).__name__)
            ) from None
    finally:
        values.close()
        formulas.close()
    return table


def _cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise ImportRefused(
            _("A cell holds more than {limit} characters.").format(limit=MAX_CELL_CHARS)
        )
    return value


def _fill(table: Table, stored: Any, written: Any) -> None:
    headers: tuple[str, ...] | None = None
    number = 0
    for values, texts in zip(stored, written, strict=False):
        number += 1
        cells = [_cell(v) for v in values]
        if not any(v not in (None, "") and str(v).strip() for v in cells):
            continue
        if headers is None:
            while cells and cells[-1] in (None, ""):
                cells.pop()
            headers = unique_headers([str(c) if c is not None else "" for c in cells])
            table.headers = headers
            continue
        if len(table.rows) >= MAX_ROWS:
            raise ImportRefused(_("The sheet has more than {limit} rows.").format(limit=MAX_ROWS))
        width = len(headers)
        extra = [v for v in cells[width:] if v not in (None, "")]
        if extra:
            table.problem(
                number,
                None,
                _("The row has values to the right of the last column with a header."),
            )
        cells = (cells + [None] * width)[:width]
        for index, (value, text) in enumerate(zip(cells, texts, strict=False)):
            if index >= width:
                break
            if value is None and isinstance(text, str) and text.startswith("="):
                table.problem(
                    number,
                    headers[index],
                    _(
                        "A formula whose value was never stored ({formula}): open the file in "
                        "Excel, save it and import it again."
                    ).format(formula=text[:60]),
                )
        table.rows.append(Row(number, tuple(cells)))
    if headers is None:
        raise ImportRefused(_("The sheet {name} is empty.").format(name=table.sheet))
