"""Activities with attendance, the iCalendar export, the action plan and membership."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import vobject

from verkosto_desktop.data.network import action_plan, activities, membership
from verkosto_desktop.data.register import actors, facilities
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.export.ics import write_ics

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def people(store: Store) -> dict[str, str]:
    spr = actors.create_actor(store, {"name": "SPR Esimerkkilä"})
    martat = actors.create_actor(store, {"name": "Martat"})
    hall = facilities.add_facility(store, martat.id, {"name": "Marttala", "address": "Kuja 1"})
    return {"spr": spr.id, "martat": martat.id, "hall": hall.id}


def _activity(store: Store, people: dict[str, str], title: str, days: int, **extra: object):
    fields = {
        "kind": "training",
        "title": title,
        "starts_at": NOW + timedelta(days=days),
        "organiser_id": people["spr"],
        "attendees": [people["spr"], people["martat"]],
        **extra,
    }
    return activities.create_activity(store, fields)


def test_activity_with_attendance_place_and_residents(store: Store, people: dict[str, str]) -> None:
    made = _activity(
        store, people, "Ensiapukurssi", 3, facility_id=people["hall"], residents_involved=True
    )
    assert made.attendee_names == ("Martat", "SPR Esimerkkilä")
    assert made.place_text == "Marttala, Kuja 1"
    assert made.organiser_name == "SPR Esimerkkilä"
    changed = activities.update_activity(store, made.id, {"attendees": [people["martat"]]})
    assert changed.attendee_ids == (people["martat"],) and changed.revision == 2
    assert activities.activities(store, "upcoming", NOW)[0].attendee_count == 1


def test_upcoming_and_past_lists(store: Store, people: dict[str, str]) -> None:
    _activity(store, people, "Mennyt", -5)
    _activity(store, people, "Pian", 2)
    _activity(store, people, "Myöhemmin", 20)
    _activity(store, people, "Käynnissä", -1, ends_at=NOW + timedelta(hours=1) + timedelta(days=1))
    upcoming = [a.title for a in activities.activities(store, "upcoming", NOW)]
    assert upcoming == ["Käynnissä", "Pian", "Myöhemmin"]
    assert [a.title for a in activities.activities(store, "past", NOW)] == ["Mennyt"]


def test_activity_validation(store: Store, people: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as raised:
        _activity(store, people, "Väärin", 1, ends_at=NOW)
    assert raised.value.field == "ends_at"
    with pytest.raises(ValidationError):
        _activity(store, people, "", 1)
    with pytest.raises(ValidationError):
        _activity(store, people, "Ei aikaa", 1, starts_at=datetime(2026, 1, 1, 12))  # naive
    assert activities.activities(store, "all") == []


def test_ics_round_trip(store: Store, people: dict[str, str], tmp_path: Path) -> None:
    first = _activity(
        store, people, "Harjoitus: sähkökatko", 1, ends_at=NOW + timedelta(days=1, hours=2)
    )
    second = _activity(store, people, "Kotivarakurssi Äänekoskella", 8, place="Kirjasto")
    written = activities.calendar_activities(store)
    path = write_ics(tmp_path / "toiminta.ics", written, "Verkosto")
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    events = {e.uid.value: e for e in calendar.vevent_list}
    assert len(events) == 2
    for activity in (first, second):
        event = next(e for uid, e in events.items() if uid.startswith(activity.id))
        assert event.summary.value == activity.title
        assert event.dtstart.value == activity.starts_at
        if activity.place_text:
            assert event.location.value == activity.place_text
    with_end = next(e for e in events.values() if e.summary.value == first.title)
    assert with_end.dtend.value == first.ends_at
    assert "SPR Esimerkkilä" in with_end.description.value


def test_calendar_period(store: Store, people: dict[str, str]) -> None:
    _activity(store, people, "A", 1)
    _activity(store, people, "B", 10)
    period = activities.calendar_activities(store, NOW, NOW + timedelta(days=5))
    assert [a.title for a in period] == ["A"]


def test_action_plan_items_keep_status_changes(store: Store, people: dict[str, str]) -> None:
    item = action_plan.create_item(
        store,
        {
            "title": "Kotivarakurssit kylissä",
            "goal": "Jokainen kotitalous pärjää 72 tuntia",
            "responsible_id": people["martat"],
            "phase": "preparedness",
            "situation_key": "power_outage",
            "due_on": date(2026, 9, 1),
            "status": "planned",
            "residents_involved": True,
        },
    )
    assert item.responsible_name == "Martat" and item.is_open
    action_plan.update_item(store, item.id, {"status": "in_progress"})
    done = action_plan.update_item(store, item.id, {"status": "done", "notes": "Neljä kurssia"})
    assert not done.is_open
    assert [e.status for e in action_plan.status_history(store, item.id)] == [
        "planned",
        "in_progress",
        "done",
    ]
    assert action_plan.action_items(store, open_only=True) == []
    with pytest.raises(ValidationError):
        action_plan.update_item(store, item.id, {"situation_key": "meteor"})
    with pytest.raises(ValidationError):
        action_plan.create_item(store, {"title": "Tehtävä", "incident_id": "x"})


def test_membership_changes_are_dated_and_invitations_kept(
    store: Store, people: dict[str, str]
) -> None:
    new = membership.add_candidate(store, "Nuorisoseura", proposed_by_id=people["spr"])
    assert [r.actor_id for r in membership.candidates_to_invite(store)] == [new.id]
    today = actors.today()
    membership.set_membership(store, new.id, "invited")
    membership.set_membership(store, new.id, "member", on=today + timedelta(days=3))
    events = membership.membership_history(store, new.id)
    assert [(e.status, e.changed_on) for e in events] == [
        ("member", today + timedelta(days=3)),
        ("invited", today),
        ("candidate", today),
    ]
    assert events[-1].invited_by_name == "SPR Esimerkkilä"
    (invitation,) = membership.invitations(store)
    assert (invitation.invited_by_name, invitation.name) == ("SPR Esimerkkilä", "Nuorisoseura")
    assert membership.status_counts(store)["member"] == 3
    with pytest.raises(ValidationError):
        membership.set_membership(store, new.id, "member", invited_by_id=new.id)
