"""Consent decides what each document shows (``domain.consent``), one test per document.

The register holds one organisation with three contact persons: one without any recorded
consent, one whose consent forbids sharing with authorities, and one who agreed to both. Shared
documents (situation card, coordination meeting pack, after-action report, readiness sheet,
action plan) name only the last, keep the organisation's own number, replace the others in free
text and say how many were left out; internal ones (contact list, pocket list, call sheet, CSV,
vCards) name everyone, mark the one without consent, and are for internal use only.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
import vobject
from pypdf import PdfReader

from verkosto_desktop.data.dashboard.readiness import read_readiness
from verkosto_desktop.data.details import ContactDetail
from verkosto_desktop.data.incident import log, meetings, tasks
from verkosto_desktop.data.incident.incidents import start_incident
from verkosto_desktop.data.network import action_plan, call_rounds
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.export.call_sheet import SheetHeading, write_call_sheet
from verkosto_desktop.export.incident_report import write_incident_report
from verkosto_desktop.export.readiness_sheet import write_readiness_sheet
from verkosto_desktop.printouts import DocumentKind, PrintRequest
from verkosto_desktop.printouts.incident import shared_incident_report
from verkosto_desktop.printouts.render import render
from verkosto_desktop.printouts.shared import SharedView

NO_CONSENT = "Salla Salainen"
NO_SHARING = "Kalle Kieltäjä"
AGREED = "Jaana Jakaja"
ACTOR_PHONE = "014 555 0101"
SHARED_LINE = "LUOTTAMUKSELLINEN — sisältää henkilötietoja"
INTERNAL_LINE = "LUOTTAMUKSELLINEN — sisäiseen käyttöön"
MARK = "ei kirjattua suostumusta"


def flat(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def people(store: Store) -> Store:
    actor = actors.create_actor(
        store, {"name": "Kylätalo ry", "kind": "association", "phone": ACTOR_PHONE}
    )
    hidden = contacts.add_contact(
        store,
        actor.id,
        {"name": NO_CONSENT, "mobile": "040 111 1111", "reachable_24_7": True, "is_primary": True},
    )
    contacts.add_contact(
        store,
        actor.id,
        {
            "name": NO_SHARING,
            "mobile": "040 222 2222",
            "consent_on": date(2026, 1, 10),
            "consent_share_with_authorities": False,
            "reachable_24_7": True,
        },
    )
    contacts.add_contact(
        store,
        actor.id,
        {
            "name": AGREED,
            "mobile": "040 333 3333",
            "consent_on": date(2026, 1, 10),
            "consent_share_with_authorities": True,
            "reachable_24_7": True,
        },
    )
    capabilities.add_capability(
        store,
        actor.id,
        {
            "category_key": "catering",
            "description": "Keittoa",
            "contact_id": hidden.id,
            "phases": ["response"],
            "situations": ["power_outage"],
        },
    )
    incident = start_incident(
        store, {"title": "Myrsky", "situations": ["power_outage"]}, author=NO_SHARING
    )
    log.add_entry(
        store,
        incident.id,
        {
            "kind": "observation",
            "text": f"{NO_CONSENT} soitti: sähköt poikki",
            "author": NO_SHARING,
        },
    )
    log.add_entry(store, incident.id, {"kind": "observation", "text": f"{AGREED} lupasi keittoa"})
    meetings.hold_meeting(
        store, incident.id, {"attendees": [actor.id], "notes": f"Paikalla {NO_CONSENT}"}
    )
    tasks.create_task(
        store, incident.id, actor.id, "Keittoa kylätalolle", notes=f"Soita {NO_SHARING}"
    )
    action_plan.create_item(
        store, {"title": "Harjoitus", "notes": f"Vastuuhenkilö {NO_CONSENT}", "phase": "response"}
    )
    return store


def pdf(store: Store, request: PrintRequest) -> str:
    out = io.BytesIO()
    render(store, request, out)
    return flat(out.getvalue())


def assert_shared(text: str, left_out: int) -> None:
    assert NO_CONSENT not in text and NO_SHARING not in text
    assert "040 111 1111" not in text and "040 222 2222" not in text
    assert f"yhteyshenkilöitä jätetty pois: {left_out}" in text
    assert SHARED_LINE in text and INTERNAL_LINE not in text


def assert_internal(text: str) -> None:
    assert NO_CONSENT in text and NO_SHARING in text and AGREED in text
    assert MARK in text
    assert INTERNAL_LINE in text and SHARED_LINE not in text


def test_situation_card_names_only_who_agreed_and_keeps_the_organisations_number(
    people: Store,
) -> None:
    text = pdf(people, PrintRequest(DocumentKind.SITUATION, situation="power_outage"))
    # The capability's own person gave no consent: the one who agreed is shown instead.
    assert AGREED in text and "040 333 3333" in text
    assert_shared(text, 1)


def test_situation_card_falls_back_to_the_organisations_own_number(people: Store) -> None:
    agreed = next(c for c in _contacts(people) if c.name == AGREED)
    contacts.update_contact(people, agreed.id, {"consent_share_with_authorities": False})
    text = pdf(people, PrintRequest(DocumentKind.SITUATION, situation="power_outage"))
    assert AGREED not in text and ACTOR_PHONE in text and "Keittoa" in text


def test_meeting_pack_replaces_people_left_out_in_the_log_tasks_and_notes(people: Store) -> None:
    text = pdf(people, PrintRequest(DocumentKind.MEETING))
    assert "[yhteyshenkilö] soitti: sähköt poikki" in text
    assert f"{AGREED} lupasi keittoa" in text
    assert "Soita [yhteyshenkilö]" in text
    # The offer's person and the two named in texts.
    assert_shared(text, 2)


def test_after_action_report_is_shared(people: Store, tmp_path: Path) -> None:
    from verkosto_desktop.data.incident.incidents import list_incidents

    incident = list_incidents(people)[0]
    path = write_incident_report(shared_incident_report(people, incident.id), tmp_path / "r.pdf")
    text = flat(path.read_bytes())
    # The author of the entries too (the incident was started by one who may not be named).
    assert "[yhteyshenkilö] soitti: sähköt poikki ([yhteyshenkilö])" in text
    assert AGREED in text
    assert_shared(text, 2)


def test_readiness_sheet_is_shared(people: Store, tmp_path: Path) -> None:
    shared = SharedView.of(people)
    picture = shared.readiness(read_readiness(people))
    path = write_readiness_sheet(picture, tmp_path / "v.pdf", left_out=len(shared.left_out))
    text = flat(path.read_bytes())
    assert NO_CONSENT not in text and NO_SHARING not in text
    assert "yhteyshenkilöitä jätetty pois" in text and SHARED_LINE in text


def test_action_plan_is_shared(people: Store) -> None:
    text = pdf(people, PrintRequest(DocumentKind.PLAN))
    assert "Harjoitus" in text and "Vastuuhenkilö [yhteyshenkilö]" in text
    assert NO_CONSENT not in text


def test_contact_list_names_everyone_and_marks_who_gave_no_consent(people: Store) -> None:
    text = pdf(people, PrintRequest(DocumentKind.CONTACTS))
    assert_internal(text)
    assert text.index(NO_CONSENT) < text.index(MARK) < text.index(NO_SHARING)
    assert text.count(MARK) == 1


def test_pocket_list_is_internal(people: Store) -> None:
    assert_internal(pdf(people, PrintRequest(DocumentKind.POCKET)))


def test_call_sheet_is_internal(people: Store, tmp_path: Path) -> None:
    started = call_rounds.start_round(people, "Kierros", "reachable_24_7")
    entries = call_rounds.round_entries(people, started.id)
    heading = SheetHeading(network_name="Verkosto", title="Kierros", started_on=date(2026, 3, 1))
    text = flat(write_call_sheet(tmp_path / "k.pdf", heading, entries).read_bytes())
    assert_internal(text)


def test_csv_names_everyone_with_their_consent(people: Store) -> None:
    out = io.BytesIO()
    render(people, PrintRequest(DocumentKind.CSV), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig")), delimiter=";"))
    by_name = {row["Yhteyshenkilö"]: row for row in rows}
    assert set(by_name) == {NO_CONSENT, NO_SHARING, AGREED}
    assert by_name[NO_CONSENT]["Suostumus kirjattu"] == MARK
    assert by_name[AGREED]["Suostumus kirjattu"] == "2026-01-10"
    assert by_name[AGREED]["Tiedot saa luovuttaa viranomaisille"] == "kyllä"
    assert by_name[NO_SHARING]["Tiedot saa luovuttaa viranomaisille"] == ""


def test_vcards_name_everyone_and_note_missing_consent(people: Store) -> None:
    out = io.BytesIO()
    render(people, PrintRequest(DocumentKind.VCARD), out)
    cards = {c.fn.value: c for c in vobject.readComponents(out.getvalue().decode("utf-8"))}
    assert set(cards) == {NO_CONSENT, NO_SHARING, AGREED}
    assert MARK in cards[NO_CONSENT].note.value
    assert (
        MARK not in getattr(cards[AGREED], "note", vobject.base.ContentLine("note", [], "")).value
    )


def _contacts(store: Store) -> list[ContactDetail]:
    actor_id = actors.actor_names(store)[0][0]
    return list(actors.get_actor(store, actor_id).contacts)


def test_print_pack_follows_the_same_rule_page_by_page(people: Store, tmp_path: Path) -> None:
    from verkosto_desktop.printouts.pack import write_pack

    result = write_pack(people, tmp_path)
    assert result.complete, result.failure_lines()
    combined = PdfReader(result.files[0])
    shared = internal = 0
    for page in combined.pages:
        text = re.sub(r"\s+", " ", page.extract_text())
        if SHARED_LINE in text:
            shared += 1
            assert NO_CONSENT not in text and NO_SHARING not in text, text[:200]
            assert "040 111 1111" not in text and "040 222 2222" not in text
        elif INTERNAL_LINE in text:
            internal += 1
    # Situation cards, the meeting pack and the readiness sheet; the contact and pocket lists.
    assert shared >= 3 and internal >= 2, (shared, internal)
    everything = flat(result.files[0].read_bytes())
    assert NO_CONSENT in everything and MARK in everything  # the internal lists name everyone
