"""An access request: everything the file holds about a person, from the data layer and from
``verkosto person``."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop.cli import main
from verkosto_desktop.data.incident import log, meetings
from verkosto_desktop.data.incident.incidents import start_incident
from verkosto_desktop.data.network import call_rounds, survey
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.register.person_data import find_people, people_data
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.enums import ActivityKind, CallResult, LogKind

NAME = "Aino Äijälä"


@pytest.fixture
def person(store: Store) -> str:
    actor = actors.create_actor(store, {"name": "Kyläyhdistys ry"})
    other = actors.create_actor(store, {"name": "Martat", "notes": f"Kysy {NAME}lta"})
    made = contacts.add_contact(
        store,
        actor.id,
        {"name": "Aino Virtanen", "mobile": "040 765 4321", "consent_on": date(2026, 2, 1)},
    )
    contacts.update_contact(store, made.id, {"name": NAME})  # married: the old name is history
    actors.update_actor(store, other.id, {"notes": f"Avaimet: {NAME}"})
    incident = start_incident(store, {"title": "Tulva", "situations": ["storm"]})
    log.add_entry(
        store, incident.id, {"kind": "observation", "text": "Vesi nousee", "author": NAME}
    )
    log.add_entry(store, incident.id, {"kind": "observation", "text": "Ei koske häntä"})
    log.add_entry(
        store, incident.id, {"kind": "message_in", "text": f"Soitto: 0407654321 ({NAME})"}
    )
    meetings.hold_meeting(
        store, incident.id, {"attendees": [actor.id], "notes": f"Paikalla {NAME}"}
    )
    round_ = call_rounds.start_round(store, "Kevät", "members", contact_ids=[made.id])
    entry = call_rounds.round_entries(store, round_.id)[0]
    call_rounds.record_result(store, entry.id, "no_answer", note="Soita illalla")
    survey.save_answers(store, other.id, 1, {"can_offer": f"Kahvia ({NAME} keittää)"})
    survey.save_answers(store, actor.id, 1, {"concerns": "Sähkökatkot"})
    return made.id


def test_people_are_found_by_their_name_now_and_before(store: Store, person: str) -> None:
    assert find_people(store, "äijälä") == [person]
    assert find_people(store, "aino virtanen") == [person]
    assert find_people(store, "Virtanen Aino") == [person]
    assert find_people(store, "Nobody") == []


def test_everything_about_the_person_is_gathered(store: Store, person: str) -> None:
    data = people_data(store, "Äijälä")
    assert data["format"] == "verkosto-person-export/2"
    (found,) = data["people"]
    assert found["person"]["name"] == NAME
    assert found["consent"]["recorded_on"] == "2026-02-01"
    assert found["organisation"]["name"] == "Kyläyhdistys ry"
    assert found["previous_versions"][0]["data"]["name"] == "Aino Virtanen"
    assert [c["result"] for c in found["call_round_results"]] == ["no_answer"]
    entries = found["log_entries"]
    assert len(entries) == 2  # written by her, and naming her by phone and name
    assert [e["wrote_it"] for e in entries] == [True, False]
    assert [m["notes"] for m in found["meetings_and_activities_naming_them"]] == [
        f"Paikalla {NAME}"
    ]
    assert len(found["meetings_and_activities_of_their_organisation"]) == 1
    assert [a["answer"] for a in found["survey_answers_naming_them"]] == [
        f"Kahvia ({NAME} keittää)"
    ]
    assert [a["answer"] for a in found["survey_answers_of_their_organisation"]] == ["Sähkökatkot"]
    others = found["other_records_naming_them"]
    assert [o["table"] for o in others] == ["actor"]
    assert others[0]["texts"]["notes"] == f"Avaimet: {NAME}"
    # The actor's old note "Kysy Aino Äijälälta" (in its history) inflects the name: only a
    # name as written is found. Her own past versions are listed above, not here.
    assert found["past_versions_of_other_records_naming_them"] == []


def test_verkosto_person_prints_json_writes_pdf_and_changes_nothing(
    store: Store, person: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if store.is_server:
        pytest.skip("about a file: the command's run is checked against the file's bytes")
    store.checkpoint()
    path = store.path
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    assert main(["person", "äijälä", "--database", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [p["person"]["name"] for p in printed["people"]] == [NAME]

    assert main(["person", "äijälä", "--database", str(path), "--format", "pdf"]) == 1
    assert "--out" in capsys.readouterr().err
    out = tmp_path / "aino.pdf"
    assert (
        main(["person", "äijälä", "--database", str(path), "--format", "pdf", "--out", str(out)])
        == 0
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Henkilön tiedot" in text and NAME in text and "Aino Virtanen" in text
    assert out.stat().st_mode & 0o077 == 0
    # The paper names what the file holds as keys; the JSON keeps the keys.
    for key, label in (
        ("no_answer", CallResult("no_answer").label()),
        ("observation", LogKind("observation").label()),
        ("coordination_meeting", ActivityKind("coordination_meeting").label()),
    ):
        assert label in text and key not in text

    assert main(["person", "Nobody", "--database", str(path)]) == 1
    assert "Nobody" in capsys.readouterr().err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
