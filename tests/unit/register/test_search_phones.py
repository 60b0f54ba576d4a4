"""The phone column finds exactly the numbers the search tokens would: every suffix of three or
more national digits and the international digits, any of which the typed digits begin."""

from __future__ import annotations

import random
import sqlite3

import pytest

from verkosto_desktop.data.register.search_phones import is_digit_phrase, phone_match, phone_text
from verkosto_desktop.data.storage.schema_extras import CREATE_PHONE_INDEX
from verkosto_desktop.domain.phones import search_tokens

# Finnish mobiles and landlines, a trunk zero written after +358, numbers abroad, short ones.
_NUMBERS = [
    "+358401234567",
    "+358504567890",
    "+35891234567",
    "+3589876543",
    "+358400123456",
    "+3580401112223",
    "+46701234567",
    "+4912345678901",
    "+12025550123",
    "+3581234",
    "+35",
    "+358",
]


def _random_numbers(rng: random.Random, count: int) -> list[str]:
    numbers = []
    for _ in range(count):
        kind = rng.randrange(4)
        if kind == 0:
            numbers.append("+35840" + "".join(rng.choice("0123458") for _ in range(7)))
        elif kind == 1:
            numbers.append(
                "+3589" + "".join(rng.choice("03589") for _ in range(rng.randrange(5, 9)))
            )
        elif kind == 2:
            numbers.append("+46" + "".join(rng.choice("0358") for _ in range(rng.randrange(6, 10))))
        else:
            numbers.append(
                "+358" + "".join(rng.choice("0358") for _ in range(rng.randrange(1, 11)))
            )
    return numbers


def _queries(numbers: list[str], rng: random.Random) -> list[str]:
    digits = set()
    for number in numbers:
        for token in search_tokens(number):
            for end in range(1, len(token) + 1):
                digits.add(token[:end])
    digits.update(
        "".join(rng.choice("03584") for _ in range(rng.randrange(1, 9))) for _ in range(300)
    )
    return sorted(digits)


@pytest.fixture
def index() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute(CREATE_PHONE_INDEX)
    return connection


def test_the_phone_column_matches_what_the_search_tokens_match(index: sqlite3.Connection) -> None:
    rng = random.Random(18)
    documents = [[number] for number in _NUMBERS]
    pool = _random_numbers(rng, 120)
    documents += [rng.sample(pool, rng.randrange(1, 4)) for _ in range(80)]
    for doc_id, numbers in enumerate(documents, start=1):
        index.execute(
            "INSERT INTO search_index_phones (rowid, phones) VALUES (?, ?)",
            (doc_id, phone_text(numbers)),
        )
    queries = _queries([n for numbers in documents for n in numbers], rng)
    assert len(queries) > 500
    tokens = [[t for n in numbers for t in search_tokens(n)] for numbers in documents]
    for digits in queries:
        assert is_digit_phrase(digits)
        expected = {
            doc_id
            for doc_id, words in enumerate(tokens, start=1)
            if any(t.startswith(digits) for t in words)
        }
        found = {
            row[0]
            for row in index.execute(
                "SELECT rowid FROM search_index_phones WHERE search_index_phones MATCH ?",
                (phone_match(digits),),
            )
        }
        assert found == expected, digits


def test_only_words_of_digits_are_looked_for_among_the_numbers() -> None:
    assert is_digit_phrase("0401")
    assert not is_digit_phrase("47b")
    assert not is_digit_phrase("12 34")
    assert not is_digit_phrase("")
