"""Forms never move under the pointer: saving an actor's first contact or capability (which
fills its list) leaves the form where it was, so the next click lands where the user aimed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot
from register_support import choose, click, click_tab, leave, open_window, type_into

from verkosto_desktop.data.register import actors
from verkosto_desktop.ui.register.actor_editor import TAB_CAPABILITIES, TAB_CONTACTS


@pytest.mark.parametrize("tab", [TAB_CONTACTS, TAB_CAPABILITIES])
def test_saving_the_first_record_does_not_move_the_form(
    qtbot: QtBot, known: tuple[Path, dict[str, str]], tab: int
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    store = window.context.store
    actor_id = ids["Aapiskoulu"]
    detail = actors.get_actor(store, actor_id)
    assert not detail.contacts and not detail.capabilities  # the first of each is typed here
    section.select_actor(actor_id)
    page = section.editor.page
    click_tab(qtbot, page.tabs, tab)
    panel = page.contacts if tab == TAB_CONTACTS else page.capabilities
    click(qtbot, panel.add_button)
    form = page.contact_form if tab == TAB_CONTACTS else page.capability_form
    first = form.name if tab == TAB_CONTACTS else form.description
    second = form.role if tab == TAB_CONTACTS else form.capacity
    before = second.mapTo(window, QPoint(0, 0))
    if tab == TAB_CONTACTS:
        type_into(qtbot, first, "Maija Meikalainen")
        leave(qtbot, first)
        count = lambda: len(actors.get_actor(store, actor_id).contacts)  # noqa: E731
    else:
        choose(qtbot, form.category, "catering")
        count = lambda: len(actors.get_actor(store, actor_id).capabilities)  # noqa: E731
    qtbot.waitUntil(lambda: count() == 1)
    assert panel.records.count() == 1  # the list now holds it…
    assert second.mapTo(window, QPoint(0, 0)) == before  # …and the form stayed put
