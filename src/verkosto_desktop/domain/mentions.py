"""Finding people named in free text (a log entry, a meeting's notes, a survey answer) and
replacing them: used by erasure, which must reach every text that names the erased person, and
by shared documents, which must not name people who did not agree to it.

A person is found by their whole name (every word, in order, in any case, with only spaces,
hyphens or full stops between them: "Anna-Liisa Virtanen", "ANNA-LIISA  VIRTANEN"), by their
e-mail address and by their phone numbers in any common format ("+358 40 123 4567",
"040-1234567"). A name of one word is found only where it is a field's whole value (an
author): in running text it would hit everyone else of that first name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"\w+")
_GAP = re.compile(r"[\s\-.'’]{1,3}")
_DIGIT_GAP = r"[\s\-().]{0,2}"


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


def phone_pattern(number: str) -> str | None:
    """A pattern finding ``number`` (E.164, e.g. ``+358401234567``) written internationally or,
    for Finnish numbers, nationally (``040 123 4567``), with any spacing."""
    digits = re.sub(r"\D", "", number)
    if len(digits) < 6:
        return None
    forms = [r"\+?" + _DIGIT_GAP.join(digits)]
    if digits.startswith("358"):
        forms.append("0" + _DIGIT_GAP + _DIGIT_GAP.join(digits[3:]))
    return r"(?<!\d)(?:" + "|".join(forms) + r")(?!\d)"


class Mentions:
    """The people to find: ``names`` (full names), ``emails`` and ``phones`` (E.164).

    ``owners`` (optional) tells whose each name is (an id), for :meth:`owners_in`.
    """

    def __init__(
        self,
        names: Iterable[str],
        emails: Iterable[str] = (),
        phones: Iterable[str] = (),
        owners: Iterable[str] | None = None,
    ) -> None:
        self._whole: set[tuple[str, ...]] = set()
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self._owner: dict[tuple[str, ...], set[str]] = {}
        owner_list = list(owners) if owners is not None else None
        for index, name in enumerate(names):
            words = _words(name or "")
            if not words:
                continue
            if owner_list is not None:
                self._owner.setdefault(words, set()).add(owner_list[index])
            if words in self._whole:
                continue
            self._whole.add(words)
            if len(words) > 1:
                self._by_first.setdefault(words[0], []).append(words)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)  # the longest name wins
        patterns = [re.escape(e.strip()) for e in emails if e and e.strip()]
        patterns += [p for p in (phone_pattern(n) for n in phones if n) if p]
        self._other = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    def __bool__(self) -> bool:
        return bool(self._whole or self._other)

    def is_whole(self, text: str) -> bool:
        """``text`` is one of the names (a field holding a name and nothing else)."""
        return bool(text) and _words(text) in self._whole

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` names someone: (start, end) pairs, in order, not overlapping."""
        if not text:
            return []
        found: list[tuple[int, int]] = []
        if self._by_first:
            tokens = list(_WORD.finditer(text))
            folded = [token.group().casefold() for token in tokens]
            i = 0
            while i < len(tokens):
                size = self._match_at(text, tokens, folded, i)
                if size:
                    found.append((tokens[i].start(), tokens[i + size - 1].end()))
                    i += size
                else:
                    i += 1
        if self._other is not None:
            found.extend(m.span() for m in self._other.finditer(text))
        return _merge(found)

    def _match_at(self, text: str, tokens: list[re.Match[str]], folded: list[str], i: int) -> int:
        for words in self._by_first.get(folded[i], ()):
            size = len(words)
            if tuple(folded[i : i + size]) != words:
                continue
            gaps = (text[tokens[k].end() : tokens[k + 1].start()] for k in range(i, i + size - 1))
            if all(_GAP.fullmatch(gap) for gap in gaps):
                return size
        return 0

    def owners_in(self, text: str) -> set[str]:
        """The owners (see the class) of the names ``text`` holds."""
        if not text:
            return set()
        found = set(self._owner.get(_words(text), ())) if self.is_whole(text) else set()
        for start, end in self.spans(text):
            found |= self._owner.get(_words(text[start:end]), set())
        return found

    def found_in(self, text: str) -> bool:
        """``text`` names someone."""
        return self.is_whole(text) or bool(self.spans(text))

    def replace(self, text: str, placeholder: str) -> str:
        """``text`` with every mention replaced by ``placeholder`` (a whole-value name too)."""
        if not text:
            return text
        if self.is_whole(text):
            return placeholder
        spans = self.spans(text)
        if not spans:
            return text
        pieces: list[str] = []
        last = 0
        for start, end in spans:
            pieces.append(text[last:start])
            pieces.append(placeholder)
            last = end
        pieces.append(text[last:])
        return "".join(pieces)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
