from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import bindparam, text

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.models.types import RecordId
from verkosto_desktop.data.register import actors, capabilities, contacts, facilities, history
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import ValidationError


def test_actor_create_update_keeps_history_and_revision(store: Store) -> None:
    actor = actors.create_actor(
        store, {"name": "Kyläyhdistys", "kind": "association", "area": "Ylikylä"}
    )
    assert actor.revision == 1
    updated = actors.update_actor(store, actor.id, {"area": "Alakylä", "email": "info@example.fi"})
    assert (updated.area, updated.email, updated.revision) == ("Alakylä", "info@example.fi", 2)
    versions = history.versions(store, "actor", actor.id)
    assert [v.revision for v in versions] == [2, 1]
    assert set(versions[0].changed_fields) == {"area", "email"}
    assert versions[1].data["area"] == "Ylikylä"


def test_an_update_that_changes_nothing_writes_nothing(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Sama"})
    again = actors.update_actor(store, actor.id, {"name": "Sama"})
    assert again.revision == 1
    assert len(history.versions(store, "actor", actor.id)) == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "   "}, "name"),
        ({"email": "ei-osoite"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"kind": "club"}, "kind"),
    ],
)
def test_invalid_actor_fields_are_refused_and_nothing_stored(
    store: Store, fields: dict, field: str
) -> None:
    actor = actors.create_actor(store, {"name": "Ennallaan"})
    with pytest.raises(ValidationError) as raised:
        actors.update_actor(store, actor.id, fields)
    assert raised.value.field == field
    assert actors.get_actor(store, actor.id).revision == 1


def test_contact_phone_is_stored_e164_and_primary_is_unique(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    first = contacts.add_contact(
        store, actor.id, {"name": "Maija", "mobile": "040 123 4567", "is_primary": True}
    )
    assert first.mobile == "+358401234567"
    second = contacts.add_contact(
        store, actor.id, {"name": "Liisa", "mobile": "050 765 4321", "is_primary": True}
    )
    detail = actors.get_actor(store, actor.id)
    assert [(c.name, c.is_primary) for c in detail.contacts] == [("Liisa", True), ("Maija", False)]
    assert detail.primary_contact is not None and detail.primary_contact.id == second.id


def test_invalid_contact_phone_is_refused(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    with pytest.raises(ValidationError) as raised:
        contacts.add_contact(store, actor.id, {"name": "Maija", "mobile": "040 12"})
    assert raised.value.field == "mobile"
    assert actors.get_actor(store, actor.id).contacts == ()


def test_capability_phases_and_situations_are_validated_and_versioned(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "VPK"})
    capability = capabilities.add_capability(
        store,
        actor.id,
        {
            "category_key": "power_supply",
            "description": "Aggregaatti",
            "phases": ["response"],
            "situations": ["power_outage"],
        },
    )
    assert capability.phases == ("response",) and capability.situations == ("power_outage",)
    changed = capabilities.update_capability(
        store, capability.id, {"phases": ["response", "recovery"]}
    )
    assert changed.phases == ("recovery", "response") and changed.revision == 2
    with pytest.raises(ValidationError):
        capabilities.update_capability(store, capability.id, {"situations": ["zombies"]})
    with pytest.raises(ValidationError):
        capabilities.update_capability(store, capability.id, {"phases": ["sometime"]})
    with pytest.raises(ValidationError):
        capabilities.add_capability(store, actor.id, {"category_key": "nonexistent"})
    old = history.versions(store, "capability", capability.id)[-1]
    history.restore_version(store, "capability", capability.id, old.history_id or 0)
    restored = actors.get_actor(store, actor.id).capabilities[0]
    assert restored.phases == ("response",) and restored.revision == 3


def test_delete_moves_to_trash_and_restore_brings_back(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Roskakori ry"})
    contact = contacts.add_contact(store, actor.id, {"name": "Pekka"})
    contacts.delete_contact(store, contact.id)
    assert actors.get_actor(store, actor.id).contacts == ()
    actors.delete_actor(store, actor.id)
    with pytest.raises(NotFound):
        actors.get_actor(store, actor.id)
    assert {(row.kind, row.name) for row in actors.trash(store)} == {
        ("actor", "Roskakori ry"),
        ("contact", "Pekka"),
    }
    actors.restore_actor(store, actor.id)
    contacts.restore_contact(store, contact.id)
    assert [c.name for c in actors.get_actor(store, actor.id).contacts] == ["Pekka"]
    assert actors.trash(store) == []


def test_mark_verified_today(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Tarkistettu"})
    contact = contacts.add_contact(store, actor.id, {"name": "Aino"})
    assert actors.mark_actor_verified(store, actor.id).last_verified_on == actors.today()
    assert contacts.mark_contact_verified(
        store, contact.id, date(2026, 1, 2)
    ).last_verified_on == date(2026, 1, 2)


@pytest.mark.usefixtures("late_evening")
def test_verified_today_is_the_users_date_not_utcs(store: Store) -> None:
    # 22.30 UTC is 00.30 on the next day in Helsinki: the coordinator verified it "today", the 7th.
    actor = actors.create_actor(store, {"name": "Yövuoro ry"})
    assert actors.mark_actor_verified(store, actor.id).last_verified_on == date(2026, 12, 7)


def test_facility_with_key_holder(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Kyläyhdistys"})
    holder = contacts.add_contact(store, actor.id, {"name": "Avainhenkilö"})
    facility = facilities.add_facility(
        store,
        actor.id,
        {"name": "Kylätalo", "capacity": "80", "backup_power": True, "key_holder_id": holder.id},
    )
    assert facility.capacity == 80 and facility.key_holder_id == holder.id
    with pytest.raises(ValidationError):
        facilities.update_facility(store, facility.id, {"capacity": "-3"})


def test_every_change_bumps_updated_by_and_time(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Aikaleima"})
    later = actors.update_actor(store, actor.id, {"notes": "muutos"})
    assert later.updated_at >= actor.updated_at and "@" in later.updated_by
    with store.read() as session:
        count = session.execute(
            text("SELECT count(*) FROM history WHERE record_id = :i").bindparams(
                bindparam("i", type_=RecordId())
            ),
            {"i": actor.id},
        ).scalar()
    assert count == 1
