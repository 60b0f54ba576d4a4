"""Premises in the register: the filters (backup power, heating without the mains, water,
kitchen, accessibility, room for N people) hold for one and the same premises, search finds the
words of premises, ``find --facility`` lists the same actors, and the premises rows (the card's
and the dashboard's) are exactly those the filter counts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from verkosto_desktop.cli import main
from verkosto_desktop.data.dashboard.premises import premises_by_area
from verkosto_desktop.data.register import actors, contacts, facilities
from verkosto_desktop.data.register.premises import premises_rows
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.premises import PremisesFeature


@pytest.fixture
def halls(store: Store) -> dict[str, str]:
    """Four actors: one hall with power and heat for 120; the scouts' hut with wood heat but
    no power; a club with two premises that have power and heat only between them; a choir
    with no premises."""
    ids: dict[str, str] = {}

    def actor(name: str, area: str) -> str:
        ids[name] = actors.create_actor(store, {"name": name, "area": area}).id
        return ids[name]

    village = actor("Kylätalon yhdistys", "Kylä")
    keys = contacts.add_contact(store, village, {"name": "Kalle Avain", "mobile": "050 111 2222"})
    contacts.add_contact(
        store,
        village,
        {"name": "Päivystäjä Pia", "mobile": "040 333 4444", "reachable_24_7": True},
    )
    ids["hall"] = facilities.add_facility(
        store,
        village,
        {
            "name": "Kylätalo",
            "capacity": 120,
            "heating": "puukattila",
            "heating_without_mains": True,
            "backup_power": True,
            "backup_power_kind": "aggregaatti 20 kVA",
            "fuel_hours": 48,
            "water": True,
            "kitchen": True,
            "key_holder_id": keys.id,
        },
    ).id
    scouts = actor("Partiolippukunta Ärjyt", "Kylä")
    ids["hut"] = facilities.add_facility(
        store,
        scouts,
        {"name": "Kolo", "capacity": 25, "heating": "puulämmitys", "heating_without_mains": True},
    ).id
    club = actor("Urheiluseura Öljymäki", "Keskusta")
    ids["gym"] = facilities.add_facility(
        store,
        club,
        {"name": "Sali", "capacity": 300, "heating": "kaukolämpö", "backup_power": True},
    ).id
    ids["sauna"] = facilities.add_facility(
        store, club, {"name": "Saunamökki", "capacity": 10, "heating_without_mains": True}
    ).id
    actor("Kirkkokuoro", "Keskusta")
    return ids


def found(store: Store, **filters: object) -> set[str]:
    return set(search_actor_ids(store, ActorFilter(**filters)))  # type: ignore[arg-type]


def test_filters_hold_for_one_and_the_same_premises(store: Store, halls: dict[str, str]) -> None:
    village, scouts = halls["Kylätalon yhdistys"], halls["Partiolippukunta Ärjyt"]
    club = halls["Urheiluseura Öljymäki"]
    assert found(store, premises=("backup_power",)) == {village, club}
    assert found(store, premises=("heating",)) == {village, scouts, club}
    # The club's power and its heat are in different buildings: not a warm hall with power.
    assert found(store, premises=("backup_power", "heating")) == {village}
    assert found(store, premises=("water", "kitchen")) == {village}
    assert found(store, premises=("accessible",)) == set()
    assert found(store, min_capacity=100) == {village, club}
    assert found(store, premises=("heating",), min_capacity=100) == {village}
    assert found(store, premises=("heating",), area="Kylä") == {village, scouts}


def test_a_premises_in_the_trash_no_longer_counts(store: Store, halls: dict[str, str]) -> None:
    facilities.delete_facility(store, halls["hall"])
    assert halls["Kylätalon yhdistys"] not in found(store, premises=("backup_power",))
    facilities.restore_facility(store, halls["hall"])
    assert halls["Kylätalon yhdistys"] in found(store, premises=("backup_power",))


def test_search_finds_the_words_of_premises(store: Store, halls: dict[str, str]) -> None:
    assert found(store, text="kaukolämpö") == {halls["Urheiluseura Öljymäki"]}
    assert found(store, text="aggregaatti") == {halls["Kylätalon yhdistys"]}
    assert found(store, text="puu") == {
        halls["Kylätalon yhdistys"],
        halls["Partiolippukunta Ärjyt"],
    }
    facilities.update_facility(store, halls["gym"], {"heating": "maalämpö"})
    assert found(store, text="kaukolämpö") == set()


@pytest.mark.parametrize(
    "flt",
    [
        ActorFilter(),
        ActorFilter(premises=("backup_power",)),
        ActorFilter(premises=("heating",)),
        ActorFilter(premises=("backup_power", "heating")),
        ActorFilter(min_capacity=100),
        ActorFilter(premises=("heating",), area="Kylä"),
        ActorFilter(text="öljymäki", premises=("heating",)),
    ],
)
def test_premises_rows_are_exactly_what_the_filter_counts(
    store: Store, halls: dict[str, str], flt: ActorFilter
) -> None:
    rows = premises_rows(store, flt)
    counted = set(search_actor_ids(store, flt))
    if flt.narrows_premises:
        # Every actor the register counts has a premises on the card, and no other actor does.
        assert {row.actor_id for row in rows} == counted
    else:
        assert {row.actor_id for row in rows} <= counted
    features = [PremisesFeature(key) for key in flt.premises]
    for row in rows:
        assert all(getattr(row, feature.column) for feature in features)
        assert flt.min_capacity is None or (row.capacity or 0) >= flt.min_capacity


def test_rows_are_by_area_with_backup_power_first_and_name_whom_to_call(
    store: Store, halls: dict[str, str]
) -> None:
    rows = premises_rows(store)
    assert [(r.area, r.name) for r in rows] == [
        ("Keskusta", "Sali"),
        ("Keskusta", "Saunamökki"),
        ("Kylä", "Kylätalo"),
        ("Kylä", "Kolo"),
    ]
    hall = rows[2]
    assert hall.key_holder is not None and hall.key_holder.name == "Kalle Avain"
    assert hall.key_holder.phone == "+358501112222" and not hall.key_holder.reachable_24_7
    # The key holder does not answer at night: the actor's 24/7 contact is named too.
    assert hall.on_call is not None and hall.on_call.name == "Päivystäjä Pia"
    assert (hall.backup_power_kind, hall.fuel_hours) == ("aggregaatti 20 kVA", 48)
    assert rows[3].key_holder is None and rows[3].on_call is None


def test_areas_count_premises_with_power_and_heat(store: Store, halls: dict[str, str]) -> None:
    actors.create_actor(store, {"name": "Saaren kyläyhdistys", "area": "Saari"})
    counts = {a.area: (a.premises, a.backup_power, a.heating) for a in premises_by_area(store)}
    assert counts == {"Keskusta": (2, 1, 1), "Kylä": (2, 1, 2), "Saari": (0, 0, 0)}
    for area, (_all, power, heat) in counts.items():
        flt = ActorFilter(area=area)
        assert power == len(premises_rows(store, replace(flt, premises=("backup_power",))))
        assert heat == len(premises_rows(store, replace(flt, premises=("heating",))))


def test_find_facility_lists_the_actors_with_such_premises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tilat.verkosto"
    with Store.open(path) as store:
        ids = {
            name: actors.create_actor(store, {"name": name}).id
            for name in ("Kylätalo ry", "Kerho ry", "Kuoro ry")
        }
        facilities.add_facility(
            store,
            ids["Kylätalo ry"],
            {"name": "Talo", "backup_power": True, "heating_without_mains": True, "capacity": 90},
        )
        facilities.add_facility(store, ids["Kerho ry"], {"name": "Kerhohuone", "kitchen": True})

    def listed(*options: str) -> list[str]:
        code = main(["find", "--database", str(path), "--format", "json", *options])
        assert code == 0
        return [row["name"] for row in json.loads(capsys.readouterr().out)]

    assert listed("--facility", "backup_power") == ["Kylätalo ry"]
    assert listed("--facility", "heating") == ["Kylätalo ry"]
    assert listed("--facility", "kitchen") == ["Kerho ry"]
    assert listed("--facility", "water") == []
    assert listed("--facility", "kitchen", "--facility", "backup_power") == []
    assert listed("--capacity", "50") == ["Kylätalo ry"]
    with pytest.raises(SystemExit) as exit_code:
        main(["find", "--database", str(path), "--facility", "sauna"])
    assert exit_code.value.code == 2


def test_the_dashboards_premises_follow_edits_as_a_fresh_read(
    store: Store, halls: dict[str, str]
) -> None:
    """The tally keeps running sums per area; after each kind of edit they equal a read of
    everything from scratch (an area emptied of actors disappears)."""
    from verkosto_desktop.data.dashboard.readiness import ReadinessTracker
    from verkosto_desktop.data.storage.store import Change

    tracker = ReadinessTracker(store)
    tracker.refresh()
    heard: list[Change] = []
    store.subscribe(heard.extend)

    def same() -> tuple[tuple[str, int, int, int], ...]:
        kept = tracker.refresh(tuple(heard)).premises
        heard.clear()
        assert kept == ReadinessTracker(store).refresh().premises
        return tuple((a.area, a.premises, a.backup_power, a.heating) for a in kept)

    saari = actors.create_actor(store, {"name": "Saaren kyläyhdistys", "area": "Saari"}).id
    assert ("Saari", 0, 0, 0) in same()
    facilities.add_facility(store, saari, {"name": "Saaren koulu", "backup_power": True})
    assert ("Saari", 1, 1, 0) in same()
    actors.update_actor(store, halls["Kirkkokuoro"], {"area": "Saari"})
    facilities.delete_facility(store, halls["gym"])
    assert ("Keskusta", 1, 0, 1) in same()
    actors.delete_actor(store, saari)
    actors.delete_actor(store, halls["Kirkkokuoro"])
    assert "Saari" not in {row[0] for row in same()}
