"""Every write lands in the per-field change log, field by field, without being asked to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from verkosto_desktop.data.exchange import changes
from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.exchange.changeset import collect
from verkosto_desktop.data.exchange.hlc import load_self
from verkosto_desktop.data.incident import incidents, log
from verkosto_desktop.data.models import ChangeRecord, Conflict, Site
from verkosto_desktop.data.network import activities
from verkosto_desktop.data.register import actors, capabilities, contacts, privacy
from verkosto_desktop.data.storage.store import Store


def _log(store: Store, record_id: str | None = None) -> list[tuple[str, str, Any, int]]:
    with store.read() as session:
        query = select(ChangeRecord).order_by(ChangeRecord.id)
        if record_id is not None:
            query = query.where(ChangeRecord.record_id == record_id)
        return [(c.entity, c.field, c.value, c.hlc) for c in session.scalars(query)]


def test_creating_records_writes_no_changes_and_editing_writes_one_per_field(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Kylätalo ry", "area": "Kylä"})
    assert _log(store) == []
    actors.update_actor(store, actor.id, {"name": "Kylätalo ry", "area": "Vaara", "notes": "avain"})
    entries = _log(store, actor.id)
    assert [(e, f, v) for e, f, v, _ in entries] == [
        ("actor", "area", "Vaara"),
        ("actor", "notes", "avain"),
    ]
    # One transaction, one stamp.
    assert len({stamp for *_, stamp in entries}) == 1


def test_stamps_grow_and_the_site_keeps_the_last_one(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    for area in ("A", "B", "C"):
        actors.update_actor(store, actor.id, {"area": area})
    stamps = [stamp for *_, stamp in _log(store, actor.id)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    with store.read() as session:
        site = load_self(session.connection())
    assert site is not None and site.clock == stamps[-1]


def test_deletion_and_restore_are_changes_of_deleted_at(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    actors.delete_actor(store, actor.id)
    actors.restore_actor(store, actor.id)
    fields = [(f, v is None) for _e, f, v, _s in _log(store, actor.id)]
    assert fields == [("deleted_at", False), ("deleted_at", True)]


def test_link_rows_travel_one_element_at_a_time(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    capability = capabilities.add_capability(
        store,
        actor.id,
        {"category_key": "catering", "phases": ["response"], "situations": ["storm"]},
    )
    capabilities.update_capability(
        store, capability.id, {"phases": ["recovery", "response"], "situations": []}
    )
    assert sorted((f, v) for _e, f, v, _s in _log(store, capability.id)) == [
        ("phases:recovery", True),
        ("situations:storm", False),
    ]


def test_attendance_and_task_status_changes_are_recorded(store: Store) -> None:
    a = actors.create_actor(store, {"name": "A"})
    b = actors.create_actor(store, {"name": "B"})
    from datetime import UTC, datetime

    activity = activities.create_activity(
        store,
        {
            "title": "Harjoitus",
            "kind": "exercise",
            "starts_at": datetime(2026, 5, 1, 9, tzinfo=UTC),
            "attendees": [a.id],
        },
    )
    activities.update_activity(store, activity.id, {"attendees": [a.id, b.id]})
    assert [(f, v) for _e, f, v, _s in _log(store, activity.id)] == [(f"attendees:{b.id}", True)]


def test_incident_log_entries_are_created_only(store: Store) -> None:
    incident = incidents.start_incident(store, {"title": "Myrsky", "situations": ["storm"]})
    log.add_entry(store, incident.id, {"kind": "observation", "text": "Puita kaatunut"})
    assert all(entity != "incident_log_entry" for entity, *_ in _log(store))


def test_erasing_a_person_removes_their_changes_and_conflicts(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    person = contacts.add_contact(store, actor.id, {"name": "Qqvar Zyxwe", "role": "puheenjohtaja"})
    contacts.update_contact(store, person.id, {"role": "sihteeri", "notes": "Qqvar soittaa"})
    assert _log(store, person.id)
    privacy.erase_person(store, person.id)
    assert _log(store, person.id) == []
    with store.read() as session:
        assert session.scalars(select(Conflict)).all() == []


def test_sealing_gives_every_record_a_snapshot_once(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat"})
    capability = capabilities.add_capability(
        store, actor.id, {"category_key": "catering", "phases": ["response", "recovery"]}
    )
    with store.write() as session:
        connection = session.connection()
        site = load_self(connection)
        assert site is not None
        first = changes.seal(connection, site)
    with store.write() as session:
        connection = session.connection()
        site = load_self(connection)
        assert site is not None
        assert changes.seal(connection, site) == 0
    # The catalogues, founding steps and network row, the actor and the capability.
    assert first > 2
    with store.read() as session:
        stored = session.scalars(
            select(ChangeRecord.value).where(
                ChangeRecord.record_id == capability.id, ChangeRecord.field == "*"
            )
        ).one()
        sites = session.scalars(select(Site)).all()
    # Kept without its value (it is the row); a bundle carries the value read from the row.
    assert stored is None
    sent = next(c for c in collect(store, full=True).changes if c[1] == capability.id)
    snapshot = sent[3]
    assert snapshot["phases"] == {"recovery": True, "response": True}
    assert snapshot["category_key"] == "catering"
    assert "updated_by" not in snapshot and "name_key" not in snapshot
    assert len(sites) == 1


def _unsealed(store: Store) -> int:
    """Records without a snapshot, counted record by record."""
    count = 0
    with store.read() as session:
        for spec in F.ENTITIES:
            records = set(session.scalars(select(spec.table.c[spec.key])))
            snapshots = session.scalars(
                select(ChangeRecord.record_id).where(
                    ChangeRecord.entity == spec.name, ChangeRecord.field == "*"
                )
            )
            count += len(records - set(snapshots))
    return count


def _seal(store: Store) -> tuple[int, int, int]:
    """(records sealed, this site's clock before, after)."""
    with store.write() as session:
        connection = session.connection()
        site = load_self(connection)
        assert site is not None
        sealed = changes.seal(connection, site)
        after = load_self(connection)
        assert after is not None
        return sealed, site.clock, after.clock


def test_a_seal_counts_what_it_sealed_and_moves_the_clock_only_then(any_store: Store) -> None:
    """On both databases (SQLAlchemy reported no count for PostgreSQL's INSERT … SELECT, and
    a merge on the server went on with the clock from before its seal)."""
    actors.create_actor(any_store, {"name": "Martat"})
    unsealed = _unsealed(any_store)
    sealed, before, after = _seal(any_store)
    assert sealed == unsealed > 0 and after > before
    with any_store.read() as session:
        newest = session.scalar(select(func.max(ChangeRecord.hlc)))
    assert newest == after  # the snapshots' stamp is the clock
    assert _seal(any_store) == (0, after, after)
    actors.create_actor(any_store, {"name": "Kylän VPK"})
    unsealed = _unsealed(any_store)
    sealed, before, after = _seal(any_store)
    assert sealed == unsealed > 0 and after > before and _unsealed(any_store) == 0
