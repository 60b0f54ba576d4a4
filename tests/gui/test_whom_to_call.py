"""One rule for whom to call, on screen and on paper.

An actor with a primary contact who is not reachable 24/7, a separate contact who is, and a third
person who is the own contact of one of its capabilities. Every list and sheet that names a
person to call must name the 24/7 contact for the actor and for the capability without an own
contact, and the own contact for the other capability: the register's table, who can help,
``verkosto find``, the situation card, the meeting pack, the pocket list, the contact list, the
CSV, the call round and its tick-off sheet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.cli import main
from verkosto_desktop.data.incident import incidents
from verkosto_desktop.data.network import call_rounds
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.call_rounds import CallSelection
from verkosto_desktop.printouts import DocumentKind, PrintRequest
from verkosto_desktop.ui.incident.helpers_tab import COL_CONTACT as HELPER_CONTACT
from verkosto_desktop.ui.incident.helpers_tab import COL_PHONE as HELPER_PHONE
from verkosto_desktop.ui.incident.section import IncidentSection
from verkosto_desktop.ui.register.row_text import COL_CONTACT, COL_PHONE
from verkosto_desktop.ui.register.section import RegisterSection

ACTOR = "Saaren kyläyhdistys"
# Names chosen so that neither the primary flag nor the alphabet picks the 24/7 contact.
PRIMARY = "Aino Ensimmäinen"
AROUND_THE_CLOCK = "Ville Yövuoro"
OWN = "Olli Omahenkilö"
PRIMARY_PHONE, ALWAYS_PHONE, OWN_PHONE = "040 111 0001", "040 111 0002", "040 111 0003"


@pytest.fixture
def register(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "whom.verkosto"
    with Store.open(path) as store:
        actor = actors.create_actor(
            store, {"name": ACTOR, "kind": "association", "membership_status": "member"}
        )
        # All three agreed to be named on shared sheets (situation card, meeting pack) too.
        shared = {"consent_on": "2026-01-15", "consent_share_with_authorities": True}
        contacts.add_contact(
            store,
            actor.id,
            {"name": PRIMARY, "mobile": PRIMARY_PHONE, "is_primary": True, **shared},
        )
        contacts.add_contact(
            store,
            actor.id,
            {"name": AROUND_THE_CLOCK, "mobile": ALWAYS_PHONE, "reachable_24_7": True, **shared},
        )
        own = contacts.add_contact(store, actor.id, {"name": OWN, "mobile": OWN_PHONE, **shared})
        fits = {"phases": ["response"], "situations": ["power_outage"]}
        catering = capabilities.add_capability(
            store, actor.id, {"category_key": "catering", "description": "Keittoa", **fits}
        )
        transport = capabilities.add_capability(
            store,
            actor.id,
            {"category_key": "transport", "description": "Kyyti", "contact_id": own.id, **fits},
        )
        incident = incidents.start_incident(
            store, {"title": "Myrskyn jälkeen", "situations": ["power_outage"]}
        )
    return path, {
        "actor": actor.id,
        "catering": catering.id,
        "transport": transport.id,
        "incident": incident.id,
    }


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _printed(store: Store, request: PrintRequest) -> bytes:
    from verkosto_desktop.printouts.render import render

    out = io.BytesIO()
    render(store, request, out)
    return out.getvalue()


def _named_after(text: str, marker: str, names: tuple[str, ...]) -> str:
    """The first of ``names`` the text names after ``marker`` (a capability's description)."""
    rest = text[text.index(marker) :]
    found = [name for name in names if name in rest]
    assert found, f"nobody named after {marker!r}: {rest[:300]}"
    return min(found, key=rest.index)


def _first_of(text: str, *names: str) -> str:
    """Which of ``names`` the text names first (each must be there)."""
    for name in names:
        assert name in text, f"{name} not in {text[:400]}"
    return min(names, key=text.index)


def test_paper_names_the_same_person(register: tuple[Path, dict[str, str]]) -> None:
    path, ids = register
    people = (PRIMARY, AROUND_THE_CLOCK, OWN)
    with Store.open(path) as store:
        # Situation card and meeting pack: one row per capability; the primary contact is
        # nobody's person to call here, so the card does not name her at all.
        for request in (
            PrintRequest(DocumentKind.SITUATION, situation="power_outage"),
            PrintRequest(DocumentKind.MEETING, incident_id=ids["incident"]),
        ):
            text = _pdf_text(_printed(store, request))
            assert AROUND_THE_CLOCK in text and OWN in text, request.kind
            assert PRIMARY not in text, request.kind
            # Each capability's row names its person: catering the 24/7 contact, transport its own.
            assert _named_after(text, "Keittoa", people) == AROUND_THE_CLOCK, request.kind
            assert _named_after(text, "Kyyti", people) == OWN, request.kind
        # The pocket list has only the 24/7 contact.
        pocket = _pdf_text(_printed(store, PrintRequest(DocumentKind.POCKET)))
        assert AROUND_THE_CLOCK in pocket and PRIMARY not in pocket and OWN not in pocket
        # Contact list, CSV and vCards list every person, the one to call first.
        contact_list = _pdf_text(_printed(store, PrintRequest(DocumentKind.CONTACTS)))
        assert _first_of(contact_list, *people) == AROUND_THE_CLOCK
        table = _printed(store, PrintRequest(DocumentKind.CSV)).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(table), delimiter=";"))
        named = [cell for row in rows[1:] for cell in row if cell in people]
        assert named[0] == AROUND_THE_CLOCK, named
        vcards = _printed(store, PrintRequest(DocumentKind.VCARD)).decode()
        assert _first_of(vcards, *people) == AROUND_THE_CLOCK
        # A call round over the members calls the 24/7 contact first, on screen and on paper.
        started = call_rounds.start_round(store, "Kierros", CallSelection.MEMBERS.value)
        entries = call_rounds.round_entries(store, started.id)
        assert entries[0].target.contact_name == AROUND_THE_CLOCK
    sheet = path.parent / "kierros.pdf"
    assert main(["export", "call-sheet", "--database", str(path), "--out", str(sheet)]) == 0
    assert _first_of(_pdf_text(sheet.read_bytes()), *people) == AROUND_THE_CLOCK


def test_find_names_the_same_person(
    register: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ids = register
    assert main(["find", "kylä", "--database", str(path)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    fields = line.split("\t")
    assert fields[1] == ACTOR and fields[3] == AROUND_THE_CLOCK
    assert fields[4] == "+358401110002"  # that person's own number, not another's
    assert main(["find", "kylä", "--database", str(path), "--format", "json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert (found["contact_name"], found["phone"]) == (AROUND_THE_CLOCK, "+358401110002")


def test_screen_names_the_same_person(qtbot: QtBot, register: tuple[Path, dict[str, str]]) -> None:
    path, ids = register
    window = build_window(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    section = window.section("register")
    assert isinstance(section, RegisterSection)
    model = section.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.data(model.index(0, COL_CONTACT)) == AROUND_THE_CLOCK
    assert model.data(model.index(0, COL_PHONE)) == ALWAYS_PHONE

    window.show_section("incident")
    incident = window.section("incident")
    assert isinstance(incident, IncidentSection)
    tabs = incident.tabs
    bar = tabs.tabBar()
    position = bar.tabRect(tabs.indexOf(incident.helpers_tab)).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=position)
    helpers = incident.helpers_tab.model
    qtbot.waitUntil(lambda: helpers.rowCount() == 2)
    shown = {
        row.capability_id: (
            helpers.data(helpers.index(n, HELPER_CONTACT)),
            helpers.data(helpers.index(n, HELPER_PHONE)),
        )
        for n, row in enumerate(helpers.rows)
    }
    assert shown == {
        ids["catering"]: (AROUND_THE_CLOCK, ALWAYS_PHONE),
        ids["transport"]: (OWN, OWN_PHONE),
    }
