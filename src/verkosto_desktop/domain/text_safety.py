"""Characters that may be stored, and text made safe to show.

At input, control characters are refused (tab and line breaks only in multi-line fields), and
so are the characters that override the direction of text (they can make a name read as
something else). Everything else of Unicode is welcome: Sámi, Swedish, Arabic, emoji.

At output, whatever a file holds (from an older version, a bundle, a hand edit) is made safe
with :func:`printable`: control and direction-override characters become a visible
replacement character, so that they never reach a page, a terminal, a CSV file or a vCard, and
a text longer than its limit is cut with "…" and a note saying so.
"""

from __future__ import annotations

import unicodedata

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.limits import FieldLimit
from verkosto_desktop.i18n import _

REPLACEMENT = "\ufffd"
# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder
# what follows them on screen and paper ("Trojan source").
DIRECTION_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line and paragraph separators break a line wherever text is shown.
_LINE_SEPARATORS = frozenset("\u2028\u2029\x85")
_MULTILINE_ALLOWED = frozenset("\n\t")


def _is_forbidden(ch: str, multiline: bool) -> bool:
    if ch in DIRECTION_OVERRIDES:
        return True
    if ch in _MULTILINE_ALLOWED:
        return not multiline
    if ch in _LINE_SEPARATORS:
        return True
    return unicodedata.category(ch) in ("Cc", "Cs")


def is_hidden_character(ch: str) -> bool:
    """``ch`` may never be shown as it is (a control, direction-override or line-separator
    character): :func:`printable` replaces it."""
    return _is_forbidden(ch, multiline=False)


def normalise_line_breaks(text: str) -> str:
    """Windows and old Mac line breaks as ``\\n`` (pasted text brings them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def forbidden_character(text: str, multiline: bool) -> str | None:
    """The first character of ``text`` that may not be stored, or ``None``."""
    if text.isprintable() and not (DIRECTION_OVERRIDES.intersection(text)):
        return None  # the common case, at C speed
    for ch in text:
        if _is_forbidden(ch, multiline):
            return ch
    return None


def character_name(ch: str) -> str:
    """``U+0007`` and, when Unicode names it, the name: for messages."""
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    return f"{code} {name}" if name else code


def check_text(text: str, field: str, limit: FieldLimit) -> str:
    """``text`` (trimmed, line breaks normalised) if it fits ``limit``; raises
    ``ValidationError`` for ``field`` with the reason otherwise."""
    if limit.multiline:
        text = normalise_line_breaks(text)
    bad = forbidden_character(text, limit.multiline)
    if bad is not None:
        if bad in DIRECTION_OVERRIDES:
            message = _(
                "The text holds a character that reverses the direction of writing ({char}); "
                "remove it."
            )
        elif bad in _MULTILINE_ALLOWED:
            message = _("This field holds one line only: remove the line break or tab ({char}).")
        else:
            message = _("The text holds an invisible control character ({char}); remove it.")
        raise ValidationError(field, message.format(char=character_name(bad)))
    if len(text) > limit.length:
        raise ValidationError(
            field,
            _("Too long: {length} characters, at most {limit}.").format(
                length=len(text), limit=limit.length
            ),
        )
    return text


def shortened_note(length: int) -> str:
    """The note after a text cut for printing: how long it really was."""
    return _("[shortened, {length} characters in all]").format(length=length)


def printable(text: str | None, *, multiline: bool = True, limit: int | None = None) -> str:
    """``text`` safe to show anywhere: control and direction-override characters become
    ``REPLACEMENT``; tabs become spaces; line breaks stay only when ``multiline`` (else a
    space); longer than ``limit`` characters, it is cut with "…" and :func:`shortened_note`."""
    if not text:
        return ""
    if "\r" in text:
        text = normalise_line_breaks(text)
    if not text.isprintable() or DIRECTION_OVERRIDES.intersection(text):
        text = "".join(_shown(ch, multiline) for ch in text)
    if limit is not None and len(text) > limit:
        keep = max(limit - 1, 1)
        text = text[:keep].rstrip() + "… " + shortened_note(len(text))
    return text


def _shown(ch: str, multiline: bool) -> str:
    if ch == "\n":
        return ch if multiline else " "
    if ch == "\t":
        return " "
    if ch in DIRECTION_OVERRIDES or ch in _LINE_SEPARATORS:
        return REPLACEMENT if ch in DIRECTION_OVERRIDES else (" " if not multiline else "\n")
    if unicodedata.category(ch) in ("Cc", "Cs"):
        return REPLACEMENT
    return ch


def one_line(text: str | None) -> str:
    """``text`` on one line, safe for a terminal or a tab-separated line (see ``printable``)."""
    return printable(text, multiline=False)
