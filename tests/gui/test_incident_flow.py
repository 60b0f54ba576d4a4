"""The whole incident flow through the window, as a coordinator would do it: start, assess, log,
find helpers, create tasks, hold a meeting, move to recovery, close and write the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.incident import incidents
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.ui.incident.assessment_dialog import AssessmentDialog
from verkosto_desktop.ui.incident.close_dialog import CloseIncidentDialog
from verkosto_desktop.ui.incident.correction_dialog import CorrectionDialog
from verkosto_desktop.ui.incident.helpers_tab import COL_TASK
from verkosto_desktop.ui.incident.log_model import COL_TEXT, RowRole
from verkosto_desktop.ui.incident.meeting_dialog import MeetingDialog
from verkosto_desktop.ui.incident.recovery_tab import RecoveryActivityDialog
from verkosto_desktop.ui.incident.section import (
    TAB_ASSESSMENTS,
    TAB_HELPERS,
    TAB_LOG,
    TAB_MEETINGS,
    TAB_RECOVERY,
    TAB_TASKS,
    IncidentSection,
)
from verkosto_desktop.ui.incident.start_dialog import StartIncidentDialog
from verkosto_desktop.ui.incident.tasks_tab import NewTaskDialog
from verkosto_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> MainWindow:
    built = build_window(demo_path)
    qtbot.addWidget(built)
    built.resize(1300, 820)
    built.show()
    qtbot.waitExposed(built)
    built.show_section("incident")
    return built


def section_of(window: MainWindow) -> IncidentSection:
    section = window.section("incident")
    assert isinstance(section, IncidentSection)
    return section


def click(qtbot: QtBot, parent: object, name: str) -> None:
    button = parent.findChild(QPushButton, name)  # type: ignore[attr-defined]
    assert button is not None, name
    assert button.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(qtbot: QtBot, section: IncidentSection, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in section.findChildren(kind)))
    return next(d for d in section.findChildren(kind) if d.isVisible())


def press_ok(qtbot: QtBot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = next(
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def log_texts(section: IncidentSection) -> list[str]:
    model = section.log_tab.model
    return [model.row_at(r).text for r in range(model.rowCount())]


def click_cell(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_full_incident_flow(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = section_of(window)
    store = window.context.store
    before = {i.id for i in incidents.list_incidents(store)}

    # Start: title, a situation type, area, the convener typed as a free name.
    click(qtbot, section, "startIncident")
    start = open_dialog(qtbot, section, StartIncidentDialog)
    assert isinstance(start, StartIncidentDialog)
    type_into(qtbot, start.title, "Storm over Lahdenpera")
    start.check_situation("storm")
    type_into(qtbot, start.area, "Lahdenpera")
    start.convener.setEditText("SPR Esimerkkilän osasto")
    press_ok(qtbot, start)
    qtbot.waitUntil(lambda: not start.isVisible())
    (new_id,) = {i.id for i in incidents.list_incidents(store)} - before
    assert section.current_incident_id() == new_id
    assert section.header.title.text() == "Storm over Lahdenpera"
    assert "Lahdenpera" in section.header.meta.text()
    assert section.tabs.currentIndex() == TAB_LOG

    # Log: type and press Enter, then a Finnish entry set as text and committed with Enter.
    entry = section.log_tab.entry
    qtbot.keyClicks(entry, "Trees down on road 12")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Trees down on road 12" in log_texts(section))
    assert entry.text() == ""
    entry.setText("Sähköt poikki Lähdenperässä, 300 taloutta")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sähköt poikki Lähdenperässä, 300 taloutta" in log_texts(section))

    # Correct the first entry: the original stays, struck through; the correction links to it.
    texts = log_texts(section)
    section.log_tab.select(section.log_tab.model.row_at(texts.index("Trees down on road 12")).id)
    click(qtbot, section, "logCorrect")
    correction = open_dialog(qtbot, section, CorrectionDialog)
    assert isinstance(correction, CorrectionDialog)
    type_into(qtbot, correction.text, "Trees down on road 21")
    press_ok(qtbot, correction)
    qtbot.waitUntil(lambda: "Trees down on road 21" in log_texts(section))
    model = section.log_tab.model
    rows = [model.row_at(r) for r in range(model.rowCount())]
    original = next(r for r in rows if r.text == "Trees down on road 12")
    fixed = next(r for r in rows if r.text == "Trees down on road 21")
    assert fixed.corrects_id == original.id and original.is_corrected
    original_row = rows.index(original)
    assert model.index(original_row, COL_TEXT).data(Qt.ItemDataRole.FontRole).strikeOut()

    # Filter by text.
    qtbot.keyClicks(section.log_tab.filter_text, "road")
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    section.log_tab.filter_text.clear()
    qtbot.waitUntil(lambda: model.rowCount() > 2)

    # Two situation assessments, the second starting from the first; compared side by side.
    section.tabs.setCurrentIndex(TAB_ASSESSMENTS)
    click(qtbot, section, "newAssessment")
    first = open_dialog(qtbot, section, AssessmentDialog)
    assert isinstance(first, AssessmentDialog)
    qtbot.keyClicks(first.field("power"), "Out in the whole village")
    qtbot.keyClicks(first.field("roads"), "Road 21 closed")
    qtbot.keyClicks(first.summary, "Storm damage")
    press_ok(qtbot, first)
    qtbot.waitUntil(lambda: section.assessments_tab.list_model.rowCount() == 1)
    click(qtbot, section, "newAssessment")
    second = open_dialog(qtbot, section, AssessmentDialog)
    assert isinstance(second, AssessmentDialog)
    power = second.field("power")
    assert isinstance(power, QLineEdit) and power.text() == "Out in the whole village"
    # The summary is not copied: a new assessment says anew what the situation is.
    assert second.summary.text() == "" and "Storm damage" in second.summary.placeholderText()
    type_into(qtbot, power, "Back in half of the village")
    qtbot.keyClicks(second.summary, "Recovering")
    press_ok(qtbot, second)
    qtbot.waitUntil(lambda: section.assessments_tab.list_model.rowCount() == 2)
    comparison = section.assessments_tab.comparison_model
    changed = {row.key: (row.older, row.newer) for row in comparison.rows() if row.changed}
    assert changed == {
        "power": ("Out in the whole village", "Back in half of the village"),
        "summary": ("Storm damage", "Recovering"),
    }

    # Who can help: a click on a row's task cell opens the task form, filled in with its
    # actor and capability; nothing is asked for before OK (Cancel leaves no trace).
    section.tabs.setCurrentIndex(TAB_HELPERS)
    helpers = section.helpers_tab
    qtbot.waitUntil(lambda: helpers.model.rowCount() > 0)
    first_helper = helpers.model.rows[0]
    assert first_helper.reachable_24_7
    tasks_tab = section.tasks_tab
    entries_before = len(log_texts(section))
    click_cell(qtbot, helpers.table, helpers.model.index(0, COL_TASK))
    asked = open_dialog(qtbot, section, NewTaskDialog)
    assert isinstance(asked, NewTaskDialog)
    assert asked.actor.actor_id() == first_helper.actor_id
    assert asked.title.text() == helpers.model.capability_text(first_helper)
    asked.reject()
    assert tasks_tab.rows == [] and len(log_texts(section)) == entries_before
    click_cell(qtbot, helpers.table, helpers.model.index(0, COL_TASK))
    asked = open_dialog(qtbot, section, NewTaskDialog)
    assert isinstance(asked, NewTaskDialog)
    type_into(qtbot, asked.title, "Hot soup for 40 at the village hall")
    press_ok(qtbot, asked)
    qtbot.waitUntil(lambda: first_helper.actor_name in helpers.status.text())

    # Tasks: the new task is requested; accept it and mark it done.
    section.tabs.setCurrentIndex(TAB_TASKS)
    (task,) = tasks_tab.rows
    assert task.title == "Hot soup for 40 at the village hall"
    assert task.capability_id == first_helper.capability_id
    assert task.status == "requested" and task.actor_id == first_helper.actor_id
    assert tasks_tab.select(task.id)
    click(qtbot, section, "taskStatus_accepted")
    qtbot.waitUntil(lambda: tasks_tab.rows[0].status == "accepted")
    assert tasks_tab.select(task.id)
    click(qtbot, section, "taskStatus_done")
    qtbot.waitUntil(lambda: tasks_tab.rows[0].status == "done")
    assert [c.status for c in tasks_tab.rows[0].changes] == ["requested", "accepted", "done"]

    # A coordination meeting with two attendees ticked with the space bar, and a decision.
    section.tabs.setCurrentIndex(TAB_MEETINGS)
    click(qtbot, section, "newMeeting")
    meeting = open_dialog(qtbot, section, MeetingDialog)
    assert isinstance(meeting, MeetingDialog)
    for name in ("Esimerkkilän VPK", "Esimerkkilän seurakunta"):
        meeting.filter.setText(name)
        meeting.list.setCurrentIndex(meeting.attendance.index(0))
        qtbot.keyClick(meeting.list, Qt.Key.Key_Space)
    meeting.filter.clear()
    assert len(meeting.attendance.checked_ids()) == 2
    type_into(qtbot, meeting.place, "Kunnantalo")
    press_ok(qtbot, meeting)
    qtbot.waitUntil(lambda: len(section.meetings_tab.rows) == 1)
    decision = section.meetings_tab.decision
    qtbot.keyClicks(decision, "School opens as a warm shelter")
    qtbot.keyClick(decision, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(section.meetings_tab.rows[0].decisions) == 1)
    assert "School opens as a warm shelter" in section.meetings_tab.details.toPlainText()
    assert [a for _id, a in section.meetings_tab.rows[0].attendees] == [
        "Esimerkkilän seurakunta",
        "Esimerkkilän VPK",
    ]

    # Move to recovery (confirmed), then plan a recovery activity.
    click(qtbot, section, "moveToRecovery")
    qtbot.waitUntil(lambda: section.findChild(QMessageBox, "confirmRecovery") is not None)
    box = section.findChild(QMessageBox, "confirmRecovery")
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: incidents.get_incident(store, new_id).phase == "recovery")
    assert not section.header.recovery.isEnabled()
    section.tabs.setCurrentIndex(TAB_RECOVERY)
    click(qtbot, section, "newRecoveryActivity")
    activity = open_dialog(qtbot, section, RecoveryActivityDialog)
    assert isinstance(activity, RecoveryActivityDialog)
    qtbot.keyClicks(activity.title, "Coffee club for the village")
    activity.permanent.setChecked(True)
    press_ok(qtbot, activity)
    qtbot.waitUntil(lambda: section.recovery_tab.model.rowCount() == 1)

    # Close with lessons learned; the report is written in the background.
    out = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, section, "closeIncident")
    closing = open_dialog(qtbot, section, CloseIncidentDialog)
    assert isinstance(closing, CloseIncidentDialog)
    assert not closing.ok_button.isEnabled()
    closing.lessons.setPlainText("Varahenkilöt kylätalon avaimille.")
    with qtbot.waitSignal(section.report_written, timeout=30_000) as written:
        qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    assert Path(written.args[0]) == out
    closed = incidents.get_incident(store, new_id)
    assert (
        closed.phase == "closed" and closed.lessons_learned == "Varahenkilöt kylätalon avaimille."
    )
    section.tabs.setCurrentIndex(TAB_LOG)
    assert not section.log_tab.entry.isEnabled()

    # The report holds the timeline in the order things happened.
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    log = incident_log.log_entries(store, new_id, newest_first=False)
    expected = [
        "Trees down on road 12",
        "Trees down on road 21",
        "Sähköt poikki Lähdenperässä, 300 taloutta",
        "School opens as a warm shelter",
        "Siirryttiin jälkihuoltoon.",
        "Häiriötilanne päätettiin.",
    ]
    assert [e.text for e in log if e.text in expected] == expected
    positions = [text.find(item) for item in expected]
    assert -1 not in positions and positions == sorted(positions)
    for item in ("Coffee club for the village", "Varahenkilöt kylätalon avaimille.", "Kunnantalo"):
        assert item in text
    assert "Raportti tallennettu" in section.header.status.text()


def test_show_incident_and_the_status_bar_banner(qtbot: QtBot, window: MainWindow) -> None:
    section = section_of(window)
    store = window.context.store
    storm = next(i for i in incidents.list_incidents(store) if not i.is_open)
    active = incidents.active_incidents(store)[0]
    section.show_incident(storm.id)
    assert section.current_incident_id() == storm.id
    assert not section.log_tab.entry.isEnabled()
    assert not section.header.close_button.isEnabled()
    assert section.header.elapsed.text().startswith("kesti ")
    assert not section.header.elapsed.is_ticking()
    from verkosto_desktop.ui.incident.banner import ActiveIncidentBanner

    banner = window.findChild(ActiveIncidentBanner, "incidentStatusBanner")
    assert banner is not None and banner.isVisible()
    assert active.title in banner.text()
    button = banner.findChild(QPushButton, "incidentStatusButton")
    assert button is not None
    if window.section("register") is not None:
        window.show_section("register")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_section() == "incident"
    assert section.current_incident_id() == active.id


def test_the_log_row_role_gives_the_frozen_row(qtbot: QtBot, window: MainWindow) -> None:
    section = section_of(window)
    model = section.log_tab.model
    assert model.rowCount() >= 4
    row = model.index(0, 0).data(RowRole)
    assert row is not None and row.incident_id == section.current_incident_id()


def test_details_of_an_open_incident_can_be_changed(qtbot: QtBot, window: MainWindow) -> None:
    section = section_of(window)
    store = window.context.store
    active = incidents.active_incidents(store)[0]
    section.show_incident(active.id)
    click(qtbot, section, "editIncident")
    dialog = open_dialog(qtbot, section, StartIncidentDialog)
    assert isinstance(dialog, StartIncidentDialog)
    assert dialog.title.text() == active.title and not dialog.started_at.isEnabled()
    dialog.area.setText("Kirkonkylä, Koivuniemi ja Lähdenperä")
    qtbot.keyClick(dialog.area, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    changed = incidents.get_incident(store, active.id)
    assert changed.area == "Kirkonkylä, Koivuniemi ja Lähdenperä"
    assert changed.started_at == active.started_at
    assert "Lähdenperä" in section.header.meta.text()


def test_a_request_made_by_mistake_is_cancelled_with_a_correction(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from verkosto_desktop.data.incident import tasks

    section = section_of(window)
    incident_id = section.current_incident_id()
    assert incident_id is not None
    task = tasks.create_task(window.context.store, incident_id, None, "Väärä pyyntö")
    section.tabs.setCurrentIndex(TAB_TASKS)
    tasks_tab = section.tasks_tab
    qtbot.waitUntil(lambda: any(r.id == task.id for r in tasks_tab.rows))
    assert tasks_tab.select(task.id)
    # First the user changes their mind (Cancel in the question): nothing happens.
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    click(qtbot, section, "taskStatus_cancelled")
    assert next(r for r in tasks_tab.rows if r.id == task.id).status == "requested"
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("kirjattu väärälle", True))
    )
    assert tasks_tab.select(task.id)
    click(qtbot, section, "taskStatus_cancelled")
    qtbot.waitUntil(
        lambda: next(r for r in tasks_tab.rows if r.id == task.id).status == "cancelled"
    )
    entries = incident_log.log_entries(window.context.store, incident_id)
    request = next(e for e in entries if e.text.endswith("Väärä pyyntö") and e.corrects_id is None)
    assert request.is_corrected
    correction = next(e for e in entries if e.corrects_id == request.id)
    assert "kirjattu väärälle" in correction.text
