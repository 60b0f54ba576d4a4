"""Text files decoded in fixed steps: a byte-order mark means UTF-8; otherwise strict UTF-8;
otherwise Windows-1252 (what Finnish Excel writes). Guessing libraries are not used: on short
Finnish files they answer code pages that turn "Ä" into something else. The user may name the
encoding instead."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from verkosto_desktop.data.exchange.table import ImportRefused
from verkosto_desktop.i18n import _

# Offered in the wizard; any name Python knows works on the command line.
ENCODINGS = ("utf-8", "cp1252", "iso-8859-15", "utf-16", "mac-roman", "cp850")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters never found in a text list (tab, line breaks and form feed are fine).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """The text of a file and the encoding it was read with (``utf-8-sig`` when a BOM said so)."""

    text: str
    encoding: str


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` with ``encoding``, or in the fixed steps; ``ImportRefused`` when the bytes
    are not text in that encoding, or hold control characters no list has (a binary file)."""
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise ImportRefused(_("Unknown text encoding: {name}").format(name=encoding)) from None
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        text = _strict(data, codec)
        if text is None:
            raise ImportRefused(
                _("The file is not text in the encoding {name}.").format(name=encoding)
            )
        return _checked(Decoded(text, codec))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise ImportRefused(_("The file is damaged: its text cannot be read."))
            return _checked(Decoded(text, codec))
    for codec in ("utf-8", "cp1252"):
        text = _strict(data, codec)
        if text is not None:
            return _checked(Decoded(text, codec))
    raise ImportRefused(
        _("The file's text encoding is not UTF-8 or Windows-1252; choose the encoding.")
    )


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(decoded: Decoded) -> Decoded:
    # Old DOS programs end a text file with Ctrl+Z.
    decoded = Decoded(decoded.text.rstrip("\x1a"), decoded.encoding)
    if _CONTROL.search(decoded.text):
        raise ImportRefused(_("The file holds binary data: it is not a spreadsheet or vCard file."))
    if decoded.text.startswith("\ufeff"):
        return Decoded(decoded.text[1:], decoded.encoding)
    return decoded
