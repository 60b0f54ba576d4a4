"""The life of records in the register window: trash and restore, history, erasure, reopening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from register_support import (
    choose,
    click,
    click_tab,
    leave,
    open_window,
    shown_names,
    type_into,
)

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.register import actors, history, privacy
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.register.actor_editor import TAB_CONTACTS


def test_an_actor_moved_to_the_trash_can_be_restored(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    _window, section = open_window(qtbot, path)
    actor_id = ids["Öljymäen VPK"]
    section.select_actor(actor_id)
    click(qtbot, section.editor.page.delete_button)
    assert actor_id not in section.visible_ids()
    assert section.editor.actor_id != actor_id
    assert section.filter_bar.count.text().endswith(f"/ {len(ids) - 1} toimijaa")

    trash = section.open_trash()
    assert [trash.items.topLevelItem(0).text(1)] == ["Öljymäen VPK"]
    click(qtbot, trash.restore_button)
    assert actor_id in section.visible_ids()
    assert trash.items.topLevelItemCount() == 0 and trash.empty.isVisible()


def test_the_delete_key_in_the_table_moves_the_actor_to_the_trash(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    _window, section = open_window(qtbot, path)
    section.select_actor(ids["Aapiskoulu"])
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert ids["Aapiskoulu"] not in section.visible_ids()
    # The next actor in the list is shown, so one can go on with the keyboard.
    assert section.editor.actor_id == section.visible_ids()[0]


def test_a_contact_moved_to_the_trash_can_be_restored(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    section.select_actor(ids["Zeta-kerho"])
    click_tab(qtbot, section.editor.page.tabs, TAB_CONTACTS)
    assert section.editor.page.contacts.records.count() == 1
    click(qtbot, section.editor.page.contact_form.delete_button)
    assert section.editor.page.contacts.records.count() == 0
    assert actors.get_actor(store, ids["Zeta-kerho"]).contacts == ()
    type_into(qtbot, section.filter_bar.search, "zorro")
    assert shown_names(section) == []

    trash = section.open_trash()
    trash.select(next(r.id for r in actors.trash(store) if r.kind == "contact"))
    click(qtbot, trash.restore_button)
    assert shown_names(section) == ["Zeta-kerho"]
    assert section.editor.page.contacts.records.count() == 1


def test_history_lists_versions_and_restores_one(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    actor_id = ids["Aapiskoulu"]
    section.select_actor(actor_id)
    area = section.editor.page.details.area
    type_into(qtbot, area, "Alakyla")
    leave(qtbot, area)
    assert actors.get_actor(store, actor_id).area == "Alakyla"

    click(qtbot, section.editor.page.history_button)
    dialog = section.editor.page.history_dialog
    versions = dialog.versions
    assert versions.topLevelItemCount() == 2
    assert "Alue" in versions.topLevelItem(0).text(2)
    assert "nykyinen" in versions.topLevelItem(0).text(0)
    assert not dialog.restore_button.isEnabled()  # the current version is already current
    versions.setCurrentItem(versions.topLevelItem(1))
    click(qtbot, dialog.restore_button)

    assert actors.get_actor(store, actor_id).area == "Ylikylä"
    assert area.text() == "Ylikylä"
    assert versions.topLevelItemCount() == 3
    dialog.close()


def test_erasing_a_person_leaves_no_trace_in_search_or_history(
    qtbot: QtBot, known: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    section.select_actor(ids["Zeta-kerho"])
    click_tab(qtbot, section.editor.page.tabs, TAB_CONTACTS)
    form = section.editor.page.contact_form
    contact_id = form.form.record_id
    assert contact_id is not None
    type_into(qtbot, form.role, "Puheenjohtaja")  # a change, so the person has a past version
    leave(qtbot, form.role)
    assert len(history.versions(store, "contact", contact_id)) == 2

    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    click(qtbot, form.erase_button)
    assert asked and "Zorro Zetterberg" in asked[0]

    assert section.editor.page.contacts.records.count() == 0
    for typed in ("zorro", "zetterberg", "0502468100", "246 8100"):
        assert search_actor_ids(store, ActorFilter(text=typed)) == []
    with pytest.raises(NotFound):
        history.versions(store, "contact", contact_id)
    with pytest.raises(NotFound):
        privacy.export_person(store, contact_id)
    assert all(row.id != contact_id for row in actors.trash(store))


def test_cancelling_the_erasure_keeps_the_person(
    qtbot: QtBot, known: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    section.select_actor(ids["Zeta-kerho"])
    click_tab(qtbot, section.editor.page.tabs, TAB_CONTACTS)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Cancel)
    click(qtbot, section.editor.page.contact_form.erase_button)
    assert len(actors.get_actor(window.context.store, ids["Zeta-kerho"]).contacts) == 1


def test_closing_and_reopening_keeps_data_and_layout(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    # A size the window can take (the incident section sets the minimum width).
    wanted = (max(790, window.minimumSizeHint().width()), 760)
    window.resize(*wanted)
    section.splitter.setSizes([300, 270])
    sizes = section.splitter.sizes()
    header = section.table.horizontalHeader()
    header.resizeSection(0, 333)
    section.new_actor()
    qtbot.keyClicks(section.editor.page.details.name, "Uusi kylatoimikunta")
    leave(qtbot, section.editor.page.details.name)
    choose(qtbot, section.editor.page.details.membership, "candidate")
    window.close()

    again, section = open_window(qtbot, path)
    assert "Uusi kylatoimikunta" in shown_names(section)
    assert len(section.visible_ids()) == len(ids) + 1
    assert section.splitter.sizes() == sizes
    assert section.table.horizontalHeader().sectionSize(0) == 333
    assert (again.width(), again.height()) == wanted
    again.close()


def test_typed_text_waiting_for_its_pause_is_saved_when_the_window_closes(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    section.select_actor(ids["Aapiskoulu"])
    type_into(qtbot, section.editor.page.details.area, "Kesken")
    window.close()  # before the pause is over
    with Store.open(path) as store:
        assert actors.get_actor(store, ids["Aapiskoulu"]).area == "Kesken"
