"""The incident log is append-only: the database refuses changes and deletions, and a correction
is a new entry that links to the one it corrects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import IntegrityError

from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.data.incident import incidents, meetings
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.incident.log import LogFilter
from verkosto_desktop.data.models import Activity, IncidentLogEntry
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import ValidationError


def _incident(store: Store) -> str:
    return incidents.start_incident(
        store, {"title": "Myrsky", "situations": ["storm"], "area": "Kylä"}, author="Aino"
    ).id


def test_an_entry_cannot_be_changed_through_the_orm(store: Store) -> None:
    incident_id = _incident(store)
    entry = incident_log.add_entry(
        store, incident_id, {"kind": "observation", "text": "Puu tiellä"}
    )
    with pytest.raises(WriteFailed), store.write() as session:
        obj = session.get(IncidentLogEntry, entry.id)
        assert obj is not None
        obj.text = "Jotain muuta"
    assert incident_log.get_entry(store, entry.id).text == "Puu tiellä"


@pytest.mark.parametrize(
    "statement",
    [
        lambda entry_id: (
            update(IncidentLogEntry)
            .where(IncidentLogEntry.id == entry_id)
            .values(happened_at=utcnow())
        ),
        lambda entry_id: delete(IncidentLogEntry).where(IncidentLogEntry.id == entry_id),
    ],
    ids=["update", "delete"],
)
def test_sql_update_and_delete_are_refused(store: Store, statement) -> None:  # type: ignore[no-untyped-def]
    incident_id = _incident(store)
    entry = incident_log.add_entry(store, incident_id, {"kind": "decision", "text": "Avataan"})
    with pytest.raises(WriteFailed), store.write() as session:
        session.execute(statement(entry.id))
    with store.read() as session:
        assert session.get(IncidentLogEntry, entry.id) is not None


def test_raw_sqlite_cannot_delete_either(store: Store) -> None:
    incident_id = _incident(store)
    incident_log.add_entry(store, incident_id, {"kind": "observation", "text": "Tuulee"})
    with store.engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(text("DELETE FROM incident_log_entry"))
    assert len(incident_log.log_entries(store, incident_id)) >= 2


def test_a_correction_links_to_its_original_which_stays(store: Store) -> None:
    incident_id = _incident(store)
    original = incident_log.add_entry(
        store,
        incident_id,
        {"kind": "message_in", "text": "Vettä tarvitaan 40 litraa", "author": "Aino"},
    )
    correction = incident_log.correct_entry(
        store, original.id, {"text": "Vettä tarvitaan 400 litraa", "author": "Aino"}
    )
    assert correction.corrects_id == original.id
    assert correction.kind == original.kind
    assert correction.happened_at == original.happened_at
    assert correction.recorded_at >= original.recorded_at
    again = incident_log.get_entry(store, original.id)
    assert again.text == "Vettä tarvitaan 40 litraa"
    assert again.is_corrected and again.corrected_by == (correction.id,)
    assert not incident_log.get_entry(store, correction.id).is_corrected


def test_happened_at_is_given_recorded_at_is_now(store: Store) -> None:
    incident_id = _incident(store)
    earlier = utcnow() - timedelta(hours=2)
    entry = incident_log.add_entry(
        store,
        incident_id,
        {"kind": "observation", "text": "Myöhässä kirjattu", "happened_at": earlier},
    )
    assert entry.happened_at == earlier
    assert entry.recorded_at - utcnow() < timedelta(minutes=1)
    assert entry.recorded_at > earlier + timedelta(hours=1)


def test_empty_text_and_phase_change_entries_are_refused(store: Store) -> None:
    incident_id = _incident(store)
    with pytest.raises(ValidationError) as empty:
        incident_log.add_entry(store, incident_id, {"kind": "observation", "text": "   "})
    assert empty.value.field == "text"
    with pytest.raises(ValidationError):
        incident_log.add_entry(store, incident_id, {"kind": "phase_change", "text": "Suljettu"})


def test_filters_by_kind_actor_and_finnish_text(demo_store: Store) -> None:
    incident_id = incidents.active_incidents(demo_store)[0].id
    everything = incident_log.log_entries(demo_store, incident_id)
    assert [e.happened_at for e in everything] == sorted(
        (e.happened_at for e in everything), reverse=True
    )
    decisions = incident_log.log_entries(
        demo_store, incident_id, LogFilter(kinds=frozenset({"decision"}))
    )
    assert decisions and {e.kind for e in decisions} == {"decision"}
    actor_id = everything[-1].actor_id
    assert actor_id is not None
    by_actor = incident_log.log_entries(demo_store, incident_id, LogFilter(actor_id=actor_id))
    assert by_actor and {e.actor_id for e in by_actor} == {actor_id}
    # Upper-case Ä finds lower-case ä (SQLite's LIKE would not).
    words = incident_log.log_entries(demo_store, incident_id, LogFilter(text="SÄHKÖT POIKKI"))
    assert [e.text for e in words] == ["Sähköt poikki noin 1 200 taloudesta."]
    assert incident_log.log_entries(demo_store, incident_id, LogFilter(text="ei-löydy")) == []


def test_assessments_are_structured_kept_and_newest_first(store: Store) -> None:
    incident_id = _incident(store)
    first = incident_log.add_assessment(
        store,
        incident_id,
        {"power": "Poikki", "water": "Toimii"},
        happened_at=utcnow() - timedelta(hours=3),
    )
    second = incident_log.add_assessment(store, incident_id, {"power": "Palautettu osittain"})
    listed = incident_log.assessments(store, incident_id)
    assert [a.id for a in listed] == [second.id, first.id]
    assert listed[1].details["water"] == "Toimii"
    with pytest.raises(ValidationError):
        incident_log.add_assessment(store, incident_id, {})
    with pytest.raises(KeyError):
        incident_log.add_assessment(store, incident_id, {"weather": "Tuulista"})


def test_a_corrected_meeting_decision_leaves_the_meeting_text(store: Store) -> None:
    incident_id = _incident(store)
    meeting = meetings.hold_meeting(store, incident_id, {})
    wrong = meetings.add_decision(store, meeting.id, "Koulu avataan klo 14")
    meetings.add_decision(store, meeting.id, "Seuraava kokous huomenna")
    incident_log.correct_entry(store, wrong.id, {"text": "Koulu avataan klo 16"})
    row = meetings.get_meeting(store, meeting.id)
    assert [d.text for d in row.decisions if not d.is_corrected] == [
        "Koulu avataan klo 16",
        "Seuraava kokous huomenna",
    ]
    with store.read() as session:
        activity = session.get(Activity, meeting.id)
        assert activity is not None
        assert activity.decisions.splitlines() == [
            "Koulu avataan klo 16",
            "Seuraava kokous huomenna",
        ]
