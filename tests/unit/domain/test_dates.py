"""``months_before``: the one rule for "not verified in N months", exact to the day."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verkosto_desktop.data.dashboard.health import health_filter, read_health
from verkosto_desktop.data.network import call_targets
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.dates import months_before


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
