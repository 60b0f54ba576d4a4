"""The network section, used as a person would: on a copy of the demo network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import vobject
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.network import (
    action_plan,
    activities,
    call_rounds,
    call_targets,
    founding,
    survey,
)
from verkosto_desktop.data.register import contacts
from verkosto_desktop.data.register.actors import today
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.timefmt import format_date, format_time
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.network import NetworkSection
from verkosto_desktop.ui.network.activity_dialog import ActivityDialog
from verkosto_desktop.ui.network.call_round_dialog import NewCallRoundDialog
from verkosto_desktop.ui.network.survey_entry import SurveyEntryDialog
from verkosto_desktop.ui.printouts.document_dialog import DocumentDialog


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    built = build_window(demo_path)
    qtbot.addWidget(built)
    built.resize(1300, 850)
    built.show()
    qtbot.waitExposed(built)
    yield built
    built.close()


def _section(window: MainWindow) -> NetworkSection:
    section = window.show_section("network")
    assert isinstance(section, NetworkSection)
    return section


def _child(parent, kind, name):  # type: ignore[no-untyped-def]
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def _tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its indicator (the middle of a wide box is empty space)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_tick_founding_steps(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    section.show_page(section.founding)
    steps = _child(window, type(section.founding), "foundingSteps")
    table = _child(steps, QTableView, "foundingStepsTable")
    store = window.context.store
    done_before, total, _next = founding.progress(store)
    # Step 8 is in progress in the demo: tick it with the keyboard.
    row = next(i for i, s in enumerate(steps.model.rows()) if s.status == "in_progress")
    table.setCurrentIndex(steps.model.index(row, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: founding.progress(store)[0] == done_before + 1)
    progress = _child(steps, QLabel, "foundingProgress")
    qtbot.waitUntil(lambda: f"{done_before + 1}" in progress.text())
    ticked = founding.founding_steps(store)[row]
    assert ticked.status == "done" and ticked.done_on == today()

    # The last step: not needed, via the status chooser, and who decided it.
    last = len(steps.model.rows()) - 1
    table.selectRow(last)
    status = _child(steps, QComboBox, "foundingStatus")
    status.setFocus()
    while status.currentData() != "not_needed":
        qtbot.keyClick(status, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: founding.founding_steps(store)[last].status == "not_needed")
    who = _child(steps, QLineEdit, "foundingWho")
    who.setFocus()
    who.selectAll()
    qtbot.keyClicks(who, "Board")
    qtbot.keyClick(who, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: founding.founding_steps(store)[last].who == "Board")
    assert founding.progress(store)[1] == total - 1


def test_residents_involvement_is_saved_in_finnish(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    steps = section.founding
    steps.table.selectRow(0)
    residents = _child(steps, QPlainTextEdit, "foundingResidents")
    window.activateWindow()
    residents.setFocus()
    qtbot.waitUntil(residents.hasFocus)
    residents.setPlainText("Kyläläiset äänestivät yhteisessä illassa")
    # Leaving the box (Tab) commits the text, as it does when the user moves on.
    qtbot.keyClick(residents, Qt.Key.Key_Tab)
    store = window.context.store
    qtbot.waitUntil(
        lambda: (
            founding.founding_steps(store)[0].residents_involvement
            == "Kyläläiset äänestivät yhteisessä illassa"
        )
    )


def test_enter_paper_survey_answers(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    section.show_page(section.survey)
    page = section.survey
    store = window.context.store
    round_no = page.current_round()
    waiting = [r.actor_id for r in page.waiting_model.rows()]
    qtbot.mouseClick(_child(page, QPushButton, "surveyEnter"), Qt.MouseButton.LeftButton)
    dialog = _child(page, SurveyEntryDialog, "surveyEntry")
    assert dialog.actor.actor_id() == waiting[0]
    concerns = dialog.answers["concerns"]
    qtbot.keyClicks(concerns, "Storms")
    dialog.answers["ready_to_act"].setPlainText("Sähkökatkoissa ja myrskyissä")
    qtbot.keyClick(
        dialog.answers["ready_to_act"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    saved = survey.answers(store, waiting[0], round_no)
    assert saved["concerns"].answer == "Storms"
    assert saved["ready_to_act"].answer == "Sähkökatkoissa ja myrskyissä"
    # Ctrl+Enter went on to the next actor who has not answered.
    assert dialog.actor.actor_id() == waiting[1]
    assert dialog.answers["concerns"].toPlainText() == ""
    dialog.accept()
    qtbot.waitUntil(lambda: waiting[0] in [r.actor_id for r in page.answered_model.rows()])
    assert waiting[0] not in [r.actor_id for r in page.waiting_model.rows()]


def test_run_a_call_round_to_its_end(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    section.show_page(section.call_round)
    view = _child(window, type(section.call_round), "callRound")
    store = window.context.store
    qtbot.mouseClick(_child(view, QPushButton, "newCallRound"), Qt.MouseButton.LeftButton)
    dialog = _child(view, NewCallRoundDialog, "newCallRoundDialog")
    qtbot.mouseClick(_child(dialog, QRadioButton, "callSelection_stale"), Qt.MouseButton.LeftButton)
    expected = {t.contact_id for t in call_targets.select_targets(store, "stale")}
    assert str(len(expected)) in _child(dialog, QLabel, "callCount").text()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.current_round() is not None and view.model.rowCount() == len(expected)
    )
    entries = view.model.rows()

    # Row 2 from the paper sheet: no answer, with a note.
    fast = _child(view, QLineEdit, "callFastEntry")
    qtbot.keyClicks(fast, "2 2 no answer twice")
    qtbot.keyClick(fast, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: call_rounds.get_entry(store, entries[1].id).result == "no_answer")
    assert call_rounds.get_entry(store, entries[1].id).note == "no answer twice"
    # The chooser and the summary count the same calls (the chooser once lagged one behind).
    chooser = _child(view, QComboBox, "callRoundChooser")
    called = f"1/{len(entries)}"
    assert called in chooser.currentText()
    assert called in _child(view, QLabel, "callProgress").text()

    # Row 1: details updated, which asks for the contact to be opened for editing.
    table = _child(view, QTableView, "callRoundTable")
    table.selectRow(0)
    table.setFocus()
    with qtbot.waitSignal(section.edit_contact_requested) as opened:
        qtbot.keyClicks(table, "4")
    assert opened.args == [entries[0].target.actor_id, entries[0].target.contact_id]
    # The window opens that contact in the register's editor; then back to the calls.
    assert window.current_section() == "register"
    register = window.section("register")
    assert register.editor.actor_id == entries[0].target.actor_id  # type: ignore[union-attr]
    assert register.editor.page.contacts.current_id == entries[0].target.contact_id  # type: ignore[union-attr]
    window.show_section("network")

    # Every other call: reached and checked, one key each (the view moves on by itself).
    reached = _child(view, QPushButton, "callReached")
    for _ in range(len(entries) - 2):
        qtbot.mouseClick(reached, Qt.MouseButton.LeftButton)
    chosen = view.current_round()
    qtbot.waitUntil(lambda: call_rounds.get_round(store, chosen.id).finished_at is not None)
    for entry in entries:
        verified = contacts.get_contact(store, entry.target.contact_id).last_verified_on
        if entry.id == entries[1].id:
            assert verified == entry.target.last_verified_on  # not reached: unchanged
        else:
            assert verified == today()
    qtbot.waitUntil(lambda: view.model.rows()[2].target.last_verified_on == today())


def test_print_the_tick_off_sheet(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    store = window.context.store
    started = call_rounds.start_round(store, "Vuositarkistus", "members")
    section = _section(window)
    section.show_page(section.call_round)
    section.call_round.show_round(started.id)
    target = tmp_path / "rastilista.pdf"
    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _t, start, *a: (offered.append(start), (str(target), ""))[1],
    )
    qtbot.mouseClick(
        _child(section.call_round, QPushButton, "callPrintSheet"), Qt.MouseButton.LeftButton
    )
    # The preview first (as every "Print…"), then Save as PDF with a dated name.
    dialog = next(d for d in section.call_round.findChildren(DocumentDialog) if d.isVisible())
    with qtbot.waitSignal(dialog.previewed, timeout=30_000):
        pass
    assert not target.exists() and offered == []
    with qtbot.waitSignal(dialog.saved, timeout=30_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert Path(offered[0]).name.startswith(local_today().isoformat() + "_")
    dialog.close()


def test_add_an_activity_with_attendance_and_export_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = _section(window)
    section.show_page(section.activities)
    page = section.activities
    store = window.context.store
    qtbot.mouseClick(_child(page, QPushButton, "newActivity"), Qt.MouseButton.LeftButton)
    dialog = _child(page, ActivityDialog, "activityEditor")
    qtbot.keyClicks(_child(dialog, QLineEdit, "activityTitle"), "Evacuation drill")
    date_field = _child(dialog, QLineEdit, "activityDate")
    date_field.setText("")
    qtbot.keyClicks(date_field, "15.1.2099")
    starts = _child(dialog, QLineEdit, "activityStarts")
    starts.setText("")
    qtbot.keyClicks(starts, "17.30")
    qtbot.keyClicks(_child(dialog, QLineEdit, "activityEnds"), "19")
    picker = _child(dialog, QComboBox, "activityAttendeePicker")
    # A Finnish name: set the text, then the committing key adds the participant.
    picker.lineEdit().setText("Esimerkkilän Marttayhdistys")
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    picker.lineEdit().setText("Esimerkkilän VPK")
    qtbot.mouseClick(_child(dialog, QPushButton, "activityAddAttendee"), Qt.MouseButton.LeftButton)
    assert dialog.attendee_model.stringList() == ["Esimerkkilän Marttayhdistys", "Esimerkkilän VPK"]
    _tick(qtbot, _child(dialog, QCheckBox, "activityResidents"))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    qtbot.waitUntil(lambda: any(r.title == "Evacuation drill" for r in page.model.rows()))
    row = next(r for r in page.model.rows() if r.title == "Evacuation drill")
    assert row.attendee_count == 2 and row.residents_involved
    detail = activities.get_activity(store, row.id)
    assert (format_date(detail.starts_at), format_time(detail.starts_at)) == ("15.1.2099", "17.30")
    assert format_time(detail.ends_at) == "19.00"

    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "toiminta.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(_child(page, QPushButton, "activitiesIcs"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=30_000)
    assert section.jobs.wait()
    events = vobject.readOne(target.read_text(encoding="utf-8")).vevent_list
    assert {e.summary.value for e in events} == {r.title for r in page.model.rows()}


def test_edit_the_action_plan(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    section = _section(window)
    section.show_page(section.action_plan)
    page = section.action_plan
    store = window.context.store
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("Kotivaraesite jokaiseen kotiin", True)
    )
    qtbot.mouseClick(_child(page, QPushButton, "planNew"), Qt.MouseButton.LeftButton)
    item = page.current_item()
    assert item is not None and item.title == "Kotivaraesite jokaiseen kotiin"
    status = _child(page, QComboBox, "planStatus")
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: action_plan.get_item(store, item.id).status != "planned")
    new_status = action_plan.get_item(store, item.id).status
    assert [e.status for e in action_plan.status_history(store, item.id)] == ["planned", new_status]
    due = _child(page, QLineEdit, "planDue")
    due.setFocus()
    qtbot.keyClicks(due, "1.6.2099")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: action_plan.get_item(store, item.id).due_on is not None)
    assert action_plan.get_item(store, item.id).due_on.isoformat() == "2099-06-01"
    _tick(qtbot, _child(page, QCheckBox, "planResidents"))
    qtbot.waitUntil(lambda: action_plan.get_item(store, item.id).residents_involved)
    with qtbot.waitSignal(section.print_requested) as asked:
        qtbot.mouseClick(_child(page, QPushButton, "planPrint"), Qt.MouseButton.LeftButton)
    assert asked.args == ["plan"]


def test_invite_a_candidate(qtbot: QtBot, window: MainWindow) -> None:
    from verkosto_desktop.data.network import membership

    section = _section(window)
    section.show_page(section.membership)
    page = section.membership
    store = window.context.store
    candidates = _child(page, QTableView, "membershipCandidates")
    first = page.candidate_model.rows()[0]
    candidates.selectRow(0)
    qtbot.mouseClick(_child(page, QPushButton, "membershipInvite"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.actor_id not in [r.actor_id for r in page.candidate_model.rows()])
    history = membership.membership_history(store, first.actor_id)
    assert (history[0].status, history[0].changed_on) == ("invited", today())


def test_a_candidate_is_added_by_the_page_and_a_refused_one_stays_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    section = _section(window)
    section.show_page(section.membership)
    page = section.membership
    dialog = page.add_candidate()
    ok = dialog.ok_button
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no name: refused, the dialog stays open
    assert dialog.isVisible() and dialog.error.isVisible()
    _child(dialog, QLineEdit, "candidateName").setText("Uusi kyläyhdistys")  # not typed: ä
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    qtbot.waitUntil(lambda: "Uusi kyläyhdistys" in [r.name for r in page.candidate_model.rows()])


def test_survey_answer_links_to_the_actors_capabilities(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QTextBrowser

    from verkosto_desktop.ui.register.actor_page import TAB_CAPABILITIES
    from verkosto_desktop.ui.register.section import RegisterSection

    section = _section(window)
    section.show_page(section.survey)
    page = section.survey
    assert page.answered_model.rowCount() > 0
    chosen = page.answered_model.rows()[0]
    page.answered.setCurrentIndex(page.answered_model.index(0, 0))
    view = _child(page, QTextBrowser, "surveyAnswerView")
    assert chosen.name in view.toPlainText()

    # Click the "in the register" line where it is drawn, as a user would.
    document = view.document()
    found = document.find("Rekisterissä")  # "Rekisterissä: …" or "Rekisterissä ei vielä …"
    assert not found.isNull()
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 2)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    assert window.current_section() == "register"
    register = window.section("register")
    assert isinstance(register, RegisterSection)
    assert register.editor.actor_id == chosen.actor_id
    assert register.editor.page.tabs.currentIndex() == TAB_CAPABILITIES


def test_survey_forms_preview_then_print(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from verkosto_desktop.ui.printouts import panel as print_panel

    section = _section(window)
    section.show_page(section.survey)
    qtbot.mouseClick(_child(section.survey, QPushButton, "surveyForms"), Qt.MouseButton.LeftButton)
    dialog = next(d for d in section.survey.findChildren(DocumentDialog) if d.isVisible())
    with qtbot.waitSignal(dialog.previewed, timeout=30_000) as previewed:
        pass
    waiting = section.survey.waiting_model.rowCount()
    assert waiting > 0 and previewed.args[0] >= waiting  # a form (or more) for each
    # Print: the system's dialog chooses a printer (here: a PDF file), every page goes to it.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(print_panel, "ask_printer", lambda *_a: printer)
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[0] == previewed.args[0]
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    dialog.close()
