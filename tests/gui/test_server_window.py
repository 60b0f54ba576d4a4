"""The window on the regional register (``verkosto --database postgresql://…``): it shows the
server's network, edits are saved on the server, and the file-only parts (backups) are absent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from register_support import choose, leave, open_window, type_into

from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.store import ServerStore


def test_the_window_opens_on_the_server_and_saves_there(
    qtbot: QtBot, pg_demo_address: ServerAddress
) -> None:
    window, section = open_window(qtbot, pg_demo_address)  # type: ignore[arg-type]
    assert window.context.store.is_server
    assert "Esimerkkilän järjestöverkosto" in window.windowTitle()
    where = window.findChild(QLabel, "statusOffline")
    file_label = window.findChild(QLabel, "statusFile")
    assert where is not None and "palvelimella" in where.text()
    assert file_label is not None and pg_demo_address.database in file_label.text()
    assert f":{pg_demo_address.password}@" not in file_label.text()
    menu_texts = [a.text() for a in window.file_menu.actions()]
    assert not any("armuuskop" in text for text in menu_texts)  # no backups of a server

    type_into(qtbot, section.filter_bar.search, "kyl")
    with ServerStore.connect(pg_demo_address) as other:
        expected = search_actor_ids(other, ActorFilter(text="kyl"))
    assert expected and section.visible_ids() == expected

    type_into(qtbot, section.filter_bar.search, "")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    name = section.editor.page.details.name
    qtbot.keyClicks(name, "Palvelimen uusi yhdistys")
    leave(qtbot, name)
    # The membership is chosen, not assumed: the actor is saved once it is.
    choose(qtbot, section.editor.page.details.membership, "member")
    assert section.editor.actor_id is not None
    with ServerStore.connect(pg_demo_address) as other:
        found = search_actor_ids(other, ActorFilter(text="Palvelimen uusi"))
    assert found == [section.editor.actor_id]
    saved = window.findChild(QLabel, "statusSaved")
    assert saved is not None and saved.text().startswith("Tallennettu klo ")
    window.close()
