"""Text at input (limits and refused characters) and at output (made safe to show)."""

from __future__ import annotations

import pytest

from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain import records
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.incidents import INCIDENT_FIELDS
from verkosto_desktop.domain.limits import FIELD_LIMITS, limit_for
from verkosto_desktop.domain.text_safety import REPLACEMENT, check_text, one_line, printable

WELCOME = [
    "Sámi: Áŋŋeš Đuoddar ŧ ʒ",
    "Åsa Öhman, Vasa",
    "مرحبا بكم",
    "Kahvila ☕ 🚒",
    "e\u0301 combining",
]


@pytest.mark.parametrize("text", WELCOME)
def test_every_script_is_welcome(text: str) -> None:
    assert check_text(text, "name", limit_for("name")) == text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Bell\x07", "U+0007"),
        ("Nul\x00", "U+0000"),
        ("Esc\x1b[31m", "U+001B"),
        ("Del\x7f", "U+007F"),
        ("C1\x9b", "U+009B"),
        ("abc\u202eevil", "U+202E"),
        ("abc\u2066x", "U+2066"),
        ("two\nlines", "U+000A"),
        ("tab\there", "U+0009"),
    ],
)
def test_a_one_line_field_refuses_control_and_direction_characters(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_text(text, "name", limit_for("name"))
    assert caught.value.field == "name"
    assert words in caught.value.message


def test_a_multiline_field_takes_line_breaks_and_tabs_but_not_other_controls() -> None:
    notes = limit_for("notes")
    assert check_text("one\r\ntwo\tthree", "notes", notes) == "one\ntwo\tthree"
    with pytest.raises(ValidationError):
        check_text("one\x0btwo", "notes", notes)
    with pytest.raises(ValidationError):
        check_text("one\u202etwo", "notes", notes)


def test_a_text_longer_than_its_limit_is_refused_with_both_lengths() -> None:
    limit = limit_for("name").length
    assert len(check_text("a" * limit, "name", limit_for("name"))) == limit
    with pytest.raises(ValidationError) as caught:
        check_text("a" * (limit + 1), "name", limit_for("name"))
    assert str(limit + 1) in caught.value.message and str(limit) in caught.value.message


def test_every_text_field_of_every_record_has_a_limit() -> None:
    """Each cleaner that takes text looks its field up in the one table (a KeyError if not)."""
    tables = [
        records.ACTOR_FIELDS,
        records.CONTACT_FIELDS,
        records.FACILITY_FIELDS,
        records.CAPABILITY_FIELDS,
        records.ACTIVITY_FIELDS,
        records.ACTION_ITEM_FIELDS,
        records.FOUNDING_STEP_FIELDS,
        records.NETWORK_FIELDS,
        records.LOG_ENTRY_FIELDS,
        INCIDENT_FIELDS,
    ]
    checked = 0
    for rules in tables:
        for name, cleaner in rules.items():
            try:
                cleaner("x\x07", name)
            except ValidationError as error:
                # Refused for the control character (text) or for not being a value at all.
                checked += "U+0007" in error.message
    assert checked >= 40
    assert all(limit.length > 0 for limit in FIELD_LIMITS.values())


def test_the_data_layer_refuses_at_the_field_and_stores_nothing(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Kylätalo ry"})
    with pytest.raises(ValidationError) as caught:
        contacts.add_contact(store, actor.id, {"name": "Matti\x1b[2J"})
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        actors.update_actor(store, actor.id, {"notes": "x" * 5000})
    assert caught.value.field == "notes"
    assert actors.get_actor(store, actor.id).notes == ""
    assert [c.name for c in actors.get_actor(store, actor.id).contacts] == []


def test_printable_replaces_what_must_not_be_shown_and_keeps_the_rest() -> None:
    assert printable("Ä\x00b\x1b[31m\u202ec") == f"Ä{REPLACEMENT}b{REPLACEMENT}[31m{REPLACEMENT}c"
    assert printable("a\r\nb\tc") == "a\nb c"
    assert one_line("a\nb\u2028c") == "a b c"
    assert printable("Sámi 🚒 مرحبا") == "Sámi 🚒 مرحبا"


def test_printable_cuts_a_long_text_with_an_ellipsis_and_a_note() -> None:
    shown = printable("x" * 500, limit=100)
    assert shown.startswith("x" * 99 + "…")
    assert "500" in shown
