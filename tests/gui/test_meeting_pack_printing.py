"""Printing the coordination-meeting pack from an incident's meetings tab: the pack is about the
incident on screen (a closed one too) and holds the chosen meeting's details and decisions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.incident import meetings
from verkosto_desktop.data.incident.incidents import active_incidents, change_phase, start_incident
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.incident.section import TAB_MEETINGS, IncidentSection
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.printouts import PrintoutsSection


@dataclass(frozen=True)
class Held:
    incident_id: str
    incident_title: str
    meeting_id: str
    decisions: tuple[str, ...]
    place: str
    convener: str


def _hold(store: Store, incident_id: str, place: str, decisions: tuple[str, ...]) -> Held:
    by_name = {name: actor_id for actor_id, name in actor_names(store)}
    convener = sorted(by_name)[0]
    attendees = sorted(by_name)[1:3]
    held = meetings.hold_meeting(
        store,
        incident_id,
        {
            "organiser_id": by_name[convener],
            "attendees": [by_name[a] for a in attendees],
            "place": place,
            "next_meeting_at": utcnow() + timedelta(days=1),
        },
    )
    for text in decisions:
        meetings.add_decision(store, held.id, text, author="Testaaja")
    return Held(incident_id, "", held.id, decisions, place, convener)


@pytest.fixture
def held(demo_path: Path) -> dict[str, Held]:
    """A meeting of the demo's active outage, and one of a water outage that is now closed."""
    with Store.open(demo_path) as store:
        (active,) = active_incidents(store)
        # An earlier meeting of the same incident with its own decision: not this meeting's.
        other = meetings.hold_meeting(store, active.id, {"place": "Vanha paikka"})
        meetings.add_decision(store, other.id, "Aiemman kokouksen päätös, ei tähän kokoukseen.")
        outage = _hold(
            store,
            active.id,
            "Seurakuntatalo, Kirkkotie 3",
            ("Seurakuntatalo pidetään auki yön yli.", "Ikäihmisille soitetaan kahdesti päivässä."),
        )
        water = start_incident(
            store,
            {
                "title": "Vesikatko Koivuniemessä",
                "situations": ["water_outage"],
                "area": "Koivuniemi",
            },
        )
        closed = _hold(
            store,
            water.id,
            "Koivuniemen kylätalo",
            ("Vettä jaetaan kylätalolta klo 8–20.",),
        )
        change_phase(store, water.id, "closed")
    return {
        "active": replace(outage, incident_title=active.title),
        "closed": replace(closed, incident_title=water.title),
    }


def _show_incident(qtbot: QtBot, section: IncidentSection, incident_id: str) -> None:
    """Choose the incident in the header's list with the keyboard, as a user would."""
    chooser = section.header.chooser
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Home)
    for _step in range(chooser.count()):
        if chooser.currentData() == incident_id:
            break
        qtbot.keyClick(chooser, Qt.Key.Key_Down)
    assert chooser.currentData() == incident_id
    qtbot.waitUntil(lambda: section.current_incident_id() == incident_id)


def _print_from_meetings_tab(qtbot: QtBot, window: MainWindow, meeting: Held) -> str:
    section = window.show_section("incident")
    assert isinstance(section, IncidentSection)
    _show_incident(qtbot, section, meeting.incident_id)
    tabs = section.tabs.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(TAB_MEETINGS).center())
    tab = section.meetings_tab
    qtbot.waitUntil(lambda: any(row.id == meeting.meeting_id for row in tab.rows))
    row = next(i for i, r in enumerate(tab.rows) if r.id == meeting.meeting_id)
    rect = tab.list.visualRect(tab.model.index(row, 0))
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.selected() is not None and tab.selected().id == meeting.meeting_id  # type: ignore[union-attr]
    button = tab.findChild(QPushButton, "printMeetingPack")
    assert button is not None and button.isVisible()
    exports: PrintoutsSection | None = None

    def previewed() -> bool:
        nonlocal exports
        found = window.section("printouts")
        exports = found if isinstance(found, PrintoutsSection) else None
        return exports is not None and exports.panel.built is not None

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_section() == "printouts"
    qtbot.waitUntil(previewed, timeout=30_000)
    assert exports is not None
    request = exports.panel.built_for
    assert request is not None
    assert (request.incident_id, request.meeting_id) == (meeting.incident_id, meeting.meeting_id)
    reader = PdfReader(BytesIO(exports.panel.built or b""))
    return "\n".join(page.extract_text() for page in reader.pages)


def meetings_of(window: MainWindow, meeting: Held) -> list[meetings.MeetingRow]:
    return meetings.incident_meetings(window.context.store, meeting.incident_id)


@pytest.mark.parametrize("which", ["closed", "active"])
def test_the_meeting_pack_is_about_the_incident_and_meeting_on_screen(
    qtbot: QtBot, demo_path: Path, held: dict[str, Held], which: str
) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.resize(1300, 820)
    window.show()
    qtbot.waitExposed(window)
    meeting = held[which]
    other = held["active" if which == "closed" else "closed"]
    text = " ".join(_print_from_meetings_tab(qtbot, window, meeting).split())
    assert meeting.incident_title in text
    assert other.incident_title not in text
    # The meeting's own section comes before the agenda and holds its details and decisions.
    title = next(m.title for m in meetings_of(window, meeting) if m.id == meeting.meeting_id)
    start = text.index(f"Kokous: {title}")
    part = text[start : text.index("Esityslista", start)]
    assert meeting.place in part
    assert f"Koolle kutsuja: {meeting.convener}" in part
    assert "Osallistujat (2)" in part and "Seuraava kokous:" in part
    for number, decision in enumerate(meeting.decisions, start=1):
        assert f"{number}. {' '.join(decision.split())}" in part
    assert "Aiemman kokouksen päätös" not in part
    for decision in other.decisions:
        assert " ".join(decision.split()) not in text
    window.close()
