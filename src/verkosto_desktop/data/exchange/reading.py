"""Reading a file to import: its kind recognised by content, then the reader for that kind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verkosto_desktop.data.exchange.readers.csv import read_csv
from verkosto_desktop.data.exchange.readers.vcard import read_vcards
from verkosto_desktop.data.exchange.readers.xlsx import read_xlsx
from verkosto_desktop.data.exchange.sniff import describe_unknown, detect_kind
from verkosto_desktop.data.exchange.table import MAX_FILE_BYTES, ImportRefused, Table
from verkosto_desktop.i18n import _

# What the name of a file says it is, to warn when the content says otherwise.
_SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".vcf": "vcard"}
_KIND_NAMES = {"csv": "CSV", "xlsx": "XLSX", "vcard": "vCard"}


@dataclass(frozen=True)
class ReadOptions:
    """What the user chose instead of what was detected (None: detect)."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


def read_bytes(path: Path) -> bytes:
    """The file's bytes; ``ImportRefused`` when it is missing, a folder or too big."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportRefused(_("{path} is a folder, not a file.").format(path=path))
        if size > MAX_FILE_BYTES:
            raise ImportRefused(
                _("The file is too large to import ({size} MB).").format(size=size // 2**20)
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(_("File not found: {path}").format(path=path)) from None
    except OSError as error:
        raise ImportRefused(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from None


def read_table(data: bytes, options: ReadOptions = ReadOptions(), name: str = "") -> Table:
    """The file's content as a table, whatever its name says; ``ImportRefused`` when it is no
    list Verkosto reads."""
    kind = detect_kind(data)
    if kind == "xlsx":
        table = read_xlsx(data, options.sheet)
    elif kind == "vcard":
        table = read_vcards(data, options.encoding)
    elif kind == "csv":
        table = read_csv(data, options.encoding, options.delimiter)
    else:
        raise ImportRefused(describe_unknown(data))
    named = _SUFFIXES.get(Path(name).suffix.casefold())
    if named is not None and named != kind:
        table.warn(
            None,
            None,
            _("The file's name says {named}, but it holds {kind}; it was read as {kind}.").format(
                named=_KIND_NAMES[named], kind=_KIND_NAMES[kind]
            ),
        )
    return table


def read_file(path: Path, options: ReadOptions = ReadOptions()) -> Table:
    """``read_table`` of the file at ``path``."""
    return read_table(read_bytes(path), options, path.name)
