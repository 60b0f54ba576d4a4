"""Whom to call around the clock: the register's 24/7 filter, "24/7" typed in the search, the
24/7-first order of a dashboard cell's list, and the 24/7 contact's number on each row."""

from __future__ import annotations

import pytest

from verkosto_desktop.data.dashboard.coverage import read_coverage
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.register.search import (
    CALL_FIRST,
    ActorFilter,
    asks_24_7,
    search_actor_ids,
    search_actors,
)
from verkosto_desktop.data.storage.store import Store


@pytest.fixture
def register(store: Store) -> dict[str, str]:
    """Three actors offering help in a power outage; two have someone reachable 24/7."""

    def actor(name: str, people: list[dict[str, object]]) -> str:
        created = actors.create_actor(store, {"name": name, "kind": "association"})
        for person in people:
            contacts.add_contact(store, created.id, person)
        capabilities.add_capability(
            store,
            created.id,
            {"category_key": "catering", "phases": ["response"], "situations": ["power_outage"]},
        )
        return created.id

    return {
        # First in name order, but nobody answers at night.
        "aapinen": actor("Aapisen kerho", [{"name": "Aino", "mobile": "040 111 1111"}]),
        "marttat": actor(
            "Marttayhdistys",
            [
                {"name": "Päivi Päivystäjä", "mobile": "040 222 2222", "is_primary": True},
                {"name": "Yö Yrjänä", "mobile": "050 247 2470", "reachable_24_7": True},
            ],
        ),
        "vpk": actor("VPK", [{"name": "Vilho", "landline": "09 765 4321", "reachable_24_7": True}]),
        "kirjasto": actors.create_actor(store, {"name": "Kirjasto", "kind": "municipality"}).id,
    }


@pytest.mark.parametrize(
    ("typed", "rest", "asked"),
    [
        ("24/7", "", True),
        ("24 / 7", "", True),
        ("marttat 24/7", "marttat", True),
        ("24h VPK", "VPK", True),
        ("24H", "", True),
        ("247", "247", False),
        ("040 247", "040 247", False),
        ("124/72", "124/72", False),
    ],
)
def test_the_search_knows_24_7(typed: str, rest: str, asked: bool) -> None:
    assert asks_24_7(typed) == (rest, asked)


def test_typing_24_7_lists_those_reachable_around_the_clock(
    store: Store, register: dict[str, str]
) -> None:
    assert set(search_actor_ids(store, ActorFilter(text="24/7"))) == {
        register["marttat"],
        register["vpk"],
    }
    # With other words: both must hold.
    assert search_actor_ids(store, ActorFilter(text="martta 24/7")) == [register["marttat"]]
    # The same as the filter (the check box in the filter bar).
    assert search_actor_ids(store, ActorFilter(reachable_24_7=True)) == search_actor_ids(
        store, ActorFilter(text="24/7")
    )
    # Digits 247 are still a phone search.
    assert search_actor_ids(store, ActorFilter(text="050 247")) == [register["marttat"]]


def test_each_row_marks_24_7_and_its_number_is_the_one_that_answers(
    store: Store, register: dict[str, str]
) -> None:
    rows = {row.id: row for row in search_actors(store, ActorFilter())}
    martat = rows[register["marttat"]]
    # The number shown is the person to call (domain.whom_to_call): the night number, not the
    # primary contact's.
    assert martat.has_24_7 and martat.phone == "+358502472470"
    assert rows[register["vpk"]].has_24_7 and rows[register["vpk"]].phone == "+35897654321"
    assert not rows[register["aapinen"]].has_24_7
    assert not rows[register["kirjasto"]].has_24_7 and rows[register["kirjasto"]].phone is None


def test_a_dashboard_cell_lists_those_to_call_first(store: Store, register: dict[str, str]) -> None:
    with store.read() as session:
        grid = read_coverage(session).by_phase
    row = [entry.key for entry in grid.rows].index("power_outage")
    flt = grid.filter_for(row, grid.columns.index("response"))
    assert flt.sort == CALL_FIRST
    found = search_actors(store, flt)
    # Reachable 24/7 first (by name among them), then the rest: the same actors as counted.
    assert [r.name for r in found] == ["Marttayhdistys", "VPK", "Aapisen kerho"]
    assert len(found) == grid.cell(row, grid.columns.index("response")).actors
    # Descending puts those without anyone at night first (the header's second click).
    descending = search_actors(
        store, ActorFilter(situation="power_outage", sort=CALL_FIRST, descending=True)
    )
    assert descending[0].name == "Aapisen kerho"
