from __future__ import annotations

import pytest

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.models.types import RecordId
from verkosto_desktop.data.network import info as network_info
from verkosto_desktop.data.register import actors, capabilities, history
from verkosto_desktop.data.register.search import ActorFilter, search_actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import ValidationError


def test_built_in_catalogues_have_three_languages(store: Store) -> None:
    situations = catalogues.situation_types(store)
    assert [s.key for s in situations][:3] == ["storm", "power_outage", "accident"]
    outage = next(s for s in situations if s.key == "power_outage")
    assert (outage.name("fi"), outage.name("sv"), outage.name("en")) == (
        "Sähkökatko",
        "Strömavbrott",
        "Power outage",
    )
    assert len(catalogues.capability_categories(store)) == 17


def test_user_added_situation_type_is_usable_everywhere(store: Store) -> None:
    entry = catalogues.add_entry(store, "situation", "Metsäpalo", "Skogsbrand", "Forest fire")
    assert entry.key == "metsapalo" and not entry.builtin
    assert catalogues.situation_types(store)[-1].key == "metsapalo"
    again = catalogues.add_entry(store, "situation", "Metsäpalo")
    assert again.key == "metsapalo_2"
    actor = actors.create_actor(store, {"name": "Metsästysseura"})
    capabilities.add_capability(
        store,
        actor.id,
        {"category_key": "logistics", "phases": ["response"], "situations": ["metsapalo"]},
    )
    assert [r.name for r in search_actors(store, ActorFilter(situation="metsapalo"))] == [
        "Metsästysseura"
    ]
    with pytest.raises(ValidationError):
        catalogues.add_entry(store, "category", "  ")
    catalogues.rename_entry(
        store, "situation", "metsapalo", "Maastopalo", "Terrängbrand", "Wildfire"
    )
    assert catalogues.situation_types(store)[-2].name("fi") == "Maastopalo"


def test_network_information_is_kept_with_history(store: Store) -> None:
    assert network_info.network_info(store).name == ""
    updated = network_info.update_network_info(
        store, {"name": "Kylien verkosto", "stale_after_months": "6"}
    )
    assert (updated.name, updated.stale_after_months) == ("Kylien verkosto", 6)
    assert network_info.last_change_at(store) is not None


@pytest.mark.parametrize("months", [0, 61, "", None, "vuosi"])
def test_the_verification_period_is_one_to_sixty_months(store: Store, months: object) -> None:
    with pytest.raises(ValidationError) as refused:
        network_info.update_network_info(store, {"stale_after_months": months})
    assert refused.value.field == "stale_after_months"
    assert network_info.network_info(store).stale_after_months == 12


def test_actor_history_restore_brings_back_old_values(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Vanha nimi", "area": "Keskusta"})
    actors.update_actor(store, actor.id, {"name": "Uusi nimi", "area": "Ylikylä"})
    versions = history.versions(store, "actor", actor.id)
    assert versions[0].changed_fields == ("area", "name")
    oldest = versions[-1]
    history.restore_version(store, "actor", actor.id, oldest.history_id or 0)
    restored = actors.get_actor(store, actor.id)
    assert (restored.name, restored.area, restored.revision) == ("Vanha nimi", "Keskusta", 3)
    # Restoring is itself a change: the newer name is now in history.
    assert history.versions(store, "actor", actor.id)[1].data["name"] == "Uusi nimi"
    assert [r.name for r in search_actors(store, ActorFilter(text="vanha"))] == ["Vanha nimi"]
    assert search_actors(store, ActorFilter(text="uusi")) == []


def test_membership_changes_are_dated(store: Store) -> None:
    from sqlalchemy import bindparam, text

    actor = actors.create_actor(store, {"name": "Ehdokas ry", "membership_status": "candidate"})
    changed = actors.update_actor(store, actor.id, {"membership_status": "member"})
    assert changed.membership_changed_on == actors.today()
    with store.read() as session:
        statuses = (
            session.execute(
                text(
                    "SELECT status FROM membership_change WHERE actor_id = :a ORDER BY created_at"
                ).bindparams(bindparam("a", type_=RecordId())),
                {"a": actor.id},
            )
            .scalars()
            .all()
        )
    assert statuses == ["candidate", "member"]
