"""When two records are the same: the keys an import compares to find duplicates.

An actor is the same actor when its name is, ignoring case, spacing, punctuation and the legal
form ("Esimerkkilän Martat r.y." is "ESIMERKKILÄN MARTAT ry"). A person is the same person when
the name is (in any order of the words: lists often put the surname first) and a phone number
(in E.164) is too, or when the e-mail address is, ignoring case and stray spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.phones import normalise_phone

_NOT_WORD = re.compile(r"[^\w]+")
# Registered association (ry, r.y., rf, r.f.) and similar endings that lists add or leave out.
_LEGAL_FORMS = {("ry",), ("r", "y"), ("rf",), ("r", "f"), ("ry", "rf"), ("rf", "ry")}


def _words(text: str | None) -> list[str]:
    folded = unicodedata.normalize("NFC", text or "").casefold()
    return [word for word in _NOT_WORD.split(folded.replace("_", " ")) if word]


@lru_cache(maxsize=65536)
def actor_key(name: str | None) -> str:
    """The key under which two actor names are the same actor."""
    words = _words(name)
    for size in (2, 1):
        if len(words) > size and tuple(words[-size:]) in _LEGAL_FORMS:
            words = words[:-size]
            break
    return " ".join(words)


@lru_cache(maxsize=65536)
def person_key(name: str | None) -> str:
    """The key under which two person names are the same person (word order ignored)."""
    return " ".join(sorted(_words(name)))


def email_key(email: str | None) -> str:
    """An e-mail address as compared: no spaces anywhere, lower case."""
    return re.sub(r"\s+", "", email or "").casefold()


def phone_key(text: str | None) -> str | None:
    """A phone number in E.164, or None when the text is empty or not a number."""
    try:
        return normalise_phone(text)
    except ValidationError:
        return None
