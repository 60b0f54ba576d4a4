"""File → Sync with the regional server in a laptop's window: the sync runs in the background
and the status bar says when it finished; a server out of reach is said plainly; the setting
syncs when the program opens; the password is kept in neither the file nor the settings."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from register_support import click, click_row, shown_names, type_into

from verkosto_desktop.app import build_window, make_settings
from verkosto_desktop.data.incident.incidents import start_incident
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import add_user, init_register
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.paths import locations
from verkosto_desktop.ui.exchange.network_choice_dialog import NetworkChoiceDialog
from verkosto_desktop.ui.exchange.server_sync import ADDRESS_KEY, ON_OPEN_KEY, ServerSyncController
from verkosto_desktop.ui.incident.section import IncidentSection
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.section import RegisterSection

PASSWORD = "ikkunan salasana"


@pytest.fixture
def writer(pg_address: ServerAddress, monkeypatch: pytest.MonkeyPatch) -> Iterator[ServerAddress]:
    """Network a's writer; its password reaches libpq from the environment, as from ~/.pgpass."""
    init_register(pg_address)
    user = f"{pg_address.database}_ikkuna"
    add_user(pg_address, user, PASSWORD, network="a")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    yield pg_address.with_user(user)


def open_laptop(qtbot: QtBot, path: Path, address: ServerAddress, on_open: bool = False):  # type: ignore[no-untyped-def]
    settings = make_settings(locations())
    settings.setValue(ADDRESS_KEY, address.url.render_as_string(hide_password=True))
    settings.setValue(ON_OPEN_KEY, on_open)
    settings.sync()
    window = build_window(path)
    qtbot.addWidget(window)
    window.show()
    controller = window.findChild(ServerSyncController)
    assert controller is not None
    return window, controller


def settled(qtbot: QtBot, controller: ServerSyncController) -> None:
    qtbot.waitUntil(lambda: not controller.runner.busy(), timeout=60_000)


def test_sync_from_the_file_menu(qtbot: QtBot, tmp_path: Path, writer: ServerAddress) -> None:
    path = tmp_path / "kannettava.verkosto"
    with Store.open(path) as laptop:
        made = actors.create_actor(laptop, {"name": "Ikkunan yhdistys"})
    window, controller = open_laptop(qtbot, path, writer)
    assert isinstance(window, MainWindow)
    status = window.findChild(QLabel, "statusServerSync")
    assert status is not None and status.text() == "Ei vielä synkronoitu"
    action = controller.sync_action
    assert action in window.file_menu.actions()
    action.trigger()
    assert controller.runner.busy()  # in the background: the window is not held
    settled(qtbot, controller)
    qtbot.waitUntil(lambda: status.text().startswith("Synkronoitu: "))
    with ServerStore.connect(writer) as server:
        assert search_actor_ids(server, ActorFilter(text="Ikkunan")) == [made.id]
    ini = (locations().settings / "verkosto.ini").read_text(encoding="utf-8")
    assert PASSWORD not in ini and PASSWORD.encode() not in path.read_bytes()
    window.close()


def test_a_server_out_of_reach_is_said_plainly(
    qtbot: QtBot, tmp_path: Path, writer: ServerAddress
) -> None:
    missing = ServerAddress(writer.url.set(database="no_such_register"))
    window, controller = open_laptop(qtbot, tmp_path / "yksin.verkosto", missing)
    controller.sync_action.trigger()
    settled(qtbot, controller)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "syncFailedMessage") is not None)
    box = window.findChild(QMessageBox, "syncFailedMessage")
    assert box is not None
    assert (
        "no_such_register" in box.informativeText() and "ei saada yhteyttä" in box.informativeText()
    )
    assert "mitään ei menetetty" in box.text().lower()
    box.close()
    assert controller.sync_action.isEnabled()  # the user may try again
    window.close()


def test_sync_when_the_program_opens(qtbot: QtBot, tmp_path: Path, writer: ServerAddress) -> None:
    with ServerStore.connect(writer) as server:
        made = actors.create_actor(server, {"name": "Palvelimen yhdistys"})
    path = tmp_path / "avautuessa.verkosto"
    window, controller = open_laptop(qtbot, path, writer, on_open=True)
    qtbot.waitUntil(controller.runner.busy, timeout=5_000)
    settled(qtbot, controller)
    assert actors.get_actor(window.context.store, made.id).name == "Palvelimen yhdistys"
    window.close()


def test_a_neighbouring_network_is_chosen_received_and_shown_read_only(
    qtbot: QtBot, tmp_path: Path, writer: ServerAddress, pg_address: ServerAddress
) -> None:
    neighbour = f"{pg_address.database}_naapuri"
    add_user(pg_address, neighbour, PASSWORD, network="b")
    with ServerStore.connect(pg_address.with_user(neighbour)) as server:
        theirs = actors.create_actor(server, {"name": "Naapurin VPK"})
        storm = start_incident(server, {"title": "Naapurin myrsky", "situations": ["storm"]})
    window, controller = open_laptop(qtbot, tmp_path / "naapurit.verkosto", writer)
    assert controller.networks_action in window.file_menu.actions()
    controller.networks_action.trigger()
    dialog = window.findChild(NetworkChoiceDialog)
    assert dialog is not None and dialog.isVisible()
    type_into(qtbot, dialog.keys, "b, Bad!")
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: "'bad!'" in dialog.error.text())  # said; the typing stays
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert dialog.keys.text() == "b, Bad!"
    type_into(qtbot, dialog.keys, "b")
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not dialog.isVisible())

    controller.sync_action.trigger()
    settled(qtbot, controller)
    section = window.show_section("register")
    assert isinstance(section, RegisterSection)
    qtbot.waitUntil(lambda: "Naapurin VPK" in shown_names(section))
    click_row(qtbot, section, shown_names(section).index("Naapurin VPK"))
    page = section.editor.page
    qtbot.waitUntil(lambda: page.actor_id == theirs.id)
    assert page.read_only_note.isVisible() and "'b'" in page.read_only_note.text()
    assert not page.details.isEnabled() and not page.delete_button.isEnabled()
    assert not page.contacts.add_button.isEnabled()
    if shots := os.environ.get("VERKOSTO_SHOTS"):
        window.grab().save(f"{shots}/read_only_neighbour.png")
    # The neighbour's incident too: shown, with nothing that would add to it.
    incident = window.show_section("incident")
    assert isinstance(incident, IncidentSection)
    incident.show_incident(storm.id)
    header = incident.header
    assert header.title.text() == "Naapurin myrsky"
    assert header.held_note.isVisible() and "'b'" in header.held_note.text()
    assert not header.edit.isEnabled() and not header.close_button.isEnabled()
    assert not header.recovery.isEnabled() and header.report.isEnabled()
    assert not incident.log_tab.entry.isEnabled()

    # Taken off the list: the neighbour leaves the laptop at once, without a sync.
    controller.networks_action.trigger()
    dialog = next(d for d in window.findChildren(NetworkChoiceDialog) if d.isVisible())
    assert dialog.keys.text() == "b"
    assert dialog.findChild(QLabel, "forgettingNote").isVisible()
    type_into(qtbot, dialog.keys, "")
    # The removal runs off the UI thread, after what the worker is doing (held here): the
    # window answers, the dialog says it is saving with OK disabled, then it closes.
    holding = threading.Event()
    controller.runner.submit(lambda _progress: holding.wait(30))
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    qtbot.wait(50)
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    assert dialog.error.text() == "Tallennetaan…"
    holding.set()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    section = window.show_section("register")
    assert isinstance(section, RegisterSection)
    qtbot.waitUntil(lambda: "Naapurin VPK" not in shown_names(section))
    window.close()
