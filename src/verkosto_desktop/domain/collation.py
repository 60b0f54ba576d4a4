"""Finnish alphabetical order: å ä ö after z, case-insensitive; ü as y, æ as ä, ø as ö, w after v.

``sort_key`` maps a text to a plain string whose binary order is the Finnish order, so that SQL can
sort by an indexed key column, and ``compare`` is the collation registered on each connection.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

# Code points just after "z" keep å ä ö in that order after every other letter.
_SPECIAL = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}


@lru_cache(maxsize=65536)
def sort_key(text: str | None) -> str:
    """A key whose plain code-point order is the Finnish alphabetical order of ``text``."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFC", text).casefold()
    if folded.isascii():
        return folded  # every ASCII letter is its own key (most names, and every digit)
    return "".join(map(_letter_key, folded))


@lru_cache(maxsize=4096)
def _letter_key(char: str) -> str:
    special = _SPECIAL.get(char)
    if special is not None:
        return special
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if base == "a" and "\u030a" in decomposed:  # a + ring above written decomposed
        return "{"
    if base in "ao" and "\u0308" in decomposed:
        return "|" if base == "a" else "}"
    # Other accents (é, š, č…) are not letters of their own in Finnish order.
    return base


def compare(left: str | None, right: str | None) -> int:
    """Three-way comparison in Finnish order (the SQLite collation ``fi``)."""
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def finnish_sorted(items: Iterable[T], key: Callable[[T], str | None]) -> list[T]:
    """Sort any iterable in Finnish order of ``key(item)``."""
    return sorted(items, key=lambda item: sort_key(key(item)))
