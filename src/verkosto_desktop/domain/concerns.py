"""Simple grouping of free-text survey answers: an answer may list several items (one a line, or
separated by semicolons or bullets); items that differ only in case, spacing, bullets or final
punctuation count as the same."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\n;•]+")
_BULLET = re.compile(r"^\s*(?:[-*–]|\d+[.)])\s+")
_EDGE_PUNCTUATION = " \t.,:!?\"'()[]"
_SPACES = re.compile(r"\s+")


def answer_items(answer: str) -> list[str]:
    """The separate items of one answer, trimmed, without bullets; empty items dropped."""
    items: list[str] = []
    for piece in _SEPARATORS.split(answer or ""):
        text = _SPACES.sub(" ", _BULLET.sub("", piece)).strip(_EDGE_PUNCTUATION)
        if text:
            items.append(text)
    return items


def item_key(item: str) -> str:
    """The key under which an item is grouped."""
    return _SPACES.sub(" ", item.casefold()).strip(_EDGE_PUNCTUATION)


def representative(variants: Iterable[str]) -> str:
    """The spelling shown for a group: the most frequent variant; on a tie, one that starts
    with a capital letter, then the first one given."""
    counts: dict[str, int] = {}
    for variant in variants:
        counts[variant] = counts.get(variant, 0) + 1
    ranked = sorted(counts, key=lambda v: (-counts[v], not v[:1].isupper()))
    return ranked[0] if ranked else ""
