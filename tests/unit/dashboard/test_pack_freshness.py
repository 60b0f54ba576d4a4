"""How old the paper is: after a print pack, every real edit of what the sheets are made of
counts as one change, the age counts calendar days, and a new pack starts again from zero. The
dashboard's picture carries the same numbers, and the premises per area."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from verkosto_desktop.data.dashboard.premises import premises_by_area
from verkosto_desktop.data.dashboard.readiness import ReadinessTracker, read_readiness
from verkosto_desktop.data.incident.incidents import active_incidents
from verkosto_desktop.data.incident.log import add_entry
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.network import activities
from verkosto_desktop.data.printouts.packs import last_print_pack, pack_freshness
from verkosto_desktop.data.register import actors, capabilities, contacts, facilities
from verkosto_desktop.data.register.premises import premises_rows
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.pack_age import pack_age_text
from verkosto_desktop.printouts.pack import write_pack


def freshness(store: Store, days_later: int = 0) -> tuple[int, int]:
    with store.read() as session:
        found = pack_freshness(session, utcnow() + timedelta(days=days_later))
    assert found is not None
    return found.days, found.changes


def test_no_pack_yet(demo_store: Store) -> None:
    assert last_print_pack(demo_store) is None
    assert read_readiness(demo_store).pack is None
    assert pack_age_text(None) == "Tästä tiedostosta ei ole tehty tulostuspakettia"


def test_the_counter_follows_real_edits(demo_store: Store, tmp_path: Path) -> None:
    result = write_pack(demo_store, tmp_path)
    pack = last_print_pack(demo_store)
    assert pack is not None and pack.folder == str(result.folder)
    assert freshness(demo_store) == (0, 0)

    actor = search_actor_ids(demo_store, ActorFilter(text="seurakunta"))[0]
    actors.update_actor(demo_store, actor, {"basic_activity": "Ruoka-apu ja kerhot"})
    assert freshness(demo_store) == (0, 1)
    person = contacts.add_contact(demo_store, actor, {"name": "Uusi Ihminen"})
    assert freshness(demo_store) == (0, 2)
    contacts.update_contact(demo_store, person.id, {"mobile": "040 555 1234"})
    assert freshness(demo_store) == (0, 3)
    offer = actors.get_actor(demo_store, actor).capabilities[0]
    capabilities.delete_capability(demo_store, offer.id)  # to the trash: a change too
    assert freshness(demo_store) == (0, 4)
    incident = active_incidents(demo_store)[0]
    add_entry(demo_store, incident.id, {"kind": "observation", "text": "Vesi palasi"})
    assert freshness(demo_store) == (0, 5)
    # An edit that changes nothing, and an activity (not on the printed sheets), are no change.
    actors.update_actor(demo_store, actor, {"basic_activity": "Ruoka-apu ja kerhot"})
    activities.create_activity(
        demo_store, {"title": "Kerho", "kind": "club", "starts_at": utcnow() + timedelta(days=3)}
    )
    assert freshness(demo_store) == (0, 5)

    assert freshness(demo_store, days_later=12) == (12, 5)
    assert pack_age_text(12, 40) == "Tulostuspaketti 12 päivää vanha, 40 muutosta sen jälkeen"
    assert pack_age_text(1, 1) == "Tulostuspaketti 1 päivän vanha, 1 muutos sen jälkeen"
    picture = read_readiness(demo_store)
    assert picture.pack is not None and (picture.pack.days, picture.pack.changes) == (0, 5)

    write_pack(demo_store, tmp_path)
    assert freshness(demo_store) == (0, 0)


def test_a_read_only_file_still_prints_its_pack(demo_path: Path, tmp_path: Path) -> None:
    with Store.open(demo_path, readonly=True) as store:
        result = write_pack(store, tmp_path)
        assert not result.remembered and result.folder.is_dir()
        assert last_print_pack(store) is None


def test_premises_per_area_follow_edits_in_the_tracker(demo_store: Store) -> None:
    tracker = ReadinessTracker(demo_store)
    first = {a.area: a for a in tracker.refresh(None).premises}
    assert first == {a.area: a for a in premises_by_area(demo_store)}
    for area, counts in first.items():
        flt = ActorFilter(area=area) if area else None
        if flt is None:
            continue
        assert counts.premises == len(premises_rows(demo_store, flt))
        with_power = premises_rows(demo_store, ActorFilter(area=area, premises=("backup_power",)))
        assert counts.backup_power == len(with_power)
    gap = next(area for area, counts in first.items() if counts.backup_power == 0 and area)
    owner = search_actor_ids(demo_store, ActorFilter(area=gap))[0]
    changes: list[object] = []
    demo_store.subscribe(changes.extend)
    hall = facilities.add_facility(
        demo_store,
        owner,
        {"name": "Uusi sali", "backup_power": True, "heating_without_mains": True},
    )
    later = {a.area: a for a in tracker.refresh(tuple(changes)).premises}  # type: ignore[arg-type]
    assert (later[gap].premises, later[gap].backup_power) == (
        first[gap].premises + 1,
        1,
    )
    assert later[gap].heating == first[gap].heating + 1
    assert {area: later[area] for area in first if area != gap} == {
        area: first[area] for area in first if area != gap
    }
    changes.clear()
    facilities.delete_facility(demo_store, hall.id)
    again = {a.area: a for a in tracker.refresh(tuple(changes)).premises}  # type: ignore[arg-type]
    assert again == first


@pytest.mark.parametrize("days", [0, 1, 2, 30])
def test_age_text_in_swedish_and_english(days: int) -> None:
    from verkosto_desktop.i18n import set_language

    set_language("sv")
    assert "Utskriftspaket" in pack_age_text(days, 3)
    set_language("en")
    assert "Print pack" in pack_age_text(days, 3)
    set_language("fi")
