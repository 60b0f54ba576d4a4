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
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text).casefold():
        special = _SPECIAL.get(char)
        if special is not None:
            out.append(special)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if base == "a" and "\u030a" in decomposed:  # a + ring above written decomposed
            out.append("{")
        elif base in "ao" and "\u0308" in decomposed:
            out.append("|" if base == "a" else "}")
        else:
            # Other accents (é, š, č…) are not letters of their own in Finnish order.
            out.append(base)
    return "".join(out)


def compare(left: str | None, right: str | None) -> int:
    """Three-way comparison in Finnish order (the SQLite collation ``fi``)."""
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def finnish_sorted(items: Iterable[T], key: Callable[[T], str | None]) -> list[T]:
    """Sort any iterable in Finnish order of ``key(item)``."""
    return sorted(items, key=lambda item: sort_key(key(item)))
