from __future__ import annotations

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
