"""Call rounds: selection, calling order, results, verification and the incident log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from verkosto_desktop.data.models import Incident, IncidentLogEntry
from verkosto_desktop.data.network import call_rounds, call_targets
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.call_rounds import parse_fast_entry
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.enums import CallResult
from verkosto_desktop.domain.errors import ValidationError

LONG_AGO = local_today() - timedelta(days=800)
RECENTLY = local_today() - timedelta(days=20)


@pytest.fixture
def network(store: Store) -> dict[str, str]:
    """Two members and a candidate; contacts with and without 24/7 and recent checks."""
    martat = actors.create_actor(store, {"name": "Martat", "membership_status": "member"})
    vpk = actors.create_actor(store, {"name": "Ahtialan VPK", "membership_status": "member"})
    candidate = actors.create_actor(store, {"name": "Uusi ry", "membership_status": "candidate"})
    ids = {
        "maija": contacts.add_contact(
            store,
            martat.id,
            {"name": "Maija", "mobile": "040 111 2222", "last_verified_on": LONG_AGO},
        ).id,
        "liisa": contacts.add_contact(
            store,
            martat.id,
            {
                "name": "Liisa",
                "mobile": "040 111 3333",
                "is_primary": True,
                "last_verified_on": RECENTLY,
            },
        ).id,
        "pekka": contacts.add_contact(
            store,
            vpk.id,
            {"name": "Pekka", "mobile": "050 222 3333", "reachable_24_7": True, "radio": "VIRVE 1"},
        ).id,
        "uusi": contacts.add_contact(
            store, candidate.id, {"name": "Outi", "landline": "014 123 456", "reachable_24_7": True}
        ).id,
    }
    capabilities.add_capability(
        store, vpk.id, {"category_key": "power_supply", "situations": ["power_outage"]}
    )
    ids.update(martat=martat.id, vpk=vpk.id, candidate=candidate.id)
    return ids


def _contact_ids(targets: list[call_targets.CallTarget]) -> list[str]:
    return [t.contact_id for t in targets]


def test_selections_choose_the_right_contacts(store: Store, network: dict[str, str]) -> None:
    members = _contact_ids(call_targets.select_targets(store, "members"))
    # Actors in Finnish order, the primary contact first within an actor.
    assert members == [network["pekka"], network["liisa"], network["maija"]]
    always = set(_contact_ids(call_targets.select_targets(store, "reachable_24_7")))
    assert always == {network["pekka"], network["uusi"]}
    stale = set(_contact_ids(call_targets.select_targets(store, "stale")))
    assert stale == {network["maija"], network["pekka"], network["uusi"]}
    relevant = _contact_ids(call_targets.select_targets(store, "situation", "power_outage"))
    assert relevant == [network["pekka"]]
    with pytest.raises(ValidationError):
        call_targets.select_targets(store, "situation", None)


def test_an_urgent_round_calls_24_7_contacts_first(store: Store, network: dict[str, str]) -> None:
    targets = call_targets.select_targets(store, "reachable_24_7", urgent=True)
    assert all(t.reachable_24_7 for t in targets[:2])
    members = call_targets.select_targets(store, "members", urgent=True)
    assert members[0].contact_id == network["pekka"]


def test_a_round_lists_every_channel_in_calling_order(
    store: Store, network: dict[str, str]
) -> None:
    started = call_rounds.start_round(store, "Vuositarkistus", "members")
    assert started.total == 3 and started.pending == 3 and started.finished_at is None
    entries = call_rounds.round_entries(store, started.id)
    assert [e.position for e in entries] == [1, 2, 3]
    assert entries[0].target.radio == "VIRVE 1"
    assert entries[0].target.mobile == "+358502223333"


def test_a_round_over_nobody_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError):
        call_rounds.start_round(store, "Tyhjä", "members")
    with pytest.raises(ValidationError):
        call_rounds.start_round(store, "  ", "members")


def test_a_round_can_leave_contacts_out(store: Store, network: dict[str, str]) -> None:
    started = call_rounds.start_round(
        store, "Osa", "members", contact_ids=[network["maija"], network["pekka"]]
    )
    entries = call_rounds.round_entries(store, started.id)
    assert [e.target.contact_id for e in entries] == [network["pekka"], network["maija"]]


def test_running_a_round_to_its_end_verifies_reached_contacts(
    store: Store, network: dict[str, str]
) -> None:
    started = call_rounds.start_round(store, "Vuositarkistus", "members")
    pekka, liisa, maija = call_rounds.round_entries(store, started.id)
    call_rounds.record_result(store, pekka.id, "reached", "Kaikki ennallaan")
    call_rounds.record_result(store, liisa.id, "no_answer")
    assert call_rounds.get_round(store, started.id).finished_at is None
    call_rounds.record_result(store, maija.id, "updated", "Uusi numero")
    finished = call_rounds.get_round(store, started.id)
    assert finished.finished_at is not None and finished.pending == 0
    assert finished.results == {"reached": 1, "no_answer": 1, "updated": 1}
    assert contacts.get_contact(store, network["pekka"]).last_verified_on == actors.today()
    assert contacts.get_contact(store, network["maija"]).last_verified_on == actors.today()
    # Not reached: the old date stays.
    assert contacts.get_contact(store, network["liisa"]).last_verified_on == RECENTLY
    entry = call_rounds.get_entry(store, pekka.id)
    assert entry.result == "reached" and entry.note == "Kaikki ennallaan"
    assert entry.called_at is not None
    # Setting a call back to pending reopens the round.
    call_rounds.record_result(store, liisa.id, "pending")
    assert call_rounds.get_round(store, started.id).finished_at is None


def test_results_by_sheet_row_number(store: Store, network: dict[str, str]) -> None:
    started = call_rounds.start_round(store, "Paperilta", "members")
    typed = parse_fast_entry("2 3 numero ei käytössä")
    entry = call_rounds.record_by_position(
        store, started.id, typed.position, typed.result.value, typed.note
    )
    assert entry.target.contact_id == network["liisa"]
    assert entry.result == CallResult.WRONG_NUMBER and entry.note == "numero ei käytössä"
    with pytest.raises(ValidationError):
        call_rounds.record_by_position(store, started.id, 9, "reached")


@pytest.mark.parametrize("text", ["", "12", "abc 1", "3 7", "31"])
def test_fast_entry_explains_what_it_expects(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_fast_entry(text)
    assert raised.value.field == "entry"


def test_a_round_linked_to_an_incident_writes_its_results_to_the_log(
    store: Store, network: dict[str, str]
) -> None:
    with store.write() as session:
        incident = Incident(title="Sähkökatko")
        session.add(incident)
        session.flush()
        incident_id = incident.id
    assert call_rounds.open_incidents(store) == [(incident_id, "Sähkökatko")]
    started = call_rounds.start_round(
        store, "Häiriön alku", "situation", "power_outage", incident_id=incident_id
    )
    (entry,) = call_rounds.round_entries(store, started.id)
    call_rounds.record_result(store, entry.id, "reached", "Aggregaatti valmiina")
    with store.read() as session:
        logged = session.scalars(
            select(IncidentLogEntry).where(IncidentLogEntry.incident_id == incident_id)
        ).all()
    assert len(logged) == 1
    assert logged[0].kind == "observation"
    assert logged[0].actor_id == network["vpk"]
    assert "Pekka" in logged[0].text and "Aggregaatti valmiina" in logged[0].text
    assert call_rounds.get_round(store, started.id).incident_title == "Sähkökatko"


def test_the_round_survives_a_deleted_contact(store: Store, network: dict[str, str]) -> None:
    started = call_rounds.start_round(store, "Kierros", "members")
    contacts.delete_contact(store, network["maija"])
    entries = call_rounds.round_entries(store, started.id)
    gone = next(e for e in entries if e.target.contact_id == network["maija"])
    assert gone.contact_deleted
    call_rounds.record_result(store, gone.id, "reached")
    assert call_rounds.get_entry(store, gone.id).result == "reached"
