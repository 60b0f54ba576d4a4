"""Validation of fields that the data layer must never store wrong."""

from __future__ import annotations

import re

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.limits import limit_for
from verkosto_desktop.domain.text_safety import check_text
from verkosto_desktop.i18n import _

# Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is the sender's job.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def clean_text(value: str | None, field: str | None = None) -> str:
    """Trim surrounding whitespace; ``None`` becomes the empty string. With ``field``, the text
    must also keep to that field's limit and characters (``domain.limits``), else
    ``ValidationError`` names the field and the reason."""
    text = (value or "").strip()
    if field is not None and text:
        text = check_text(text, field, limit_for(field))
    return text


def require_text(value: str | None, field: str, label: str) -> str:
    """A text that must not be empty; ``label`` is the field's translated name for the message."""
    text = clean_text(value, field)
    if not text:
        raise ValidationError(field, _("{field} cannot be empty").format(field=label))
    return text


def normalise_email(value: str | None, field: str = "email") -> str | None:
    """A trimmed e-mail address or ``None``; raises ``ValidationError`` when it is not one."""
    text = clean_text(value)
    if not text:
        return None
    text = check_text(text, field, limit_for("email"))
    if not _EMAIL.match(text):
        raise ValidationError(field, _("Not an e-mail address: {text}").format(text=text))
    return text


def non_negative_int(value: int | str | None, field: str, label: str) -> int | None:
    """An optional whole number of zero or more."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            field, _("{field} must be a whole number").format(field=label)
        ) from None
    if number < 0:
        raise ValidationError(field, _("{field} cannot be negative").format(field=label))
    return number
