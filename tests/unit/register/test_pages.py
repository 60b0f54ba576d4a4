"""The register a page at a time: the pages put together are exactly the search's list, in the
same order, for every filter and order; the count is the list's length; an actor's position is
its index in the list."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.pages import (
    actor_id_page,
    count_actors,
    first_page,
    pages_in_name_order,
    position_of,
)
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store

TODAY = date(2026, 11, 28)
FILTERS = [
    ActorFilter(),
    ActorFilter(descending=True),
    ActorFilter(text="ry"),
    ActorFilter(text="ry", descending=True),
    ActorFilter(text="martat"),
    ActorFilter(text="04"),
    ActorFilter(text="keskusta ensiapu"),
    # Words and digits: the texts' index and the phone index's matches merged, both ways.
    ActorFilter(text="ry 4"),
    ActorFilter(text="ry 4", descending=True),
    ActorFilter(text="04 1", descending=True),
    ActorFilter(kind="association", text="e 0"),
    ActorFilter(text="nobody-at-all"),
    ActorFilter(kind="association"),
    ActorFilter(kind="association", text="ry"),
    ActorFilter(kind="association", text="ry", descending=True),
    ActorFilter(situation="power_outage", phase="response"),
    ActorFilter(category="catering", text="e"),
    ActorFilter(health="no_24_7", today=TODAY),
    ActorFilter(premises=("backup_power",)),
    ActorFilter(sort="area"),
    ActorFilter(sort="capabilities", descending=True, text="e"),
]


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo opened once for the tests that only read it."""
    path = tmp_path_factory.mktemp("pages") / "demo.verkosto"
    shutil.copy(demo_template, path)
    opened = Store.open(path)
    yield opened
    opened.close()


def _name(flt: ActorFilter) -> str:
    default = ActorFilter()
    return ",".join(
        f"{field}={getattr(flt, field)}"
        for field in flt.__dataclass_fields__
        if getattr(flt, field) != getattr(default, field)
    )


def _all_pages(store: Store, flt: ActorFilter, size: int) -> list[str]:
    ids: list[str] = []
    page = actor_id_page(store, flt, None, size)
    ids += page.ids
    while page.more is not None:
        page = actor_id_page(store, flt, page.more, size)
        assert page.ids, "a page with more after it is not empty"
        ids += page.ids
    return ids


@pytest.mark.parametrize("flt", FILTERS, ids=_name)
def test_pages_put_together_are_the_search_in_its_order(demo: Store, flt: ActorFilter) -> None:
    everything = search_actor_ids(demo, flt)
    for size in (1, 3, 7, 1000):
        assert _all_pages(demo, flt, size) == everything
    assert count_actors(demo, flt) == len(everything)


@pytest.mark.parametrize("flt", FILTERS, ids=_name)
def test_an_actors_position_is_its_place_in_the_list(demo: Store, flt: ActorFilter) -> None:
    everything = search_actor_ids(demo, flt)
    for index in {0, len(everything) // 2, len(everything) - 1} if everything else ():
        assert position_of(demo, flt, everything[index]) == index
    others = set(search_actor_ids(demo, ActorFilter())) - set(everything)
    for actor_id in sorted(others)[:2]:
        assert position_of(demo, flt, actor_id) is None


def test_a_page_ends_where_the_list_ends(demo: Store) -> None:
    everything = search_actor_ids(demo, ActorFilter())
    page = actor_id_page(demo, ActorFilter(), None, len(everything))
    assert page.ids == everything and page.more is None
    page = actor_id_page(demo, ActorFilter(), None, len(everything) - 1)
    assert page.more is not None
    assert actor_id_page(demo, ActorFilter(), page.more, 5).ids == everything[-1:]


def test_other_orders_come_whole_in_the_first_page(demo: Store) -> None:
    flt = ActorFilter(sort="phone")
    assert not pages_in_name_order(flt)
    page = actor_id_page(demo, flt, None, 2)
    assert page.ids == search_actor_ids(demo, flt) and page.more is None


def test_a_renamed_actor_moves_to_its_new_place_in_the_pages(demo_store: Store) -> None:
    first = search_actor_ids(demo_store, ActorFilter())[0]
    actors.update_actor(demo_store, first, {"name": "Öö-kerho"})
    ids = _all_pages(demo_store, ActorFilter(), 4)
    assert ids[-1] == first
    assert _all_pages(demo_store, ActorFilter(text="kerho"), 2)[-1] == first


@pytest.mark.parametrize("typed", ["24/7", "24h", "kerho 24/7"])
def test_typing_24_7_pages_the_actors_reachable_around_the_clock(
    demo_store: Store, typed: str
) -> None:
    """The pages read what the search understands: "24/7" asks for the actors reachable around
    the clock, not for phone numbers holding 247."""
    flt = ActorFilter(text=typed)
    every = search_actor_ids(demo_store, flt)
    assert every == search_actor_ids(
        demo_store,
        ActorFilter(text=typed.replace("24/7", "").replace("24h", ""), reachable_24_7=True),
    )
    page, count = first_page(demo_store, flt, 3)
    assert count == count_actors(demo_store, flt) == len(every) > 0
    assert page.ids == every[:3]
    assert position_of(demo_store, flt, every[-1]) == len(every) - 1


def test_pages_count_and_position_agree_with_the_search_on_both_databases(store: Store) -> None:
    # On the regional register (PostgreSQL) the first page is every match; on a file, pages.
    names = ["Öljymäen VPK", "Zeta-kerho", "Ähtärin seurakunta", "Aapiskukon kerho", "Kylä ry"]
    for name in names:
        actors.create_actor(store, {"name": name, "area": "Kylä"})
    for flt in (ActorFilter(), ActorFilter(text="kylä", descending=True), ActorFilter(text="ry")):
        everything = search_actor_ids(store, flt)
        assert everything, flt
        assert _all_pages(store, flt, 2) == everything
        page, count = first_page(store, flt, 2)
        assert page.ids == everything[: len(page.ids)] and count == len(everything)
        assert count_actors(store, flt) == len(everything)
        assert position_of(store, flt, everything[-1]) == len(everything) - 1
