"""Incidents, their phases, tasks, meetings, recovery activities and who can help."""

from __future__ import annotations

from datetime import timedelta

import pytest

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.incident import incidents, meetings, tasks
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.incident import recovery as recovery
from verkosto_desktop.data.incident.who_can_help import who_can_help
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.register.actors import create_actor
from verkosto_desktop.data.register.capabilities import add_capability
from verkosto_desktop.data.register.contacts import add_contact
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.incidents import format_elapsed, until_next_minute


def _start(store: Store, **fields: object) -> incidents.IncidentDetail:
    values: dict[str, object] = {"title": "Sähkökatko", "situations": ["power_outage"]}
    values.update(fields)
    return incidents.start_incident(store, values, author="Aino")


def test_start_needs_a_title_and_a_situation_type(store: Store) -> None:
    with pytest.raises(ValidationError) as no_title:
        incidents.start_incident(store, {"situations": ["storm"]})
    assert no_title.value.field == "title"
    with pytest.raises(ValidationError) as no_situation:
        incidents.start_incident(store, {"title": "Myrsky"})
    assert no_situation.value.field == "situations"
    with pytest.raises(ValidationError):
        incidents.start_incident(store, {"title": "Myrsky", "situations": ["volcano"]})


def test_phases_move_forward_with_their_times_in_the_log(store: Store) -> None:
    start = utcnow() - timedelta(hours=6)
    incident = _start(store, started_at=start, area="Kylä", convened_by_text="SPR")
    assert incident.phase == "response" and incident.started_at == start
    assert incident.convened_by == "SPR"
    later = start + timedelta(hours=4)
    recovered = incidents.move_to_recovery(store, incident.id, at=later)
    assert recovered.phase == "recovery" and recovered.recovery_at == later
    with pytest.raises(ValidationError):
        incidents.move_to_recovery(store, incident.id)
    closed = incidents.close_incident(store, incident.id, "  Varahenkilöt tarvitaan  ")
    assert closed.phase == "closed" and closed.closed_at is not None
    assert closed.lessons_learned == "Varahenkilöt tarvitaan"
    assert not closed.is_open
    phases = [
        (e.details["phase"], e.happened_at)
        for e in incident_log.log_entries(store, incident.id, newest_first=False)
        if e.kind == "phase_change"
    ]
    assert phases == [("response", start), ("recovery", later), ("closed", closed.closed_at)]


def test_a_phase_change_cannot_predate_the_start(store: Store) -> None:
    incident = _start(store)
    with pytest.raises(ValidationError):
        incidents.move_to_recovery(store, incident.id, at=incident.started_at - timedelta(1))


def test_several_may_be_open_and_the_newest_is_the_default(store: Store) -> None:
    older = _start(store, started_at=utcnow() - timedelta(days=2))
    newer = _start(store, title="Myrsky", situations=["storm"])
    incidents.close_incident(store, older.id, "")
    assert [i.id for i in incidents.list_incidents(store)] == [newer.id, older.id]
    assert [i.id for i in incidents.active_incidents(store)] == [newer.id]
    assert incidents.resolve_incident_id(store, None) == newer.id
    assert incidents.resolve_incident_id(store, older.id[:8]) == older.id
    with pytest.raises(NotFound):
        incidents.resolve_incident_id(store, "zzz")


def test_update_keeps_history_and_reports_the_change(store: Store) -> None:
    seen: list[tuple[Change, ...]] = []
    store.subscribe(seen.append)
    incident = _start(store)
    updated = incidents.update_incident(
        store, incident.id, {"situations": ["power_outage", "storm"], "area": "Koko kunta"}
    )
    assert updated.situations == ("power_outage", "storm") and updated.revision == 2
    assert any(
        c.kind is ChangeKind.INCIDENT and incident.id in c.ids for batch in seen for c in batch
    )


def test_tasks_keep_the_time_of_each_status_and_write_the_log(store: Store) -> None:
    incident = _start(store)
    actor = create_actor(store, {"name": "Marttayhdistys"})
    task = tasks.create_task(store, incident.id, actor.id, "Keittoa lämpimään tilaan")
    assert task.status == "requested" and task.actor_name == "Marttayhdistys"
    for status in ("accepted", "in_progress", "done"):
        task = tasks.set_task_status(store, task.id, status)
    assert [c.status for c in task.changes] == ["requested", "accepted", "in_progress", "done"]
    assert task.reached_at("accepted") is not None
    assert [c.changed_at for c in task.changes] == sorted(c.changed_at for c in task.changes)
    kinds = [e.kind for e in incident_log.log_entries(store, incident.id, newest_first=False)]
    assert kinds[-4:] == ["request", "task_update", "task_update", "task_update"]
    with pytest.raises(ValidationError):
        tasks.set_task_status(store, task.id, "planned-ish")


def test_a_request_made_by_mistake_is_cancelled_with_a_log_correction(store: Store) -> None:
    incident = _start(store)
    actor = create_actor(store, {"name": "Marttayhdistys"})
    task = tasks.create_task(store, incident.id, actor.id, "Keittoa", author="Aino")
    cancelled = tasks.cancel_task(store, task.id, "väärä yhdistys", author="Aino")
    assert cancelled.status == "cancelled" and not cancelled.is_open
    assert [c.status for c in cancelled.changes] == ["requested", "cancelled"]
    entries = incident_log.log_entries(store, incident.id, newest_first=False)
    (request,) = [e for e in entries if e.kind == "request" and e.corrects_id is None]
    (correction,) = [e for e in entries if e.corrects_id == request.id]
    # The request stays in the log, crossed out by the correction that says why.
    assert request.is_corrected and request.text == "Tehtävä toimijalle Marttayhdistys: Keittoa"
    assert "Keittoa" in correction.text and "väärä yhdistys" in correction.text
    assert correction.kind == "request" and correction.details["task_id"] == task.id
    assert correction.happened_at == request.happened_at
    # Cancelling again changes nothing; a closed incident takes no cancellations.
    again = tasks.cancel_task(store, task.id)
    assert again.changes == cancelled.changes
    assert len(incident_log.log_entries(store, incident.id)) == len(entries)
    other = tasks.create_task(store, incident.id, None, "Kuljetus")
    incidents.close_incident(store, incident.id, "")
    with pytest.raises(ValidationError):
        tasks.cancel_task(store, other.id)


def test_task_table_is_grouped_by_status(store: Store) -> None:
    incident = _start(store)
    made = [tasks.create_task(store, incident.id, None, f"Tehtävä {n}") for n in range(4)]
    tasks.set_task_status(store, made[0].id, "done")
    tasks.set_task_status(store, made[1].id, "accepted")
    tasks.set_task_status(store, made[2].id, "cancelled")
    statuses = [t.status for t in tasks.incident_tasks(store, incident.id)]
    assert statuses == ["requested", "accepted", "done", "cancelled"]


def test_a_closed_incident_takes_no_new_work(store: Store) -> None:
    incident = _start(store)
    incidents.close_incident(store, incident.id, "")
    with pytest.raises(ValidationError):
        tasks.create_task(store, incident.id, None, "Myöhästynyt")
    with pytest.raises(ValidationError):
        meetings.hold_meeting(store, incident.id, {})
    with pytest.raises(ValidationError):
        incident_log.add_entry(store, incident.id, {"kind": "observation", "text": "Vielä"})


def test_meeting_attendance_decisions_and_next_meeting(store: Store) -> None:
    incident = _start(store)
    spr = create_actor(store, {"name": "SPR"})
    parish = create_actor(store, {"name": "Seurakunta"})
    next_time = utcnow() + timedelta(hours=6)
    meeting = meetings.hold_meeting(
        store,
        incident.id,
        {"organiser_id": spr.id, "attendees": [parish.id, spr.id], "next_meeting_at": next_time},
    )
    assert meeting.convened_by == "SPR"
    assert [name for _id, name in meeting.attendees] == ["Seurakunta", "SPR"]
    assert meeting.next_meeting_at == next_time
    decision = meetings.add_decision(store, meeting.id, "Seurakuntatalo avataan")
    assert decision.kind == "decision" and decision.details["meeting_id"] == meeting.id
    again = meetings.update_meeting(store, meeting.id, {"attendees": [parish.id]})
    assert [name for _id, name in again.attendees] == ["Seurakunta"]
    assert [d.text for d in again.decisions] == ["Seurakuntatalo avataan"]
    second = meetings.hold_meeting(store, incident.id, {})
    assert second.title != meeting.title
    assert [m.id for m in meetings.incident_meetings(store, incident.id)] == [meeting.id, second.id]


def test_recovery_activities_belong_to_the_recovery_phase(store: Store) -> None:
    incident = _start(store)
    fields = {
        "title": "Kerho myrskyn jälkeen",
        "kind": "club",
        "starts_at": utcnow(),
        "permanent": True,
    }
    with pytest.raises(ValidationError):
        recovery.plan_recovery_activity(store, incident.id, fields)
    incidents.move_to_recovery(store, incident.id)
    planned = recovery.plan_recovery_activity(store, incident.id, fields)
    assert planned.permanent and planned.kind == "club"
    with pytest.raises(ValidationError):
        recovery.plan_recovery_activity(store, incident.id, {**fields, "kind": "training"})
    assert [a.id for a in recovery.recovery_activities(store, incident.id)] == [planned.id]


def _helper_actor(store: Store, name: str, always: bool, minutes: int, capacity: int) -> str:
    actor = create_actor(store, {"name": name})
    contact = add_contact(
        store,
        actor.id,
        {"name": f"{name} henkilö", "mobile": "040 123 4567", "reachable_24_7": always},
    )
    add_capability(
        store,
        actor.id,
        {
            "category_key": "catering",
            "activation_minutes": minutes,
            "capacity": capacity,
            "contact_id": contact.id,
            "phases": ["response"],
            "situations": ["power_outage"],
        },
    )
    return actor.id


def test_who_can_help_ranks_24_7_then_activation_then_capacity(store: Store) -> None:
    slow_big = _helper_actor(store, "Hidas iso", True, 120, 500)
    fast_small = _helper_actor(store, "Nopea pieni", True, 30, 10)
    fast_big = _helper_actor(store, "Nopea iso", True, 30, 200)
    daytime = _helper_actor(store, "Päiväsaikaan", False, 5, 1000)
    elsewhere = create_actor(store, {"name": "Vain myrskyssä"})
    add_capability(
        store,
        elsewhere.id,
        {"category_key": "catering", "phases": ["response"], "situations": ["storm"]},
    )
    incident = _start(store)
    rows = who_can_help(store, incident.id)
    assert [r.actor_id for r in rows] == [fast_big, fast_small, slow_big, daytime]
    assert rows[0].reachable_24_7 and not rows[-1].reachable_24_7
    assert rows[0].contact_name == "Nopea iso henkilö" and rows[0].phone == "+358401234567"
    assert rows[0].situations == ("power_outage",)
    tasks.create_task(store, incident.id, fast_big, "Ruokaa")
    assert who_can_help(store, incident.id)[0].has_open_task
    assert who_can_help(store, incident.id, category="transport") == []
    incidents.move_to_recovery(store, incident.id)
    assert who_can_help(store, incident.id) == []  # nobody offered catering in recovery


def test_elapsed_time_in_words() -> None:
    start = utcnow()
    assert format_elapsed(start, start + timedelta(minutes=45)) == "45 min"
    assert format_elapsed(start, start + timedelta(hours=5, minutes=20)) == "5 h 20 min"
    assert format_elapsed(start, start + timedelta(days=2, hours=3)) == "2 vrk 3 h"
    assert until_next_minute(start, start + timedelta(seconds=75)) == timedelta(seconds=45)
