"""Erased people stay erased: one-way hashes of an erased person's phone numbers and e-mail
addresses, so that an import can recognise the person without the file keeping who they were.

Only the normalised number (E.164) or address (lower case, no spaces) goes into a hash, never a
name. A hash of a phone number can be found again by trying every possible number, so these
hashes are pseudonymous data, not anonymous: they are kept only to honour the erasure, and
whether that is allowed is the data protection officer's decision (README, "Importing").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from verkosto_desktop.domain.matching import email_key, phone_key

# A fixed prefix keeps these hashes apart from any other use of SHA-256 on the same texts, and
# the same in every file, so that an erasure carried to another file is recognised there too.
_PREFIX = b"verkosto-erased-identifier/1\x00"
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(_PREFIX + f"{kind}:{value}".encode()).hexdigest()


def identifier_hashes(phones: Iterable[str | None], emails: Iterable[str | None]) -> set[str]:
    """The hashes of the phone numbers and e-mail addresses given (in any written form)."""
    hashes: set[str] = set()
    for phone in phones:
        # Stored numbers are E.164 already: parsing them again would only cost time.
        key = phone if phone and _E164.match(phone) else phone_key(phone)
        if key:
            hashes.add(_digest("tel", key))
    for email in emails:
        key = email_key(email)
        if key:
            hashes.add(_digest("email", key))
    return hashes
