"""Coverage counts: a hand-built register with known answers, the demo against the search, and
the incremental tally against a fresh read after every kind of edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.dashboard.coverage import (
    PHASE_KEYS,
    Coverage,
    CoverageGrid,
    read_coverage,
)
from verkosto_desktop.data.dashboard.readiness import ReadinessTracker, changed_actors
from verkosto_desktop.data.register import actors, capabilities
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids, search_actors
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store


def _cap(store: Store, actor_id: str, category: str, phases: list[str], situations: list[str]):
    return capabilities.add_capability(
        store,
        actor_id,
        {"category_key": category, "phases": phases, "situations": situations},
    )


@pytest.fixture
def register(store: Store) -> dict[str, str]:
    """Six actors whose coverage is worked out by hand in the tests below."""
    ids: dict[str, str] = {}
    ids["martat"] = actors.create_actor(store, {"name": "Martat"}).id
    _cap(store, ids["martat"], "catering", ["response", "recovery"], ["power_outage", "storm"])
    _cap(store, ids["martat"], "catering", ["response"], ["power_outage"])
    ids["vpk"] = actors.create_actor(store, {"name": "VPK"}).id
    _cap(store, ids["vpk"], "power_supply", ["response"], ["power_outage"])
    ids["parish"] = actors.create_actor(store, {"name": "Seurakunta"}).id
    _cap(store, ids["parish"], "psychosocial_support", ["recovery"], ["storm"])
    trashed = _cap(store, ids["parish"], "first_aid", ["response"], ["accident"])
    capabilities.delete_capability(store, trashed.id)
    ids["school"] = actors.create_actor(store, {"name": "Koulu"}).id
    ids["gone"] = actors.create_actor(store, {"name": "Lopettanut yhdistys"}).id
    _cap(store, ids["gone"], "premises", ["response"], ["accident"])
    actors.delete_actor(store, ids["gone"])
    # Response in a storm and preparedness for power outages — but never both in one capability,
    # so neither "storm in preparedness" nor "power outage in response" counts this actor.
    ids["mixed"] = actors.create_actor(store, {"name": "Kyläyhdistys"}).id
    _cap(store, ids["mixed"], "transport", ["response"], ["storm"])
    _cap(store, ids["mixed"], "premises", ["preparedness"], ["power_outage"])
    return ids


def _cell(grid: CoverageGrid, row: str, column: str) -> tuple[int, int]:
    r = [entry.key for entry in grid.rows].index(row)
    c = list(grid.columns).index(column)
    cell = grid.cell(r, c)
    return cell.actors, cell.capabilities


def _coverage(store: Store) -> Coverage:
    with store.read() as session:
        return read_coverage(session)


def test_hand_built_register_situation_by_phase(store: Store, register: dict[str, str]) -> None:
    grid = _coverage(store).by_phase
    assert [e.key for e in grid.rows] == [e.key for e in catalogues.situation_types(store)]
    assert grid.columns == PHASE_KEYS
    assert _cell(grid, "power_outage", "response") == (2, 3)  # Martat twice, VPK once
    assert _cell(grid, "power_outage", "recovery") == (1, 1)
    assert _cell(grid, "power_outage", "preparedness") == (1, 1)
    assert _cell(grid, "storm", "response") == (2, 2)
    assert _cell(grid, "storm", "recovery") == (2, 2)
    assert _cell(grid, "storm", "preparedness") == (0, 0)
    # Only a trashed capability and a trashed actor cover accidents.
    assert [_cell(grid, "accident", p) for p in PHASE_KEYS] == [(0, 0)] * 3
    gaps = {(grid.rows[r].key, grid.columns[c]) for r, c in grid.gaps()}
    assert ("storm", "preparedness") in gaps and ("power_outage", "response") not in gaps


def test_hand_built_register_category_by_situation(store: Store, register: dict) -> None:
    coverage = _coverage(store)
    response = coverage.category_grid("response")
    assert response.phase == "response"
    assert _cell(response, "catering", "power_outage") == (1, 2)
    assert _cell(response, "power_supply", "power_outage") == (1, 1)
    assert _cell(response, "transport", "storm") == (1, 1)
    assert _cell(response, "first_aid", "accident") == (0, 0)
    recovery = coverage.category_grid("recovery")
    assert _cell(recovery, "psychosocial_support", "storm") == (1, 1)
    assert _cell(recovery, "catering", "storm") == (1, 1)
    assert _cell(recovery, "power_supply", "power_outage") == (0, 0)


def test_a_cell_filter_lists_exactly_the_counted_actors(store: Store, register: dict) -> None:
    coverage = _coverage(store)
    grid = coverage.by_phase
    r = [e.key for e in grid.rows].index("power_outage")
    flt = grid.filter_for(r, PHASE_KEYS.index("response"))
    assert flt == ActorFilter(situation="power_outage", phase="response", sort="24_7")
    assert set(search_actor_ids(store, flt)) == {register["martat"], register["vpk"]}
    gap = grid.filter_for([e.key for e in grid.rows].index("storm"), 0)
    assert search_actors(store, gap) == []
    category = coverage.category_grid("recovery")
    flt = category.filter_for(
        [e.key for e in category.rows].index("catering"), category.columns.index("storm")
    )
    assert flt == ActorFilter(category="catering", situation="storm", phase="recovery", sort="24_7")
    assert search_actor_ids(store, flt) == [register["martat"]]


def _assert_grid_matches_search(store: Store, grid: CoverageGrid) -> int:
    checked = 0
    for r in range(len(grid.rows)):
        for c in range(len(grid.columns)):
            found = search_actors(store, grid.filter_for(r, c))
            assert grid.cell(r, c).actors == len(found), (grid.rows[r].key, grid.columns[c])
            checked += 1
    return checked


def test_every_cell_of_the_demo_agrees_with_the_search(demo_store: Store) -> None:
    coverage = _coverage(demo_store)
    checked = _assert_grid_matches_search(demo_store, coverage.by_phase)
    for phase in PHASE_KEYS:
        checked += _assert_grid_matches_search(demo_store, coverage.category_grid(phase))
    situations = len(catalogues.situation_types(demo_store))
    categories = len(catalogues.capability_categories(demo_store))
    assert checked == situations * 3 + 3 * categories * situations
    # The demo's deliberate gap: nobody distributes water during recovery.
    recovery = coverage.category_grid("recovery")
    water = [e.key for e in recovery.rows].index("water_supply")
    assert all(cell.is_gap for cell in recovery.cells[water])


def test_every_cell_of_the_demo_agrees_with_find(demo_path: Path, capsys) -> None:
    """The command line a script would use: ``verkosto find --situation KEY --phase KEY``."""
    from verkosto_desktop.cli import main

    with Store.open(demo_path) as opened:
        grid = _coverage(opened).by_phase
    for r, entry in enumerate(grid.rows):
        for c, phase in enumerate(grid.columns):
            code = main(
                ["find", "--database", str(demo_path), "--situation", entry.key, "--phase", phase]
            )
            lines = [line for line in capsys.readouterr().out.splitlines() if line]
            assert code == 0
            assert len(lines) == grid.cell(r, c).actors, (entry.key, phase)


def test_user_added_situation_types_get_a_row(store: Store, register: dict) -> None:
    entry = catalogues.add_entry(store, "situation", "Hätämajoitus")
    _cap(store, register["parish"], "premises", ["response"], [entry.key])
    grid = _coverage(store).by_phase
    assert grid.rows[-1].name_fi == "Hätämajoitus"
    assert _cell(grid, entry.key, "response") == (1, 1)


def _fresh(store: Store):  # type: ignore[no-untyped-def]
    return ReadinessTracker(store).refresh()


def test_incremental_refresh_equals_a_fresh_read_after_edits(
    store: Store, register: dict[str, str]
) -> None:
    tracker = ReadinessTracker(store)
    tracker.refresh()
    reported: list[tuple[Change, ...]] = []
    store.subscribe(reported.append)

    def check() -> None:
        changes = tuple(c for batch in reported for c in batch)
        reported.clear()
        picture = tracker.refresh(changes)
        fresh = _fresh(store)
        assert picture.coverage == fresh.coverage
        assert picture.health == fresh.health

    added = _cap(store, register["school"], "premises", ["preparedness"], ["storm"])
    check()
    capabilities.update_capability(
        store, added.id, {"phases": ["preparedness", "response"], "situations": ["accident"]}
    )
    check()
    capabilities.update_capability(store, added.id, {"category_key": "first_aid"})
    check()
    capabilities.delete_capability(store, added.id)
    check()
    actors.delete_actor(store, register["martat"])
    check()
    actors.restore_actor(store, register["martat"])
    actors.restore_actor(store, register["gone"])
    check()


def test_changed_actors_reads_everything_for_bulk_changes() -> None:
    one = Change(ChangeKind.ACTOR, frozenset({"a"}))
    assert changed_actors([one, Change(ChangeKind.CAPABILITY, frozenset({"c"}))]) == {"a"}
    assert changed_actors([Change(ChangeKind.ACTOR, frozenset({"*"}))]) is None
    assert changed_actors([Change(ChangeKind.CAPABILITY, frozenset({"c"}))]) is None
    many = Change(ChangeKind.ACTOR, frozenset(str(i) for i in range(5000)))
    assert changed_actors([many]) is None
    assert changed_actors([Change(ChangeKind.INCIDENT, frozenset({"i"}))]) == set()
