from __future__ import annotations

import json
from pathlib import Path

import pytest

from pg_support import every_stored_text
from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.register import actors, capabilities, contacts, history, privacy
from verkosto_desktop.data.register.search import ActorFilter, search_actors
from verkosto_desktop.data.storage.store import Store

NAME = "Zyxwe Qqvarsdottir"  # a name no other text in the file can contain by accident


def _stored_bytes(store: Store) -> bytes:
    """Everything the database holds: the file's bytes, or every row on the server."""
    if store.is_server:
        return every_stored_text(store)
    return _file_bytes(store.path)


def _file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    return data


def test_export_person_holds_everything_stored_about_them(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    person = contacts.add_contact(
        store, actor.id, {"name": NAME, "mobile": "040 123 4567", "consent_method": "lomake"}
    )
    contacts.update_contact(store, person.id, {"role": "Sihteeri"})
    capabilities.add_capability(
        store, actor.id, {"category_key": "catering", "contact_id": person.id}
    )
    exported = json.loads(privacy.export_person_json(store, person.id))
    assert exported["person"]["name"] == NAME
    assert exported["person"]["role"] == "Sihteeri"
    assert exported["organisation"]["name"] == "Martat"
    assert exported["previous_versions"][0]["data"]["role"] == ""
    assert len(exported["contact_person_for_capabilities"]) == 1


def test_erasure_leaves_no_trace_in_search_history_or_file_bytes(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    person = contacts.add_contact(
        store, actor.id, {"name": NAME, "mobile": "044 987 6543", "email": "zyxwe@example.fi"}
    )
    contacts.update_contact(store, person.id, {"role": "Puheenjohtaja"})
    contacts.update_contact(store, person.id, {"notes": f"{NAME} vastaa avaimista"})
    capability = capabilities.add_capability(
        store, actor.id, {"category_key": "catering", "contact_id": person.id}
    )
    store.checkpoint()
    assert NAME.encode() in _stored_bytes(store)
    assert [r.name for r in search_actors(store, ActorFilter(text="Qqvarsdottir"))] == ["Martat"]

    privacy.erase_person(store, person.id)

    assert search_actors(store, ActorFilter(text="Qqvarsdottir")) == []
    assert search_actors(store, ActorFilter(text="0449876543")) == []
    with pytest.raises(NotFound):
        history.versions(store, "contact", person.id)
    assert actors.get_actor(store, actor.id).capabilities[0].contact_id is None
    assert capability.id
    raw = _stored_bytes(store)
    for secret in (
        NAME.encode(),
        b"Qqvarsdottir",
        b"zyxwe@example",
        "Qqvarsdottir".encode("utf-16-le"),
    ):
        assert secret not in raw
    # The erasure is logged without personal data, for re-applying after a restore.
    assert privacy.erased_ids(store) == [("contact", person.id)]


def test_reapplying_erasures_after_a_restore(tmp_path: Path) -> None:
    path = tmp_path / "a.verkosto"
    with Store.open(path) as store:
        actor = actors.create_actor(store, {"name": "Martat"})
        person = contacts.add_contact(store, actor.id, {"name": NAME})
        store.checkpoint()
    old_copy = tmp_path / "old.verkosto"
    old_copy.write_bytes(path.read_bytes())
    with Store.open(path) as store:
        privacy.erase_person(store, person.id)
        erased = privacy.erased_ids(store)
    with Store.open(old_copy) as restored:
        assert [c.name for c in actors.get_actor(restored, actor.id).contacts] == [NAME]
        assert privacy.reapply_erasures(restored, erased) == 1
        assert actors.get_actor(restored, actor.id).contacts == ()
        assert privacy.erased_ids(restored) == erased
    assert NAME.encode() not in _file_bytes(old_copy)
