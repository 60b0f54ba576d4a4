"""The same search on the regional register as on a laptop: the benchmark's 200 realistic
queries, on one generated register written to both, give the same ids in the same order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from benchmarks.bench_search import realistic_queries
from sqlalchemy import text

from pg_support import PgServer
from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.register.pages import actor_id_page, count_actors, first_page
from verkosto_desktop.data.register.search import ActorFilter, actor_rows, search_actor_ids
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.storage.store import Store

ACTORS = 2_000
Both = tuple[Store, ServerStore, list[str]]


@pytest.fixture(scope="module")
def both(
    tmp_path_factory: pytest.TempPathFactory, pg_server: PgServer, pg_template: str
) -> Iterator[Both]:
    # Written once for the module: the tests only read. The generator is seeded, so both
    # registers hold the same actors under the same ids.
    path = tmp_path_factory.mktemp("parity") / "generated.verkosto"
    with Store.open(path) as laptop:
        write_large_demo(laptop, actors=ACTORS)
    name = pg_server.create_database(template=pg_template)
    server = ServerStore.connect(ServerAddress(pg_server.url_for(name)))
    write_large_demo(server, actors=ACTORS)
    with server.write() as session:
        # The planner's statistics, as a server's autovacuum keeps them: the first pages of
        # common words are then read off the front of the name order (``pages``).
        session.execute(text("ANALYZE"))
    connection = sqlite3.connect(path)
    try:
        queries = realistic_queries(connection)
    finally:
        connection.close()
    laptop = Store.open(path)
    yield laptop, server, queries
    laptop.close()
    server.close()
    pg_server.drop_database(name)


def test_the_200_queries_find_the_same_ids_in_the_same_order(both: Both) -> None:
    laptop, server, queries = both
    assert len(queries) == 200
    found_something = 0
    for query in queries:
        on_laptop = search_actor_ids(laptop, ActorFilter(text=query))
        on_server = search_actor_ids(server, ActorFilter(text=query))
        assert on_server == on_laptop, query
        found_something += bool(on_laptop)
        # The first screenful reads the same on both.
        assert actor_rows(server, on_server[:50]) == actor_rows(laptop, on_laptop[:50]), query
    assert found_something > 150  # the queries really find actors, not only nothing


def test_the_server_pages_the_200_queries_as_the_laptop_lists_them(both: Both) -> None:
    """The register table's first page, its count and the pages after it, read a page at a time
    on the server, are the laptop's list of ids in its order."""
    laptop, server, queries = both
    for number, query in enumerate(queries):
        # Every fourth query upwards: the pages run both ways (and the test stays quick).
        flt = ActorFilter(text=query, descending=number % 4 == 3)
        every = search_actor_ids(laptop, flt)
        page, count = first_page(server, flt, 96)
        assert (page.ids, count) == (every[:96], len(every)), query
        assert (page.more is None) == (len(every) <= 96), query
        if number % 4 == 0:
            ids = list(page.ids)
            while page.more is not None:
                page = actor_id_page(server, flt, page.more, 250)
                ids += page.ids
            assert ids == every, query
            assert count_actors(server, flt) == len(every), query
    every = search_actor_ids(laptop, ActorFilter())
    page, count = first_page(server, ActorFilter(), 96)
    assert (page.ids, count) == (every[:96], len(every))
    assert actor_id_page(server, ActorFilter(), page.more, 2_000).ids == every[96:]


@pytest.mark.parametrize(
    "flt",
    [
        ActorFilter(),
        ActorFilter(text="äijä", sort="area"),
        ActorFilter(text="kerho", sort="kind", descending=True),
        ActorFilter(text="040", sort="contact"),
        ActorFilter(situation="power_outage", phase="response", sort="phone"),
        ActorFilter(category="catering", sort="capabilities", descending=True),
        ActorFilter(text="ylikylä", sort="verified"),
        ActorFilter(health="no_24_7", sort="phases"),
        ActorFilter(text="-- ''"),
        ActorFilter(text="Ääkkösiä ÅÄÖ åäö"),
    ],
)
def test_filters_and_sort_orders_agree_as_well(both: Both, flt: ActorFilter) -> None:
    laptop, server, _queries = both
    assert search_actor_ids(server, flt) == search_actor_ids(laptop, flt)
