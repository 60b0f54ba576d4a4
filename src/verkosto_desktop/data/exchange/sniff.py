"""What a file is, recognised by its content (never by its name), and which separator a CSV uses.

``detect_kind`` is the one place that tells kinds apart: each kind is one line in ``KINDS``, tried
in order, so a new kind of file (a bundle) is added with one line."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable

from verkosto_desktop.i18n import _

DELIMITERS = (";", ",", "\t", "|")
_SAMPLE_BYTES = 65536
_SAMPLE_RECORDS = 30
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_VCARD = re.compile(rb"^(?:\xef\xbb\xbf)?\s*BEGIN:VCARD\b", re.IGNORECASE)
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f]")


def _is_xlsx(data: bytes) -> bool:
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        # A zip file that cannot be opened: most likely a workbook cut short on its way; the
        # workbook reader says so in words.
        return True


def _is_vcard(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    return bool(_VCARD.match(head))


def _is_text(data: bytes) -> bool:
    head = data[:_SAMPLE_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 text: its NUL bytes are half of every letter
    return bool(head.strip()) and not _BINARY.search(head)


def _is_bundle(data: bytes) -> bool:
    from verkosto_desktop.data.exchange.crypto import is_bundle

    return is_bundle(data)


# Tried in order; the first that says yes names the kind.
KINDS: list[tuple[str, Callable[[bytes], bool]]] = [
    ("bundle", _is_bundle),
    ("xlsx", _is_xlsx),
    ("vcard", _is_vcard),
    ("csv", _is_text),
]


def detect_kind(data: bytes) -> str:
    """``bundle``, ``csv``, ``xlsx``, ``vcard`` (or another kind in ``KINDS``), or
    ``unknown``."""
    for kind, recognise in KINDS:
        if recognise(data):
            return kind
    return "unknown"


def describe_unknown(data: bytes) -> str:
    """Why a file of unknown kind cannot be imported, in words the user can act on."""
    if not data.strip():
        return _("The file is empty.")
    if data.startswith(_OLE2_MAGIC):
        return _(
            "The file is in the old Excel format (.xls). Save it as an Excel workbook (.xlsx) "
            "or as CSV and import that."
        )
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                mimetype = (
                    archive.read("mimetype").decode("ascii", "ignore")
                    if "mimetype" in names
                    else ""
                )
        except (zipfile.BadZipFile, ValueError, OSError, KeyError):
            mimetype = ""
        if "opendocument.spreadsheet" in mimetype:
            return _(
                "The file is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook "
                "(.xlsx) or as CSV and import that."
            )
    if data.startswith(b"%PDF"):
        return _("The file is a PDF document, not a spreadsheet or vCard file.")
    return _("The file is not a spreadsheet (CSV, XLSX) or vCard file.")


def sniff_delimiter(text: str) -> str:
    """The separator among ``; , tab |`` that splits the first records into the same number of
    fields most consistently (``;`` when nothing splits them: a list of one column)."""
    sample = text[:_SAMPLE_BYTES]
    if len(text) > _SAMPLE_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best: tuple[float, int, int] = (0.0, 0, 0)
    chosen = DELIMITERS[0]
    for preference, delimiter in enumerate(DELIMITERS):
        counts: list[int] = []
        try:
            reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
            for record in reader:
                if any(cell.strip() for cell in record):
                    counts.append(len(record))
                if len(counts) >= _SAMPLE_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        width, times = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (times / len(counts), width, -preference)
        if score > best:
            best, chosen = score, delimiter
    return chosen
