"""Phone numbers in the laptop's full-text search: an index of their own, of short digit words.

A search finds a number from any part of it typed (``domain.phones.search_tokens``): the digits
typed must begin one of the number's tokens, every suffix of three or more digits of its
national form or its international digits. Written as those tokens, each number added a dozen
words found in no other document, and each word three more entries in the index's prefix lists
(half the index of a national register). In an index of their own (``PHONE_TABLE``), each number
is written as its national digits three at a time (``0401234567`` → ``040 401 012 … 567``), a
thousand words shared by every document, with a mark in front saying how its international
digits relate to them:

- ``q``: the usual Finnish case, international digits ``358`` and the national ones without
  their trunk zero: typed digits starting with ``358`` are the national digits after the mark;
- ``x``: the international digits are one of the national suffixes already (numbers abroad);
- otherwise the international digits themselves, three at a time, as ``xa…`` then ``xb…`` words.

:func:`phone_match` asks exactly what the tokens were asked: digits of three or more are the
national digits' consecutive triples (a phrase), one or two digits begin a triple; the marks keep
one number's triples apart from the next one's.

Digits typed also find the text's own words that start with them (``Aholantie 47``, ``47b``), so
those words are written here too, each after an ``x``: a search of digits alone reads this index
only (:func:`digit_match`), and a search of words the texts' index only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from verkosto_desktop.data.register.search_terms import words_of
from verkosto_desktop.domain.phones import national_digits

# The marks before a number's triples (see the module's docstring).
FINNISH = "q"
SEPARATOR = "x"
_ABROAD_FIRST = "xa"
_ABROAD_NEXT = "xb"
_FINNISH_PREFIX = "358"


def _triples(digits: str) -> list[str]:
    return [digits[i : i + 3] for i in range(len(digits) - 2)]


def number_terms(e164: str) -> list[str]:
    """The words one number is written into the phone column with."""
    national = national_digits(e164)
    international = re.sub(r"\D", "", e164)
    suffixes = {national[i:] for i in range(len(national) - 2)}
    if international in suffixes:
        mark = [SEPARATOR]
    elif (
        len(national) >= 3
        and national.startswith("0")
        and international == _FINNISH_PREFIX + national[1:]
    ):
        mark = [FINNISH]
    else:
        mark = [_ABROAD_FIRST + international[:3]]
        mark += [_ABROAD_NEXT + triple for triple in _triples(international)[1:]]
    return mark + _triples(national)


def phone_text(numbers: Iterable[str], digit_words: Iterable[str] = ()) -> str:
    """The phone index's text of a document holding these numbers (E.164) and these words
    starting with a digit (:func:`digit_words`)."""
    terms = [term for number in numbers for term in number_terms(number)]
    for word in digit_words:
        terms += [SEPARATOR, word]
    return " ".join(terms)


_DIGIT = re.compile(r"\d")
_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")


def digit_words(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Each text's distinct words (as FTS5 makes them) that start with a digit, in order."""
    # Only the pieces between spaces that hold a digit, each cut into words once (FTS5's words
    # never span a space).
    pieces = {piece for text in texts for piece in text.split() if _DIGIT.search(piece)}
    # FTS5 cuts ASCII at every character other than a letter or digit and folds it to lower
    # case; other pieces are cut by FTS5 itself.
    words = {p: [w.lower() for w in _ASCII_WORD.findall(p)] for p in pieces if p.isascii()}
    others = sorted(p for p in pieces if p not in words)
    for piece, found in zip(others, words_of(others), strict=True):
        words[piece] = [word for word, _offset in found]
    result: list[tuple[str, ...]] = []
    for text in texts:
        digit_led = {
            word
            for piece in text.split()
            if piece in words
            for word in words[piece]
            if _DIGIT.match(word)
        }
        result.append(tuple(sorted(digit_led)))
    return result


def _phrase(terms: list[str], prefix: bool = False) -> str:
    return '"' + " ".join(terms) + '"' + ("*" if prefix else "")


def is_digit_phrase(phrase: str) -> bool:
    """Whether a search phrase may match a phone number's tokens (one word of digits only):
    such a phrase is searched in the phone index alone (:func:`digit_match`)."""
    return bool(phrase) and re.fullmatch(r"\d+", phrase) is not None


def digit_match(digits: str) -> str:
    """An FTS5 expression over the phone index matching the documents with a text word or a
    number's search token that starts with ``digits`` (see :func:`is_digit_phrase`)."""
    return f"{_phrase([digits], prefix=True)} OR {phone_match(digits)}"


def phone_match(digits: str) -> str:
    """An FTS5 expression over the phone column matching the documents one of whose numbers
    has a search token starting with ``digits`` (see :func:`is_digit_phrase`)."""
    alternatives: list[str] = []
    # A national suffix of three or more digits starting with them.
    if len(digits) <= 2:
        alternatives.append(_phrase([digits], prefix=True))
    else:
        alternatives.append(_phrase(_triples(digits)))
    # The international digits starting with them.
    if _FINNISH_PREFIX.startswith(digits):
        alternatives.append(_phrase([FINNISH]))
    elif digits.startswith(_FINNISH_PREFIX):
        national = "0" + digits[3:]
        if len(national) == 2:
            alternatives.append(_phrase([FINNISH, national], prefix=True))
        else:
            alternatives.append(_phrase([FINNISH, *_triples(national)]))
    if len(digits) <= 2:
        alternatives.append(_phrase([_ABROAD_FIRST + digits], prefix=True))
    else:
        rest = [_ABROAD_NEXT + triple for triple in _triples(digits)[1:]]
        alternatives.append(_phrase([_ABROAD_FIRST + digits[:3], *rest]))
    return " OR ".join(alternatives)
