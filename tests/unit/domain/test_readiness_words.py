"""The readiness picture's words and rules: coverage levels, elapsed time, log times, and
column headings that never cut a word without a hyphen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verkosto_desktop.domain.catalogues import CAPABILITY_CATEGORIES, SITUATION_TYPES
from verkosto_desktop.domain.labels import hyphenate, wrap_label
from verkosto_desktop.domain.readiness import (
    GAP_LEVEL,
    TOP_LEVEL,
    coverage_level,
    elapsed_text,
    gap_text,
    moment_text,
)


def test_coverage_levels_rise_with_the_count() -> None:
    assert coverage_level(0, 30) == GAP_LEVEL
    assert coverage_level(0, 0) == GAP_LEVEL
    assert coverage_level(1, 30) == 1
    assert coverage_level(30, 30) == TOP_LEVEL
    levels = [coverage_level(n, 30) for n in range(1, 31)]
    assert levels == sorted(levels) and set(levels) == {1, 2, 3}


def test_a_gap_says_so_with_a_symbol() -> None:
    assert gap_text() == "⚠ ei ketään"


def test_elapsed_time_in_finnish() -> None:
    assert elapsed_text(45 * 60) == "45 min"
    assert elapsed_text(5 * 3600 + 12 * 60) == "5 h 12 min"
    assert elapsed_text(2 * 86400 + 3 * 3600) == "2 vrk 3 h"
    assert elapsed_text(-5) == "0 min"


def test_log_times_show_the_date_on_another_day() -> None:
    now = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # 12.00 in Helsinki
    assert moment_text(now - timedelta(hours=1), now) == "11.00"
    assert moment_text(now - timedelta(hours=13), now) == "27.11.2026 klo 23.00"


def test_long_compounds_are_hyphenated_at_syllables() -> None:
    assert hyphenate("Tietoliikennekatko", 12) == ["Tietolii-", "kennekatko"]
    assert wrap_label("Muu häiriötilanne", 12) == ["Muu häiriö-", "tilanne"]
    assert wrap_label("Myrsky", 12) == ["Myrsky"]
    assert wrap_label("Haavoittuvien asukkaiden tavoittaminen", 26) == [
        "Haavoittuvien asukkaiden",
        "tavoittaminen",
    ]


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöå ", min_size=1, max_size=60))
def test_wrapping_loses_no_letters(text: str) -> None:
    lines = wrap_label(text, 9)
    joined = "".join(line.replace("-", "") for line in lines).replace(" ", "")
    assert joined == text.replace(" ", "")


@pytest.mark.parametrize("width", [8, 12])  # the printed sheet's headings, the screen's
def test_built_in_names_fit_their_headings(width: int) -> None:
    # Every line of every built-in name fits, in all three languages. Without hyphenation the
    # long compounds ("Tietoliikennekatko", "Psykososiaalinen …") would stick out.
    names = [
        name
        for entry in (*SITUATION_TYPES, *CAPABILITY_CATEGORIES)
        for name in (entry.name_fi, entry.name_sv, entry.name_en)
    ]
    too_long = [
        (name, line) for name in names for line in wrap_label(name, width) if len(line) > width
    ]
    assert too_long == []
    compounds = [name for name in names if any(len(word) > width for word in name.split())]
    assert compounds  # the catalogue has words longer than the heading: the check bites
    for name in compounds:
        lines = wrap_label(name, width)
        assert any(line.endswith("-") for line in lines), (name, lines)
