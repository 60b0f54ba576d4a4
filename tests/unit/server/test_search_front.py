"""A common word's first page on the regional register is read off the front of the name order
(``data.register.pages``); when the front holds too few of its matches, every match is sorted.
Either way the page, its count and the pages after it are the search's own list."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.pages import actor_id_page, first_page
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store


@pytest.fixture
def register(pg_store: Store) -> Store:
    # Matches of "kerho" stand first in name order, those of "sauna" last, none in between.
    names = [f"Aamu kerho {n:02}" for n in range(10)]
    names += [f"Berg {n:02}" for n in range(40)]
    names += [f"Ylä sauna {n:02}" for n in range(10)]
    for name in names:
        actors.create_actor(pg_store, {"name": name})
    with pg_store.write() as session:
        # The planner's estimate of how many documents there are, as a server's autovacuum
        # keeps it: the page is read off the front only when the estimate says it pays.
        session.execute(text("ANALYZE search_index"))
    return pg_store


@pytest.mark.parametrize("word", ["kerho", "sauna"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_first_page_is_the_start_of_the_list_wherever_the_matches_stand(
    register: Store, word: str, descending: bool
) -> None:
    flt = ActorFilter(text=word, descending=descending)
    every = search_actor_ids(register, flt)
    assert len(every) == 10
    for limit in (1, 3, 9, 10, 11):
        page, count = first_page(register, flt, limit)
        assert (page.ids, count) == (every[:limit], 10), limit
        assert (page.more is None) == (limit >= 10), limit
        if page.more is not None:
            assert actor_id_page(register, flt, page.more, 100).ids == every[limit:]


def test_a_word_nobody_holds_is_an_empty_page(register: Store) -> None:
    page, count = first_page(register, ActorFilter(text="tulkkaus"), 5)
    assert (page.ids, page.more, count) == ([], None, 0)
