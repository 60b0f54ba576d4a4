"""Phone numbers: parsed with ``phonenumbers`` (region FI), stored E.164, shown Finnish style.

Finnish style is the national format with spaces, as people write them: ``040 123 4567``,
``09 123 4567``; numbers outside Finland keep their ``+`` and country code.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _

DEFAULT_REGION = "FI"
_ALLOWED = re.compile(r"^[\d\s()+\-./]+$")
# A Finnish number as the store keeps it (E.164, no trunk zero): its national form is a zero
# before the digits after +358, exactly what phonenumbers answers (a test compares the two).
_FINNISH_E164 = re.compile(r"\+358[1-9]\d{3,13}")


def normalise_phone(text: str | None, field: str = "phone") -> str | None:
    """Parse a typed number into E.164 (``+358401234567``); ``None`` for an empty field.

    Raises ``ValidationError`` with a sentence the user can act on when the text is not a number
    that could be dialled.
    """
    if text is None or not text.strip():
        return None
    cleaned = text.strip()
    if not _ALLOWED.match(cleaned):
        raise ValidationError(
            field,
            _("A phone number may contain only digits, spaces, + and -: {text}").format(
                text=cleaned
            ),
        )
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, DEFAULT_REGION)
    except NumberParseException:
        raise ValidationError(field, _("Not a phone number: {text}").format(text=cleaned)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            field,
            _("{text} is not a valid phone number (check the number of digits)").format(
                text=cleaned
            ),
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str:
    """Show a stored number the Finnish way (``040 123 4567``); foreign numbers keep ``+``."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except NumberParseException:
        return e164
    if number.country_code == 358:
        national = str(number.national_number)
        split = phonenumbers.length_of_national_destination_code(number)
        if national[:3] in ("400", "500") and len(national) == 9:
            split = 3  # written 0400 123 456 / 0500 123 456 by custom
        if split <= 0:
            return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        return f"0{national[:split]} {_group(national[split:])}"
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def _group(subscriber: str) -> str:
    """Group a subscriber number the way Finns write it: 123 4567, 123 456, 1234 5678."""
    sizes = {5: (2, 3), 6: (3, 3), 7: (3, 4), 8: (4, 4), 9: (3, 3, 3), 10: (3, 3, 4)}.get(
        len(subscriber)
    )
    if sizes is None:
        return subscriber
    parts, start = [], 0
    for size in sizes:
        parts.append(subscriber[start : start + size])
        start += size
    return " ".join(parts)


def national_digits(e164: str) -> str:
    """Digits as dialled inside Finland (``0401234567``), or the E.164 digits for abroad."""
    if _FINNISH_E164.fullmatch(e164):
        # What parsing gives, without its cost: indexing a national register parses 300,000
        # numbers (a trunk zero after +358, or digits of other scripts, still go to parsing).
        return "0" + e164[4:]
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except NumberParseException:
        return re.sub(r"\D", "", e164)
    if number.country_code == 358:
        return "0" + str(number.national_number)
    return re.sub(r"\D", "", e164)


def search_tokens(e164: str) -> list[str]:
    """Tokens that let a search find the number from any part typed in any format.

    Every suffix (of three or more digits) of the national form, plus the full international digits,
    so that a prefix search on typed digits finds ``040 123``, ``1234567`` and ``+35840…`` alike.
    """
    national = national_digits(e164)
    tokens = [national[i:] for i in range(len(national) - 2)]
    international = re.sub(r"\D", "", e164)
    if international not in tokens:
        tokens.append(international)
    return tokens
