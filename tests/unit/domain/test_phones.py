from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.phones import (
    format_phone,
    national_digits,
    normalise_phone,
    search_tokens,
)


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("040 123 4567", "+358401234567", "040 123 4567"),
        ("0401234567", "+358401234567", "040 123 4567"),
        ("+358 40 123 4567", "+358401234567", "040 123 4567"),
        ("00358401234567", "+358401234567", "040 123 4567"),
        ("09 123 4567", "+35891234567", "09 123 4567"),
        ("(09) 123-4567", "+35891234567", "09 123 4567"),
        ("014 455 1200", "+358144551200", "014 455 1200"),
        ("0400 221 334", "+358400221334", "0400 221 334"),
        ("+46 70 123 45 67", "+46701234567", "+46 70 123 45 67"),
    ],
)
def test_typed_numbers_are_stored_e164_and_shown_finnish_style(
    typed: str, stored: str, shown: str
) -> None:
    assert normalise_phone(typed) == stored
    assert format_phone(stored) == shown


@pytest.mark.parametrize("bad", ["123", "040 12", "abc", "040-123-4567-99999", "+0"])
def test_invalid_numbers_are_refused_with_a_message(bad: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_phone(bad, "mobile")
    assert raised.value.field == "mobile"
    assert bad.strip() in raised.value.message


def test_empty_is_no_number() -> None:
    assert normalise_phone("  ") is None
    assert normalise_phone(None) is None


def test_search_tokens_cover_every_suffix_and_international_form() -> None:
    tokens = search_tokens("+358401234567")
    assert "0401234567" in tokens and "1234567" in tokens and "567" in tokens
    assert "358401234567" in tokens


@given(st.from_regex(r"\+358[1-9][0-9]{3,13}", fullmatch=True))
def test_national_digits_of_stored_finnish_numbers_agree_with_phonenumbers(e164: str) -> None:
    number = phonenumbers.parse(e164, "FI")
    assert national_digits(e164) == "0" + str(number.national_number)


def test_national_digits_of_foreign_numbers_keep_the_country_code() -> None:
    assert national_digits("+46701234567") == "46701234567"
    assert national_digits("+358401234567") == "0401234567"


@given(
    st.integers(min_value=1_000_000, max_value=9_999_999), st.sampled_from(["40", "44", "45", "50"])
)
def test_every_format_of_a_mobile_number_normalises_to_the_same_e164(
    subscriber: int, prefix: str
) -> None:
    digits = f"{prefix}{subscriber}"
    expected = f"+358{digits}"
    variants = [
        f"0{digits}",
        f"0{prefix} {str(subscriber)[:3]} {str(subscriber)[3:]}",
        f"+358 {prefix} {subscriber}",
        f"00358{digits}",
        f"0{prefix}-{subscriber}",
    ]
    for variant in variants:
        assert normalise_phone(variant) == expected
    # Shown and parsed again, a number does not change.
    assert normalise_phone(format_phone(expected)) == expected


@given(st.text(max_size=30))
def test_any_text_either_normalises_or_raises_validation_error(text: str) -> None:
    try:
        result = normalise_phone(text)
    except ValidationError:
        return
    assert result is None or result.startswith("+")
