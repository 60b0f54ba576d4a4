"""A fault under the open window, really made: the folder holding the file disappears (a USB
stick pulled out) while the user types an actor's name. The window says the change was not saved,
keeps the typed text, leaves the file as it was, and Retry stores the text once the stick is back.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from reliability_harness import integrity, tally

from verkosto_desktop.app import build_window
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.register.section import RegisterSection


def _names(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in connection.execute("SELECT name FROM actor"))
    finally:
        connection.close()


def test_typing_while_the_stick_is_pulled_keeps_the_text_and_retry_stores_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    database = stick / "verkosto.verkosto"
    with Store.open(database) as store:
        actor_id = actors.create_actor(store, {"name": "Kylayhdistys"}).id
    backups.make_backup(database, "manual")  # no automatic backup on open
    window = build_window(database)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    section = window.show_section("register")
    assert isinstance(section, RegisterSection)
    section.select_actor(actor_id)
    editor = section.editor
    name = editor.page.details.name
    before = _names(database)

    # The stick is pulled out: the folder and the file are gone from under the window.
    pulled = tmp_path / "pulled"
    stick.rename(pulled)

    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name, "Kylayhdistys Uusi")
    qtbot.keyClick(name, Qt.Key.Key_Tab)  # moving on saves the field
    QApplication.processEvents()

    bar = editor.page.error_bar
    assert bar.isVisible()
    assert "Ei tallennettu" in bar.label.text() and "USB" in bar.label.text()
    assert name.text() == "Kylayhdistys Uusi"
    saved = window.findChild(QLabel, "statusSaved")
    assert saved is not None and saved.text() == "Ei tallennettu!"
    assert not stick.exists()  # no empty database was made where the file was
    assert _names(pulled / database.name) == before
    tally("faults tried: USB stick pulled under the window")

    # Retry while the stick is still out fails the same way, and keeps the text.
    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    assert bar.isVisible() and name.text() == "Kylayhdistys Uusi"
    assert _names(pulled / database.name) == before

    pulled.rename(stick)  # the stick is back
    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert saved.text().startswith("Tallennettu klo ")
    assert actors.get_actor(window.context.store, actor_id).name == "Kylayhdistys Uusi"
    window.close()
    assert integrity(database) == "ok"
    assert _names(database) == ["Kylayhdistys Uusi"]
