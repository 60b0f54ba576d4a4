from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.register.search import ActorFilter, count_live_actors, search_actors
from verkosto_desktop.data.storage.store import Store


def test_small_demo_is_a_realistic_network(demo_store: Store) -> None:
    assert 35 <= count_live_actors(demo_store) <= 45
    with demo_store.read() as session:

        def count(sql: str) -> int:
            return int(session.execute(text(sql)).scalar() or 0)

        assert count("SELECT count(*) FROM contact") >= 45
        assert count("SELECT count(*) FROM capability") >= 60
        assert count("SELECT count(*) FROM survey_answer") > 0
        assert count("SELECT count(*) FROM activity") >= 5
        assert count("SELECT count(*) FROM action_item WHERE incident_id IS NULL") >= 5
        assert count("SELECT count(*) FROM incident WHERE phase = 'closed'") == 1
        active = session.execute(
            text(
                "SELECT i.id FROM incident i JOIN incident_situation s ON s.incident_id = i.id WHERE i.phase != 'closed' AND s.situation_key = 'power_outage'"
            )
        ).all()
        assert len(active) == 1
        assert count("SELECT count(*) FROM incident_log_entry") >= 5
    kinds = {row.kind for row in search_actors(demo_store, ActorFilter())}
    assert {
        "association",
        "readiness_organisation",
        "municipality",
        "parish",
        "company",
        "authority",
    } <= kinds


def test_demo_has_the_deliberate_gap_in_water_distribution_during_recovery(
    demo_store: Store,
) -> None:
    assert search_actors(demo_store, ActorFilter(category="water_supply", phase="recovery")) == []
    assert search_actors(demo_store, ActorFilter(category="water_supply", phase="response")) != []


def _digest(path: Path) -> str:
    with Store.open(path) as store, store.read() as session:
        rows = session.execute(
            text(
                "SELECT a.id, a.name, c.id, c.name, c.mobile FROM actor a JOIN contact c ON c.actor_id = a.id ORDER BY c.id"
            )
        ).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_large_demo_is_deterministic(tmp_path: Path) -> None:
    for name in ("one", "two"):
        with Store.open(tmp_path / f"{name}.verkosto") as store:
            write_large_demo(store, actors=300)
    assert _digest(tmp_path / "one.verkosto") == _digest(tmp_path / "two.verkosto")
    with Store.open(tmp_path / "one.verkosto") as store:
        assert count_live_actors(store) == 300
        with store.read() as session:
            contacts = session.execute(text("SELECT count(*) FROM contact")).scalar()
            capabilities = session.execute(text("SELECT count(*) FROM capability")).scalar()
        assert 2.5 <= contacts / 300 <= 3.5  # type: ignore[operator]
        assert 3.5 <= capabilities / 300 <= 4.5  # type: ignore[operator]
        assert len(search_actors(store, ActorFilter(text="marttayhdistys"))) > 0


def test_large_demo_keeps_its_coverage_and_triggers(tmp_path: Path) -> None:
    """The generator sets the coverage triggers aside while it writes and counts afterwards:
    the kept counts equal those counted from the register, and later edits still keep them."""
    from verkosto_desktop.data.dashboard.coverage import count_coverage
    from verkosto_desktop.data.register import actors

    def kept(store: Store) -> dict[tuple[str, str, str], tuple[int, int]]:
        with store.read() as session:
            rows = session.execute(text("SELECT * FROM coverage_cell WHERE actors > 0"))
            return {(k, s, p): (a, n) for k, s, p, a, n in rows}

    with Store.open(tmp_path / "large.verkosto") as store:
        write_large_demo(store, actors=300)
        with store.read() as session:
            counted = count_coverage(session)
        assert len(counted) > 100 and kept(store) == counted
        with store.read() as session:
            some = session.execute(text("SELECT id FROM actor ORDER BY id LIMIT 3")).scalars()
            ids = list(some)
        for actor_id in ids:
            actors.delete_actor(store, actor_id)
        with store.read() as session:
            counted_after = count_coverage(session)
        assert counted_after != counted and kept(store) == counted_after


def test_large_demo_indexes_what_reading_the_register_back_would(tmp_path: Path) -> None:
    """The generator hands the rows it wrote to the search index instead of reading them back:
    every document equals the one made from the file."""
    from verkosto_desktop.data.register import search_index
    from verkosto_desktop.data.storage.schema_extras import SEARCH_BODY_TABLE

    def documents(store: Store) -> list[tuple[str, str, int, bytes]]:
        # The text each document was indexed with (kept compressed beside the index).
        with store.read() as session:
            return [
                tuple(row)  # type: ignore[misc]
                for row in session.execute(
                    text(
                        f"SELECT d.actor_id, d.name_key, d.doc_id, b.body FROM search_doc d "
                        f"JOIN {SEARCH_BODY_TABLE} b ON b.doc_id = d.doc_id ORDER BY d.doc_id"
                    )
                )
            ]

    with Store.open(tmp_path / "demo.verkosto") as store:
        write_large_demo(store, actors=300)
        written = documents(store)
        with store.write() as session:
            assert search_index.rebuild(session) == 300
        assert len(written) == 300 and documents(store) == written
        found = search_actors(store, ActorFilter(text="puheenjohtaja marttayhdistys"))
        assert found
