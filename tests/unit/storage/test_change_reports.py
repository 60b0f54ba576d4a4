"""Change reports are typed: one ``ChangeKind`` per table, and a log entry is reported as a log
entry (with its own id) wherever it is written."""

from __future__ import annotations

from verkosto_desktop.data.dashboard.readiness import changed_actors
from verkosto_desktop.data.incident import incidents, meetings, tasks
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.models import Base
from verkosto_desktop.data.network import call_rounds
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store

# Kinds that name something other than one table (see ChangeKind).
NOT_A_TABLE = {ChangeKind.CATALOGUE, ChangeKind.RESTORED}


def test_each_kind_is_named_after_its_table_and_equals_its_string() -> None:
    tables = set(Base.metadata.tables)
    for kind in ChangeKind:
        assert kind == kind.value and isinstance(kind, str)
        if kind not in NOT_A_TABLE:
            assert kind.value in tables, kind


def _heard(store: Store) -> list[Change]:
    heard: list[Change] = []
    store.subscribe(heard.extend)
    return heard


def _log_ids(store: Store, incident_id: str) -> set[str]:
    return {e.id for e in incident_log.log_entries(store, incident_id, newest_first=False)}


def test_every_way_of_writing_the_log_reports_the_entries_it_wrote(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Martat", "membership_status": "member"})
    contacts.add_contact(store, actor.id, {"name": "Maija", "mobile": "040 111 2222"})
    heard = _heard(store)
    incident = incidents.start_incident(
        store, {"title": "Myrsky", "situations": ["storm"]}, author="Aino"
    )
    incident_log.add_entry(store, incident.id, {"kind": "observation", "text": "Puita kaatunut"})
    task = tasks.create_task(store, incident.id, actor.id, "Keittoa")
    tasks.set_task_status(store, task.id, "accepted")
    meeting = meetings.hold_meeting(store, incident.id, {"title": "Koordinaatiokokous"})
    meetings.add_decision(store, meeting.id, "Avataan seurakuntatalo")
    started = call_rounds.start_round(store, "Soittokierros", "members", incident_id=incident.id)
    (entry,) = call_rounds.round_entries(store, started.id)
    call_rounds.record_result(store, entry.id, "reached")
    incidents.change_phase(store, incident.id, "recovery")

    assert all(type(change.kind) is ChangeKind for change in heard)
    reported = {i for c in heard if c.kind is ChangeKind.INCIDENT_LOG_ENTRY for i in c.ids}
    # Start, observation, request, task update, decision, call result, phase change: each one
    # reported under its own id, and nothing else reported as a log entry.
    assert reported == _log_ids(store, incident.id)
    assert len(reported) == 7


def test_a_restore_makes_the_dashboard_read_everything() -> None:
    assert changed_actors([Change(ChangeKind.RESTORED, frozenset())]) is None
    assert changed_actors([Change(ChangeKind.INCIDENT, frozenset({"i"}))]) == set()
