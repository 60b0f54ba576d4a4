"""Values as spreadsheets hold them, read the Finnish way: decimal comma, a space or a no-break
space between thousands (``1 200,50``), ``d.m.yyyy`` dates (see ``domain.dates``), yes written
as ``kyllä``, ``x`` or ``1``, and phone numbers that a spreadsheet stored as numbers (their
leading 0 lost)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from verkosto_desktop.domain import dates
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _

_YES = {"x", "1", "yes", "y", "kyllä", "kylla", "k", "ja", "j", "true", "tosi", "✓", "✔", "on"}
_NO = {"", "0", "no", "n", "ei", "e", "nej", "false", "epätosi", "-", "–", "off"}
_THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3}\b)")
# Google Contacts joins several values of one field with " ::: ".
MULTI_SEPARATOR = " ::: "
_LIST_SPLIT = re.compile(r"\s*(?:[;,|\n]|:::)\s*")


def cell_text(value: Any) -> str:
    """A cell as trimmed text (numbers without a needless ``.0``, dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_yes(value: Any, field: str) -> bool:
    """Yes or no as a list writes it; ``ValidationError`` for anything else."""
    if isinstance(value, bool):
        return value
    text = cell_text(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(
        field, _("Not yes or no: {text} (write e.g. kyllä, x or 1)").format(text=text)
    )


def parse_decimal(value: Any, field: str) -> Decimal | None:
    """A number written the Finnish way (``1 200,50``) or the English way (``1200.50``)."""
    if isinstance(value, bool):
        raise ValidationError(field, _("Not a number: {text}").format(text=value))
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = cell_text(value)
    if not text:
        return None
    cleaned = _THOUSANDS.sub("", text)
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(field, _("Not a number: {text}").format(text=text)) from None
    if not number.is_finite():
        raise ValidationError(field, _("Not a number: {text}").format(text=text))
    return number


def parse_whole_number(value: Any, field: str) -> int | None:
    """A whole number of zero or more (``1 200`` and ``1200,0`` are 1200)."""
    number = parse_decimal(value, field)
    if number is None:
        return None
    if number != number.to_integral_value() or number < 0 or number > 10**9:
        raise ValidationError(
            field, _("Not a whole number of zero or more: {text}").format(text=cell_text(value))
        )
    return int(number)


def parse_day(value: Any, field: str) -> date | None:
    """A date from a cell: a spreadsheet date, ``28.11.2026`` or ``2026-11-28``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return dates.parse_date(cell_text(value), field)


def phone_text(value: Any) -> tuple[str, bool]:
    """A phone number cell as text, and whether it was stored as a number that lost its leading
    0 (``401234567`` → ``0401234567``): the reader is warned about those."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return cell_text(value), False
    digits = cell_text(value)
    if digits.startswith("358") and len(digits) > 9:
        return "+" + digits, True
    return "0" + digits, True


def split_values(text: str) -> list[str]:
    """A cell listing several values (``ensiapu, kuljetus``; Google's ``a ::: b``)."""
    return [part for part in _LIST_SPLIT.split(text.strip()) if part]


def split_multi(text: str) -> list[str]:
    """Google's several values of one field (``a ::: b``), or one value."""
    return [part.strip() for part in text.split(":::") if part.strip()]


def join_name(*parts: str) -> str:
    """A person's name from its parts (first, middle, last), spaces between."""
    return " ".join(part.strip() for part in parts if part and part.strip())
