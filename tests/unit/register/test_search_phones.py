"""The phone column finds exactly the numbers the search tokens would: every suffix of three or
more national digits and the international digits, any of which the typed digits begin."""

from __future__ import annotations

import random
import sqlite3
import zlib

import pytest

from verkosto_desktop.data.register.search_index import pack_document, unpack_document
from verkosto_desktop.data.register.search_phones import (
    digit_words,
    is_digit_phrase,
    phone_match,
    phone_text,
)
from verkosto_desktop.data.register.search_terms import words_of
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


def test_digit_words_are_the_words_fts5_makes_that_start_with_a_digit() -> None:
    texts = [
        "Tie 47b, 00100 Helsinki",
        "12-14 A1 x_1 3€4 5$6 2,5kW",
        "Äijälä 47² ٣٤٥ab",
        "ei numeroita",
    ]
    made = [[word for word, _offset in words] for words in words_of(texts)]
    expected = [tuple(sorted({w for w in words if w[0].isdecimal()})) for words in made]
    assert digit_words(texts) == expected
    assert expected[0] == ("00100", "47b") and expected[3] == ()


# A document packed by revision 0024 (with the preset dictionary): the dictionary may never
# change, or the documents already packed with it could not be taken out of the index.
_PACKED_BY_0024 = bytes.fromhex(
    "0233623084c818181a199b989a9933689b9899c33926e60cde95398797e401933bd0a944255fa083144ccc01"
)


def test_documents_packed_before_unpack_to_the_same_document() -> None:
    document = (
        "Kylän Martat Ensiapu Första hjälpen First aid Tie 47",
        ("+358401234567", "+46701234567"),
        ("47",),
    )
    assert unpack_document(_PACKED_BY_0024) == document
    assert unpack_document(pack_document(document)) == document
    # Without the dictionary (the first layout), too.
    plain = zlib.compressobj(6, zlib.DEFLATED, -12, 5)
    text = "\x00".join(("2", "1", *document[1], *document[2], document[0])).encode("utf-8")
    assert unpack_document(b"\x01" + plain.compress(text) + plain.flush()) == document
    with pytest.raises(ValueError):
        unpack_document(b"\x07" + text)
