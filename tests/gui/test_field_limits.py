"""The window's fields stop at the limits the data layer checks (``domain.limits``), and a
control character typed or pasted is refused at the field with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from register_support import fill, leave, open_window, type_into

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.limits import FIELD_LIMITS


@pytest.fixture
def known(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "tunnettu.verkosto"
    with Store.open(path) as store:
        ids = fill(store)
    return path, ids


def test_every_register_field_stops_at_its_limit(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    section.select_actor(ids["Esimerkkilän Martat"])
    checked = 0
    for edit in section.findChildren(QLineEdit):
        key = edit.objectName().removeprefix("field_")
        if key in FIELD_LIMITS:
            assert edit.maxLength() == FIELD_LIMITS[key].length, key
            checked += 1
    assert section.editor.page.details.name.maxLength() == FIELD_LIMITS["name"].length
    assert checked >= 8

    notes = section.editor.page.details.notes
    assert isinstance(notes, QPlainTextEdit)
    notes.setFocus()
    notes.insertPlainText("x" * 5000)  # a paste
    assert len(notes.toPlainText()) == FIELD_LIMITS["notes"].length
    leave(qtbot, notes)
    store = window.context.store
    qtbot.waitUntil(
        lambda: (
            len(actors.get_actor(store, ids["Esimerkkilän Martat"]).notes)
            == FIELD_LIMITS["notes"].length
        )
    )


def test_a_control_character_is_refused_at_the_field_and_the_text_stays(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    window, section = open_window(qtbot, path)
    section.select_actor(ids["Aapiskoulu"])
    area = section.editor.page.details.area
    type_into(qtbot, area, "Ala")
    area.insert("\x1b[2J")  # pasted from a terminal
    leave(qtbot, area)
    box = section.editor.page.details.form.box("area")
    assert box.has_error and "U+001B" in box.message.text()
    assert area.text().startswith("Ala")
    assert actors.get_actor(window.context.store, ids["Aapiskoulu"]).area == "Ylikylä"
