"""Merging change sets between files: field by field, conflicts kept, deletions and erasures."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sharing_support import content, roundtrip, send

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.exchange import conflicts
from verkosto_desktop.data.exchange.changeset import collect
from verkosto_desktop.data.exchange.merge import merge
from verkosto_desktop.data.exchange.site import this_site
from verkosto_desktop.data.register import actors, capabilities, contacts, history, privacy
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_stored


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Store, Store, str]]:
    """Two laptops with copies of one file holding one actor."""
    first = tmp_path / "a.verkosto"
    with Store.open(first) as store:
        actor = actors.create_actor(store, {"name": "Kylätalo ry", "area": "Kylä"})
    shutil.copy(first, tmp_path / "b.verkosto")
    a, b = Store.open(first), Store.open(tmp_path / "b.verkosto")
    yield a, b, actor.id
    a.close()
    b.close()


def test_edits_of_different_fields_merge_without_conflict(pair: tuple[Store, Store, str]) -> None:
    a, b, actor_id = pair
    actors.update_actor(a, actor_id, {"area": "Vaara"})
    actors.update_actor(b, actor_id, {"notes": "Avain naapurissa"})
    send(a, b)
    send(b, a)
    for store in (a, b):
        actor = actors.get_actor(store, actor_id)
        assert (actor.area, actor.notes) == ("Vaara", "Avain naapurissa")
        assert conflicts.count(store) == 0
    assert content(a) == content(b)


def test_concurrent_edits_of_one_field_are_a_conflict_with_the_same_winner_everywhere(
    pair: tuple[Store, Store, str],
) -> None:
    a, b, actor_id = pair
    actors.update_actor(a, actor_id, {"area": "Vaara"})
    actors.update_actor(b, actor_id, {"area": "Harju"})
    send(a, b)
    send(b, a)
    assert content(a) == content(b)
    (row,) = conflicts.open_conflicts(a)
    (other,) = conflicts.open_conflicts(b)
    assert row.field == "area" and {row.shown.value, row.other.value} == {"Vaara", "Harju"}
    assert (other.shown.value, other.other.value) == (row.shown.value, row.other.value)
    # A person chooses the losing value; the choice travels and settles it on the other side.
    conflicts.resolve(a, row.id, "other")
    assert actors.get_actor(a, actor_id).area == row.other.value
    send(a, b)
    assert conflicts.count(a) == conflicts.count(b) == 0
    assert actors.get_actor(b, actor_id).area == row.other.value
    assert content(a) == content(b)


def test_importing_twice_and_a_to_b_to_a_change_nothing(pair: tuple[Store, Store, str]) -> None:
    a, b, actor_id = pair
    actors.update_actor(a, actor_id, {"area": "Vaara"})
    change_set = collect(a, full=True)
    first = merge(b, change_set)
    assert first.changed == 1
    again = merge(b, change_set)
    assert (again.changes, again.new, again.changed, again.conflicts) == (0, 0, 0, 0)
    before = content(a)
    back = send(b, a)
    assert (back.new, back.changed, back.deleted, back.conflicts) == (0, 0, 0, 0)
    assert content(a) == before


def test_an_edit_against_a_deletion_is_a_conflict_not_a_resurrection(
    pair: tuple[Store, Store, str],
) -> None:
    a, b, actor_id = pair
    actors.delete_actor(a, actor_id)
    actors.update_actor(b, actor_id, {"notes": "Uusi puhelin"})
    send(a, b)
    send(b, a)
    for store in (a, b):
        assert actors.get_actor(store, actor_id, include_deleted=True).deleted_at is not None
        (row,) = conflicts.open_conflicts(store)
        assert row.kind == "deleted" and row.field == "notes"
    assert content(a) == content(b)
    # Bringing it back is a change that travels.
    (row,) = conflicts.open_conflicts(b)
    conflicts.resolve(b, row.id, "other")
    send(b, a)
    assert actors.get_actor(a, actor_id).notes == "Uusi puhelin"
    assert conflicts.count(a) == 0


def test_keeping_a_deletion_settles_the_conflict_on_both_sides(
    pair: tuple[Store, Store, str],
) -> None:
    a, b, actor_id = pair
    actors.delete_actor(a, actor_id)
    actors.update_actor(b, actor_id, {"notes": "Uusi puhelin"})
    send(a, b)
    (row,) = conflicts.open_conflicts(b)
    conflicts.resolve(b, row.id, "shown")  # it stays in the trash
    send(b, a)
    for store in (a, b):
        assert actors.get_actor(store, actor_id, include_deleted=True).deleted_at is not None
        assert conflicts.count(store) == 0
    assert content(a) == content(b)


def test_new_records_travel_with_their_links_and_history_says_where_from(
    pair: tuple[Store, Store, str],
) -> None:
    a, b, actor_id = pair
    person = contacts.add_contact(a, actor_id, {"name": "Aino Laine", "mobile": "040 123 4567"})
    capability = capabilities.add_capability(
        a,
        actor_id,
        {
            "category_key": "catering",
            "phases": ["response"],
            "situations": ["storm"],
            "contact_id": person.id,
        },
    )
    actors.update_actor(a, actor_id, {"area": "Vaara"})
    summary = send(a, b)
    assert summary.new == 2 and summary.changed == 1
    got = next(c for c in actors.get_actor(b, actor_id).capabilities if c.id == capability.id)
    assert (got.phases, got.situations, got.contact_id) == (("response",), ("storm",), person.id)
    assert search_actor_ids(b, ActorFilter(text="aino")) == [actor_id]
    (current, previous) = history.versions(b, "actor", actor_id)[:2]
    assert current.saved_by.startswith("\u21c4") and previous.data["area"] == "Kylä"
    assert content(a) == content(b)


def test_an_erasure_wins_and_an_old_bundle_cannot_bring_the_person_back(
    pair: tuple[Store, Store, str],
) -> None:
    a, b, actor_id = pair
    person = contacts.add_contact(a, actor_id, {"name": "Qqvar Zyxwe"})
    stale = collect(a, full=True)  # a bundle from before the erasure, kept on a stick
    send(a, b)
    contacts.update_contact(b, person.id, {"role": "sihteeri"})  # a later edit elsewhere
    privacy.erase_person(a, person.id)
    send(a, b)
    send(b, a)
    merge(b, stale)
    for store in (a, b):
        assert search_actor_ids(store, ActorFilter(text="qqvar")) == []
        with pytest.raises(NotFound):
            contacts.get_contact(store, person.id)
    assert content(a) == content(b)
    assert this_site(a).uuid != this_site(b).uuid


def test_a_bundle_carried_to_the_wrong_laptop_leaves_no_hole(tmp_path: Path) -> None:
    first = tmp_path / "a.verkosto"
    with Store.open(first) as store:
        actor_id = actors.create_actor(store, {"name": "Kylätalo ry"}).id
    for name in ("b", "c"):
        shutil.copy(first, tmp_path / f"{name}.verkosto")
    with (
        Store.open(first) as a,
        Store.open(tmp_path / "b.verkosto") as b,
        Store.open(tmp_path / "c.verkosto") as c,
    ):
        actors.update_actor(a, actor_id, {"area": "Vaara"})
        send(a, b)
        send(b, a)  # A now knows that B holds its first edit
        actors.update_actor(a, actor_id, {"notes": "Toinen muutos"})
        for_b = collect(a, peer=this_site(b).uuid)
        assert not for_b.full
        merge(c, for_b)  # carried to C, which never had the first edit
        send(c, a)  # C tells A what it holds
        send(a, c)
        got = actors.get_actor(c, actor_id)
        assert (got.area, got.notes) == ("Vaara", "Toinen muutos")
        assert content(c) == content(a)


def test_copies_that_differed_before_sharing_agree_on_one_value_and_show_the_conflict(
    tmp_path: Path,
) -> None:
    import sqlite3

    origin = tmp_path / "o.verkosto"
    with Store.open(origin) as store:
        actor_id = actors.create_actor(store, {"name": "Kylätalo ry", "area": "Kylä"}).id
    names = ("a", "b", "c")
    for name in names:
        shutil.copy(origin, tmp_path / f"{name}.verkosto")
    # A was edited by a Verkosto from before sharing: no change was logged.
    connection = sqlite3.connect(tmp_path / "a.verkosto")
    connection.execute("UPDATE actor SET area = 'Vaara' WHERE id = ?", (id_stored(actor_id),))
    connection.commit()
    connection.close()
    stores = [Store.open(tmp_path / f"{name}.verkosto") for name in names]
    try:
        for _round in range(2):
            for sender in stores:
                for receiver in stores:
                    if sender is not receiver:
                        send(sender, receiver)
        views = [
            sorted((r.field, r.shown.value, r.other.value) for r in conflicts.open_conflicts(s))
            for s in stores
        ]
        assert views[0] == views[1] == views[2]
        assert views[0] and views[0][0][0] == "area"
        areas = {actors.get_actor(s, actor_id).area for s in stores}
        assert len(areas) == 1
        assert content(stores[0]) == content(stores[1]) == content(stores[2])
    finally:
        for store in stores:
            store.close()


def test_an_erased_persons_identifier_hashes_travel_to_laptops_that_never_had_them(
    pair: tuple[Store, Store, str],
) -> None:
    from verkosto_desktop.data.exchange.erased import known_hashes
    from verkosto_desktop.domain.erased import identifier_hashes

    a, b, actor_id = pair
    person = contacts.add_contact(a, actor_id, {"name": "Qqvar Zyxwe", "mobile": "040 765 4321"})
    privacy.erase_person(a, person.id)
    send(a, b)  # B never had the person
    hashes = identifier_hashes(["+358407654321"], [])
    with b.read() as session:
        assert known_hashes(session, hashes) == hashes


def test_two_laptops_making_different_contacts_primary_keep_one_the_same_everywhere(
    pair: tuple[Store, Store, str],
) -> None:
    a, b, actor_id = pair
    first = contacts.add_contact(a, actor_id, {"name": "Aino", "is_primary": True})
    send(a, b)
    # Each laptop makes another contact primary (each steps Aino down on its own).
    made_on_a = contacts.add_contact(a, actor_id, {"name": "Bertta", "is_primary": True})
    made_on_b = contacts.add_contact(b, actor_id, {"name": "Cecilia", "is_primary": True})
    send(a, b)  # Bertta arrives at b, which holds Cecilia as primary
    send(b, a)  # Cecilia and b's step-down arrive at a
    send(a, b)  # a's step-down (the same value) reaches b
    for store in (a, b):
        primary = [c.name for c in actors.get_actor(store, actor_id).contacts if c.is_primary]
        assert len(primary) == 1, primary
        assert conflicts.count(store) == 0
    # The last made primary wins (b's contact was sealed into the log after a's).
    kept = {c.id for c in actors.get_actor(a, actor_id).contacts if c.is_primary}
    assert kept == {c.id for c in actors.get_actor(b, actor_id).contacts if c.is_primary}
    assert kept == {made_on_b.id}
    assert not contacts.get_contact(a, first.id).is_primary
    assert not contacts.get_contact(b, made_on_a.id).is_primary
    assert content(a) == content(b)
    # The step-down is kept in the contact's history like any edit.
    assert len(history.versions(b, "contact", made_on_a.id)) >= 1


def test_primaries_shared_at_the_same_time_settle_on_the_same_contact(
    pair: tuple[Store, Store, str],
) -> None:
    a, b, actor_id = pair
    contacts.add_contact(a, actor_id, {"name": "Aino", "is_primary": True})
    send(a, b)
    contacts.add_contact(a, actor_id, {"name": "Bertta", "is_primary": True})
    contacts.add_contact(b, actor_id, {"name": "Cecilia", "is_primary": True})
    # Both bundles are made (and their records stamped) before either is merged.
    from_a = collect(a, peer=this_site(b).uuid)
    from_b = collect(b, peer=this_site(a).uuid)
    merge(b, roundtrip(from_a))
    merge(a, roundtrip(from_b))
    kept = [
        {c.name for c in actors.get_actor(store, actor_id).contacts if c.is_primary}
        for store in (a, b)
    ]
    assert kept[0] == kept[1] and len(kept[0]) == 1  # each decided alone, the same way
    send(a, b)
    send(b, a)
    assert content(a) == content(b)
    assert conflicts.count(a) == conflicts.count(b) == 0
