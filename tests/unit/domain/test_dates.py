"""The one date parser (every form people type, round trip with what is shown) and
``months_before``: the one rule for "not verified in N months", exact to the day."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verkosto_desktop.data.dashboard.health import health_filter, read_health
from verkosto_desktop.data.network import call_targets
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.dates import months_before, parse_date, parse_time
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import set_language

DAYS = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
TODAY = date(2026, 3, 14)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@settings(deadline=None)  # speed is for benchmarks; a busy machine is not a failure
@given(day=DAYS)
def test_what_is_shown_reads_back_as_the_same_day(language: str, day: date) -> None:
    set_language(language)
    try:
        assert parse_date(format_date(day), "day") == day
    finally:
        set_language("fi")


@settings(deadline=None)  # speed is for benchmarks; a busy machine is not a failure
@given(day=DAYS)
def test_every_accepted_form_means_the_same_day(day: date) -> None:
    d, m, y = day.day, day.month, day.year
    forms = [f"{d}.{m}.{y}", f"{d:02}.{m:02}.{y}", f"{d}.{m}.{y}.", f" {d}. {m}. {y} "]
    forms.append(day.isoformat())
    for text in forms:
        assert parse_date(text, "day", today=TODAY) == day, text
    if 2000 <= y <= 2099:
        assert parse_date(f"{d}.{m}.{y % 100:02}", "day") == day
    if y == TODAY.year:
        assert parse_date(f"{d}.{m}.", "day", today=TODAY) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28.11.2026", date(2026, 11, 28)),
        ("28.11.26", date(2026, 11, 28)),
        ("28.11.", date(2026, 11, 28)),  # the year of "today"
        ("1.2.2026", date(2026, 2, 1)),
        ("2026-11-28", date(2026, 11, 28)),
        ("2026-3-4", date(2026, 3, 4)),
        ("28 Nov 2026", date(2026, 11, 28)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_the_forms_people_type(text: str | None, expected: date | None) -> None:
    assert parse_date(text, "day", today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31.2.2026",
        "29.2.2025",
        "2026-13-01",
        "0.1.2026",
        "28.11",
        "28/11/2026",
        "huomenna",
        "28.11.2026x",
        "28.11.202",
        "28 Foo 2026",
        "12.30",
        "2026-11-28T10:00",
    ],
)
def test_what_is_no_date_is_refused_with_a_clear_error(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_date(text, "due_on")
    assert refused.value.field == "due_on"
    assert text.strip() in refused.value.message and "28.11.2026" in refused.value.message


@settings(deadline=None)  # speed is for benchmarks; a busy machine is not a failure
@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_clear_error(text: str) -> None:
    try:
        parsed = parse_date(text, "day", today=TODAY)
    except ValidationError as error:
        assert error.field == "day" and text.strip() in error.message
    else:
        assert parsed is None or isinstance(parsed, date)
        assert (parsed is None) == (not text.strip())


@pytest.mark.parametrize(
    ("text", "hour", "minute"), [("9", 9, 0), ("9.30", 9, 30), ("09:30", 9, 30), ("23.59", 23, 59)]
)
def test_times_of_day(text: str, hour: int, minute: int) -> None:
    parsed = parse_time(text)
    assert parsed is not None and (parsed.hour, parsed.minute) == (hour, minute)


@pytest.mark.parametrize("text", ["24", "9.60", "9.3", "noon", "9:30:00"])
def test_what_is_no_time_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_time(text, "starts_at")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 31), 12, date(2025, 3, 31)),  # was 28.3.2025: three days early
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),  # a leap year's February
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2024, 2, 29), 48, date(2020, 2, 29)),
        (date(2026, 12, 31), 12, date(2025, 12, 31)),
        (date(2026, 12, 31), 1, date(2026, 11, 30)),
        (date(2026, 12, 31), 10, date(2026, 2, 28)),
        (date(2026, 1, 31), 13, date(2024, 12, 31)),
        (date(2026, 11, 28), 0, date(2026, 11, 28)),
    ],
)
def test_the_same_day_or_the_last_of_a_shorter_month(
    day: date, months: int, expected: date
) -> None:
    assert months_before(day, months) == expected


@settings(deadline=None)  # speed is for benchmarks; a busy machine is not a failure
@given(st.dates(min_value=date(1900, 1, 1)), st.integers(min_value=0, max_value=120))
def test_it_is_the_right_month_and_never_later_than_the_day(day: date, months: int) -> None:
    earlier = months_before(day, months)
    assert (earlier.year * 12 + earlier.month) == (day.year * 12 + day.month) - months
    assert earlier <= day
    assert earlier.day == day.day or (
        earlier.day < day.day
        and (earlier.month, earlier.day)
        in {
            (2, 28),
            (2, 29),
            (4, 30),
            (6, 30),
            (9, 30),
            (11, 30),
        }
    )


def test_the_register_filter_the_health_check_and_the_call_round_agree(store: Store) -> None:
    """On 31.3.2026 a contact last verified on 30.3.2025 is more than 12 months old; one
    verified on 31.3.2025 is not. Every place that asks says the same."""
    today = date(2026, 3, 31)
    names = {}
    for name, verified in (("Vanha", date(2025, 3, 30)), ("Tuore", date(2025, 3, 31))):
        actor = actors.create_actor(store, {"name": name, "last_verified_on": verified})
        contacts.add_contact(
            store, actor.id, {"name": f"{name} Henkilö", "last_verified_on": verified}
        )
        names[actor.id] = name
    flt = health_filter("stale_contacts", today, 12)
    assert [names[i] for i in search_actor_ids(store, flt)] == ["Vanha"]
    not_verified = ActorFilter(stale_months=12, today=today)
    assert [names[i] for i in search_actor_ids(store, not_verified)] == ["Vanha"]
    with store.read() as session:
        item = read_health(session, today, 12).item("stale_contacts")
    assert item is not None and item.actors == 1
    called = call_targets.select_targets(store, "stale", on=today)
    assert [t.contact_name for t in called] == ["Vanha Henkilö"]
