"""Capabilities and premises typed in the editor, and the verification buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from register_support import click, click_check, click_tab, leave, open_window, type_into

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.ui.register.actor_editor import TAB_CAPABILITIES, TAB_FACILITIES


def test_a_capability_is_saved_once_it_has_a_category(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    actor_id = ids["Aapiskoulu"]
    section.select_actor(actor_id)
    page = section.editor.page
    click_tab(qtbot, page.tabs, TAB_CAPABILITIES)
    click(qtbot, page.capabilities.add_button)
    form = page.capability_form
    type_into(qtbot, form.description, "Koulun keittio")
    leave(qtbot, form.description)
    assert actors.get_actor(store, actor_id).capabilities == ()
    assert "luokka" in form.form.box("category_key").message.text()

    form.category.setFocus()
    index = form.category.findData("catering")
    while form.category.currentIndex() < index:
        qtbot.keyClick(form.category, Qt.Key.Key_Down)
    (capability,) = actors.get_actor(store, actor_id).capabilities
    assert (capability.category_key, capability.description) == ("catering", "Koulun keittio")

    click_check(qtbot, form.phase_boxes["recovery"])
    situations = form.situations
    storm = next(
        situations.item(row)
        for row in range(situations.count())
        if situations.item(row).data(Qt.ItemDataRole.UserRole) == "storm"
    )
    storm.setCheckState(Qt.CheckState.Checked)
    (capability,) = actors.get_actor(store, actor_id).capabilities
    assert capability.phases == ("recovery",) and capability.situations == ("storm",)
    found = search_actor_ids(store, ActorFilter(category="catering", phase="recovery"))
    assert actor_id in found
    assert actor_id in section.visible_ids()

    type_into(qtbot, form.capacity, "lots")
    leave(qtbot, form.capacity)
    assert form.form.box("capacity").has_error
    assert actors.get_actor(store, actor_id).capabilities[0].capacity is None


def test_premises_and_verification(qtbot: QtBot, known: tuple[Path, dict[str, str]]) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    actor_id = ids["Öljymäen VPK"]
    section.select_actor(actor_id)
    page = section.editor.page
    click_tab(qtbot, page.tabs, TAB_FACILITIES)
    click(qtbot, page.facilities.add_button)
    form = page.facility_form
    qtbot.keyClicks(form.name, "Paloasema")
    leave(qtbot, form.name)
    type_into(qtbot, form.capacity, "80")
    leave(qtbot, form.capacity)
    click_check(qtbot, form.backup_power)
    (facility,) = actors.get_actor(store, actor_id).facilities
    assert (facility.name, facility.capacity, facility.backup_power) == ("Paloasema", 80, True)
    assert page.tabs.tabText(TAB_FACILITIES) == "Tilat (1)"

    click(qtbot, form.verify_button)
    assert actors.get_actor(store, actor_id).facilities[0].last_verified_on == local_today()
    click(qtbot, page.verify_button)
    assert actors.get_actor(store, actor_id).last_verified_on == local_today()
    today = local_today()
    assert f"{today.day}.{today.month}.{today.year}" in page.verified.text()


def test_invited_by_takes_an_actor_name_and_refuses_others(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    section.select_actor(ids["Zeta-kerho"])
    invited_by = section.editor.page.details.invited_by
    type_into(qtbot, invited_by, "aapis")
    popup = invited_by.completer().popup()
    assert popup.isVisible()  # the names in the register are offered while typing
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert actors.get_actor(store, ids["Zeta-kerho"]).invited_by_id == ids["Aapiskoulu"]
    assert invited_by.text() == "Aapiskoulu"
    type_into(qtbot, invited_by, "Nobody")
    qtbot.keyClick(invited_by, Qt.Key.Key_Return)
    assert section.editor.page.details.form.box("invited_by_id").has_error
    assert actors.get_actor(store, ids["Zeta-kerho"]).invited_by_id == ids["Aapiskoulu"]
