from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from verkosto_desktop.domain.collation import compare, finnish_sorted, sort_key


def test_finnish_letters_sort_after_z_in_order() -> None:
    words = ["Öljy", "Åke", "Zeta", "Ärrä", "aamu", "Ähtäri", "ankka", "Östanå", "Wolt", "Vaasa"]
    assert finnish_sorted(words, key=lambda w: w) == [
        "aamu",
        "ankka",
        "Vaasa",
        "Wolt",
        "Zeta",
        "Åke",
        "Ähtäri",
        "Ärrä",
        "Öljy",
        "Östanå",
    ]


def test_case_does_not_matter_and_accents_fold() -> None:
    assert sort_key("ÄITI") == sort_key("äiti")
    assert compare("émile", "emile") == 0
    assert compare("Müller", "Myller") == 0  # ü sorts as y


def test_decomposed_letters_sort_like_composed() -> None:
    assert sort_key("a\u0308iti") == sort_key("äiti")
    assert sort_key("o\u0308ljy") == sort_key("öljy")
    assert sort_key("a\u030ake") == sort_key("åke")


def _reference_key(text: str) -> str:
    # The rule spelled out letter by letter, as the key was first written.
    special = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}
    out = []
    for char in unicodedata.normalize("NFC", text).casefold():
        if char in special:
            out.append(special[char])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if base == "a" and "\u030a" in decomposed:
            out.append("{")
        elif base in "ao" and "\u0308" in decomposed:
            out.append("|" if base == "a" else "}")
        else:
            out.append(base)
    return "".join(out)


@given(st.text(max_size=40))
def test_the_key_of_any_text_is_the_letter_by_letter_rule(text: str) -> None:
    assert sort_key(text) == _reference_key(text)
