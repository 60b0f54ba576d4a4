"""Register health counts on a hand-built register, against the register search, with the
configured verification period, and the inactivity check once activities exist."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from verkosto_desktop.data.dashboard.health import RegisterHealth
from verkosto_desktop.data.dashboard.readiness import ReadinessTracker, read_readiness
from verkosto_desktop.data.models import Activity, ActivityAttendance
from verkosto_desktop.data.network import info as network_info
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.register.search import search_actor_ids
from verkosto_desktop.data.storage.store import Store

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


@pytest.fixture
def register(store: Store) -> dict[str, str]:
    ids: dict[str, str] = {}
    a = actors.create_actor(store, {"name": "Aktiivinen yhdistys"}).id
    contacts.add_contact(
        store,
        a,
        {
            "name": "Tuore",
            "mobile": "040 123 4567",
            "reachable_24_7": True,
            "consent_on": date(2026, 1, 5),
            "last_verified_on": date(2026, 4, 1),
        },
    )
    contacts.add_contact(
        store, a, {"name": "Vanha", "landline": "014 123 456", "last_verified_on": date(2025, 1, 1)}
    )
    capabilities.add_capability(
        store, a, {"category_key": "catering", "phases": ["response"], "situations": ["storm"]}
    )
    ids["a"] = a
    b = actors.create_actor(store, {"name": "Hiljainen yhdistys"}).id
    contacts.add_contact(
        store, b, {"name": "Sähköposti", "email": "x@example.fi", "consent_on": date(2026, 2, 1)}
    )
    ids["b"] = b
    c = actors.create_actor(store, {"name": "Kunnan yksikkö", "phone": "014 765 432"}).id
    trashed = contacts.add_contact(store, c, {"name": "Poistettu"})
    contacts.delete_contact(store, trashed.id)
    capabilities.add_capability(
        store, c, {"category_key": "premises", "phases": ["response"], "situations": ["storm"]}
    )
    ids["c"] = c
    d = actors.create_actor(store, {"name": "Roskakorissa"}).id
    contacts.add_contact(store, d, {"name": "Unohtunut"})
    actors.delete_actor(store, d)
    return ids


def _counts(health: RegisterHealth) -> dict[str, tuple[int, int | None]]:
    return {item.key: (item.actors, item.contacts) for item in health.items}


def test_health_counts_on_a_hand_built_register(store: Store, register: dict[str, str]) -> None:
    health = read_readiness(store, NOW).health
    assert health.months == 12 and health.today == NOW.date()
    assert _counts(health) == {
        "stale_contacts": (2, 2),  # a's old contact, b's never verified one
        "all_contacts_stale": (1, None),  # b
        "no_24_7": (2, None),  # b, c (no contacts at all)
        "no_phone": (1, None),  # b: c has the actor's own number
        "no_capability": (1, None),  # b
        "no_consent": (1, 1),  # a's old contact
    }


def test_each_health_item_opens_exactly_the_counted_actors(
    store: Store, register: dict[str, str]
) -> None:
    health = read_readiness(store, NOW).health
    expected = {
        "stale_contacts": {register["a"], register["b"]},
        "all_contacts_stale": {register["b"]},
        "no_24_7": {register["b"], register["c"]},
        "no_phone": {register["b"]},
        "no_capability": {register["b"]},
        "no_consent": {register["a"]},
    }
    for item in health.items:
        assert set(search_actor_ids(store, item.filter)) == expected[item.key], item.key


def test_the_configured_verification_period_is_used(store: Store, register: dict) -> None:
    network_info.update_network_info(store, {"stale_after_months": 6})
    health = read_readiness(store, NOW).health
    assert health.months == 6
    # At six months a's fresher contact (verified in April) is stale too.
    assert _counts(health)["all_contacts_stale"] == (2, None)
    assert _counts(health)["stale_contacts"] == (2, 3)
    for item in health.items:
        assert len(search_actor_ids(store, item.filter)) == item.actors, item.key


def test_inactive_members_appear_once_activities_exist(store: Store, register: dict) -> None:
    assert read_readiness(store, NOW).health.item("inactive_members") is None
    actors.update_actor(store, register["c"], {"membership_status": "candidate"})
    with store.write() as session:
        recent = Activity(kind="meeting", title="Tapaaminen", starts_at=NOW - timedelta(days=40))
        old = Activity(kind="training", title="Kurssi", starts_at=NOW - timedelta(days=800))
        session.add_all([recent, old])
        session.flush()
        session.add_all(
            [
                ActivityAttendance(activity_id=recent.id, actor_id=register["a"]),
                ActivityAttendance(activity_id=old.id, actor_id=register["b"]),
            ]
        )
    item = read_readiness(store, NOW).health.item("inactive_members")
    assert item is not None and item.actors == 1
    assert search_actor_ids(store, item.filter) == [register["b"]]


def test_health_of_the_demo_agrees_with_the_search(demo_store: Store) -> None:
    health = read_readiness(demo_store).health
    assert {item.key for item in health.items} >= {"stale_contacts", "inactive_members"}
    assert any(item.actors for item in health.items)
    for item in health.items:
        assert len(search_actor_ids(demo_store, item.filter)) == item.actors, item.key


def test_a_new_day_reads_the_health_again(store: Store, register: dict) -> None:
    tracker = ReadinessTracker(store)
    before = tracker.refresh(None, NOW).health
    later = tracker.refresh((), NOW + timedelta(days=400)).health
    assert later.today == (NOW + timedelta(days=400)).date()
    assert _counts(later)["all_contacts_stale"][0] > _counts(before)["all_contacts_stale"][0]


@pytest.mark.parametrize("prepared", [True, False], ids=["prepared", "unprepared"])
def test_after_edits_each_kept_count_equals_the_list_its_filter_opens(
    store: Store, register: dict[str, str], prepared: bool
) -> None:
    """The tally re-reads only the actors an edit names; after each edit of a contact, a
    capability or an actor its counts equal a fresh read and the register's own filters. A full
    read counts in SQL alone; what each actor contributes is read by ``prepare`` (as the window
    does after its first picture) or else by the first refresh that names actors."""
    from verkosto_desktop.data.storage.store import Change

    tracker = ReadinessTracker(store)
    first = tracker.refresh(None, NOW).health
    assert not tracker.prepared
    if prepared:
        tracker.prepare()
        assert tracker.prepared
        assert tracker.refresh((), NOW).health == first  # the same counts, read actor by actor
    heard: list[Change] = []
    store.subscribe(heard.extend)

    def agrees() -> dict[str, tuple[int, int | None]]:
        kept = tracker.refresh(tuple(heard), NOW).health
        heard.clear()
        assert tracker.prepared
        assert kept == ReadinessTracker(store).refresh(None, NOW).health
        for item in kept.items:
            assert len(search_actor_ids(store, item.filter)) == item.actors, item.key
        return _counts(kept)

    b_contact = contacts.add_contact(
        store, register["b"], {"name": "Uusi", "mobile": "040 765 4321", "reachable_24_7": True}
    )
    counts = agrees()
    assert counts["no_phone"] == (0, None) and counts["no_24_7"] == (1, None)
    assert counts["no_consent"] == (2, 2)  # b's new contact has not consented
    contacts.update_contact(
        store, b_contact.id, {"consent_on": date(2026, 11, 1), "last_verified_on": NOW.date()}
    )
    assert agrees()["all_contacts_stale"] == (0, None)
    capabilities.add_capability(
        store, register["b"], {"category_key": "transport", "phases": ["response"]}
    )
    assert agrees()["no_capability"] == (0, None)
    lone = actors.create_actor(store, {"name": "Yksinäinen yhdistys"}).id
    counts = agrees()
    assert counts["no_phone"] == (1, None) and counts["no_capability"] == (1, None)
    actors.delete_actor(store, register["a"])
    assert agrees()["no_consent"] == (0, 0)
    actors.restore_actor(store, register["a"])
    actors.delete_actor(store, lone)
    assert agrees()["no_consent"] == (1, 1)
