"""Editing in the register: typing a new actor and contact, invalid input, failed writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolButton
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

from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.data.register import actors
from verkosto_desktop.ui.register.actor_editor import TAB_CONTACTS
from verkosto_desktop.ui.register.row_text import COL_PHONE


def test_a_new_actor_and_contact_typed_in_are_stored_shown_and_found(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, section = open_window(qtbot, tmp_path / "new.verkosto")
    store = window.context.store
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = section.editor
    assert editor.page.details.name.hasFocus()
    qtbot.keyClicks(editor.page.details.name, "Kylayhdistys Testi")
    leave(qtbot, editor.page.details.name)
    # The membership is chosen, not assumed: until it is, the actor waits (name kept).
    assert editor.actor_id is None
    membership = editor.page.details.membership
    assert membership.currentData() is None and editor.page.details.name.text()
    assert editor.page.details.form.box("membership_status").has_error
    choose(qtbot, membership, "member")
    actor_id = editor.actor_id
    assert actor_id is not None
    assert actors.get_actor(store, actor_id).name == "Kylayhdistys Testi"
    assert section.visible_ids() == [actor_id]

    click_tab(qtbot, editor.page.tabs, TAB_CONTACTS)
    click(qtbot, editor.page.contacts.add_button)
    form = editor.page.contact_form
    assert form.name.hasFocus()
    qtbot.keyClicks(form.name, "Maija Meikalainen")
    leave(qtbot, form.name)
    type_into(qtbot, form.mobile, "040 123 4567")
    leave(qtbot, form.mobile)

    (contact,) = actors.get_actor(store, actor_id).contacts
    assert contact.mobile == "+358401234567"
    assert contact.is_primary  # the first contact of an actor is its primary one
    # Entered today from what the person said: verified today, not counted as never verified.
    assert contact.last_verified_on == actors.today()
    assert form.mobile.text() == "040 123 4567"
    phone_cell = section.table.model().index(0, COL_PHONE)
    assert phone_cell.data() == "040 123 4567"

    for typed in ("0401234", "Kylayhd"):
        type_into(qtbot, section.filter_bar.search, typed)
        assert section.visible_ids() == [actor_id]
    type_into(qtbot, section.filter_bar.search, "0509999")
    assert section.visible_ids() == []


def test_finnish_text_is_stored_and_found(qtbot: QtBot, tmp_path: Path) -> None:
    # Non-ASCII cannot be typed with keyClicks in PySide6 6.12: set the text, then commit it
    # with the key a user presses, and search for it the same way.
    window, section = open_window(qtbot, tmp_path / "new.verkosto")
    section.new_actor()
    name = section.editor.page.details.name
    name.setText("Äänekosken Työttömät ry")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    choose(qtbot, section.editor.page.details.membership, "candidate")
    actor_id = section.editor.actor_id
    assert actor_id is not None
    assert actors.get_actor(window.context.store, actor_id).name == "Äänekosken Työttömät ry"
    section.filter_bar.search.setText("työttö")
    assert shown_names(section) == ["Äänekosken Työttömät ry"]
    assert section.editor.page.title.text() == "Äänekosken Työttömät ry"


def test_an_invalid_phone_is_marked_nothing_is_stored_and_the_text_stays(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    section.select_actor(ids["Esimerkkilän Martat"])
    editor = section.editor
    click_tab(qtbot, editor.page.tabs, TAB_CONTACTS)
    form = editor.page.contact_form
    type_into(qtbot, form.mobile, "040 12")
    leave(qtbot, form.mobile)

    box = form.form.box("mobile")
    assert box.has_error and box.message.isVisible()
    assert "040 12" in box.message.text()
    assert form.mobile.text() == "040 12"
    (contact,) = actors.get_actor(window.context.store, ids["Esimerkkilän Martat"]).contacts
    assert contact.mobile == "+358401234567"

    type_into(qtbot, form.mobile, "050 111 2222")
    leave(qtbot, form.mobile)
    assert not box.has_error and not box.message.isVisible()
    (contact,) = actors.get_actor(window.context.store, ids["Esimerkkilän Martat"]).contacts
    assert contact.mobile == "+358501112222"


def test_an_empty_name_is_refused_at_the_field(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    section.select_actor(ids["Aapiskoulu"])
    name = section.editor.page.details.name
    type_into(qtbot, name, "")
    leave(qtbot, name)
    box = section.editor.page.details.form.box("name")
    assert box.has_error and "tyhjä" in box.message.text()
    assert actors.get_actor(window.context.store, ids["Aapiskoulu"]).name == "Aapiskoulu"


def test_a_pause_in_typing_saves_without_leaving_the_field(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    section.select_actor(ids["Aapiskoulu"])
    area = section.editor.page.details.area
    type_into(qtbot, area, "Alakyla")
    store = window.context.store
    qtbot.waitUntil(lambda: actors.get_actor(store, ids["Aapiskoulu"]).area == "Alakyla")
    assert area.hasFocus()


def test_a_failed_write_keeps_the_text_says_so_and_retry_saves_it(
    qtbot: QtBot, known: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    section.select_actor(ids["Aapiskoulu"])
    editor = section.editor

    @contextmanager
    def disk_full() -> Iterator[None]:
        raise WriteFailed("Levy on täynnä. Vapauta tilaa ja yritä uudelleen.", "disk_full")
        yield  # pragma: no cover

    real_write = store.write
    monkeypatch.setattr(store, "write", disk_full)
    type_into(qtbot, editor.page.details.area, "Alakyla")
    leave(qtbot, editor.page.details.area)

    assert editor.page.error_bar.isVisible()
    assert "Levy on täynnä" in editor.page.error_bar.label.text()
    assert editor.page.details.area.text() == "Alakyla"
    saved = window.findChild(QLabel, "statusSaved")
    assert saved is not None and saved.text() == "Ei tallennettu!"
    assert actors.get_actor(store, ids["Aapiskoulu"]).area == "Ylikylä"

    monkeypatch.setattr(store, "write", real_write)
    click(qtbot, editor.page.error_bar.retry_button)
    assert actors.get_actor(store, ids["Aapiskoulu"]).area == "Alakyla"
    assert not editor.page.error_bar.isVisible()
    assert saved.text().startswith("Tallennettu klo ")


def test_a_failed_creation_is_retried_too(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, section = open_window(qtbot, tmp_path / "new.verkosto")
    store = window.context.store

    @contextmanager
    def locked() -> Iterator[None]:
        raise WriteFailed("Tietokanta on varattuna.", "locked")
        yield  # pragma: no cover

    real_write = store.write
    monkeypatch.setattr(store, "write", locked)
    section.new_actor()
    choose(qtbot, section.editor.page.details.membership, "member")
    type_into(qtbot, section.editor.page.details.name, "Uusi")
    leave(qtbot, section.editor.page.details.name)
    assert section.editor.page.error_bar.isVisible() and section.editor.actor_id is None
    monkeypatch.setattr(store, "write", real_write)
    click(qtbot, section.editor.page.error_bar.retry_button)
    assert section.editor.actor_id is not None
    assert shown_names(section) == ["Uusi"]


def test_copy_buttons_put_the_number_on_the_clipboard(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    _window, section = open_window(qtbot, path)
    section.select_actor(ids["Zeta-kerho"])
    click_tab(qtbot, section.editor.page.tabs, TAB_CONTACTS)
    form = section.editor.page.contact_form
    copy = form.findChild(QToolButton, "copy_mobile")
    assert copy is not None
    click(qtbot, copy)
    assert QApplication.clipboard().text() == "050 246 8100"
