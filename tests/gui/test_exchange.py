"""Sharing as a coordinator does it: File → Send to another laptop…, File → Receive… with a
preview, the conflict count in the status bar and Edit → Conflicts, and the history saying
where a change came from."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from register_support import click, type_into

from verkosto_desktop.app import build_window
from verkosto_desktop.data.exchange import conflicts, site
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.exchange.conflicts_dialog import ConflictsDialog
from verkosto_desktop.ui.exchange.receive_dialog import ReceiveDialog
from verkosto_desktop.ui.exchange.send_dialog import SendDialog
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.register.history_dialog import HistoryDialog

PASSPHRASE = "kolme kirahvia kahvilla"
SHOTS = os.environ.get("VERKOSTO_SHOTS")


def _shoot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def laptops(demo_path: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    """Two laptops with copies of the demo, each its own site, and one actor edited on both."""
    other = tmp_path / "kunta.verkosto"
    shutil.copy(demo_path, other)
    with Store.open(demo_path) as a, Store.open(other) as b:
        site.rename(a, "SPR Esimerkkilän osasto, Liisan kone")
        site.rename(b, "Esimerkkilän kunta, valmiussuunnittelija")
        actor_id = next(i for i, name in actors.actor_names(a) if "Martta" in name)
        actors.update_actor(a, actor_id, {"area": "Kirkonkylä ja Vaara"})
        actors.update_actor(b, actor_id, {"area": "Harju"})
        actors.update_actor(a, actor_id, {"notes": "Aggregaatti huollettu"})
    return demo_path, other, actor_id


@pytest.fixture
def windows(
    qtbot: QtBot, laptops: tuple[Path, Path, str]
) -> Iterator[tuple[MainWindow, MainWindow]]:
    first, other, _actor = laptops
    built = []
    for path in (first, other):
        window = build_window(path)
        qtbot.addWidget(window)
        window.resize(1024, 600)
        window.show()
        built.append(window)
    yield built[0], built[1]
    for window in built:
        window.close()


def _trigger(window: MainWindow, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None and action.isEnabled()
    action.trigger()


def _dialog(qtbot: QtBot, window: MainWindow, kind: type) -> object:
    qtbot.waitUntil(
        lambda: window.findChild(kind) is not None and window.findChild(kind).isVisible()
    )
    return window.findChild(kind)


def test_send_and_receive_through_the_menus(
    qtbot: QtBot,
    windows: tuple[MainWindow, MainWindow],
    laptops: tuple[Path, Path, str],
    tmp_path: Path,
) -> None:
    sender, receiver = windows
    _first, _other, actor_id = laptops
    stick = tmp_path / "usb"
    stick.mkdir()
    target = stick / "liisa.verkostobundle"

    _trigger(sender, "actionSendBundle")
    send = _dialog(qtbot, sender, SendDialog)
    assert isinstance(send, SendDialog)
    type_into(qtbot, send.findChild(QLineEdit, "sendPassphrase"), "lyhyt")
    type_into(qtbot, send.findChild(QLineEdit, "sendPassphraseAgain"), "lyhyt")
    type_into(qtbot, send.findChild(QLineEdit, "sendTarget"), str(target))
    click(qtbot, send.findChild(QPushButton, "sendButton"))
    # Too short: said at once, nothing written.
    assert "10" in send.findChild(QLabel, "sendMessage").text()
    assert not target.exists()
    type_into(qtbot, send.findChild(QLineEdit, "sendPassphrase"), PASSPHRASE)
    type_into(qtbot, send.findChild(QLineEdit, "sendPassphraseAgain"), PASSPHRASE)
    _shoot(send, "exchange-send")
    click(qtbot, send.findChild(QPushButton, "sendButton"))
    qtbot.waitUntil(lambda: not send.isVisible(), timeout=30_000)
    assert target.exists()
    assert "Liisan" not in target.read_bytes().decode("latin-1")

    _trigger(receiver, "actionReceiveBundle")
    receive = _dialog(qtbot, receiver, ReceiveDialog)
    assert isinstance(receive, ReceiveDialog)
    type_into(qtbot, receive.findChild(QLineEdit, "receiveFile"), str(target))
    type_into(qtbot, receive.findChild(QLineEdit, "receivePassphrase"), "arvattu salasana")
    click(qtbot, receive.findChild(QPushButton, "receivePreview"))
    message = receive.findChild(QLabel, "receiveMessage")
    qtbot.waitUntil(lambda: "väärä" in message.text(), timeout=30_000)
    assert not receive.findChild(QPushButton, "receiveMerge").isEnabled()

    type_into(qtbot, receive.findChild(QLineEdit, "receivePassphrase"), PASSPHRASE)
    click(qtbot, receive.findChild(QPushButton, "receivePreview"))
    merge_button = receive.findChild(QPushButton, "receiveMerge")
    qtbot.waitUntil(merge_button.isEnabled, timeout=30_000)
    assert receive.findChild(QLabel, "receiveCount_changed").text() == "1"
    assert receive.findChild(QLabel, "receiveCount_conflicts").text() == "1"
    assert "SPR Esimerkkilän osasto" in receive.findChild(QLabel, "receiveOrigin").text()
    # The preview changed nothing.
    assert actors.get_actor(receiver.context.store, actor_id).notes != "Aggregaatti huollettu"
    _shoot(receive, "exchange-receive-preview")
    click(qtbot, merge_button)
    qtbot.waitUntil(
        lambda: receiver.findChild(QMessageBox, "receivedMessage") is not None, timeout=30_000
    )
    box = receiver.findChild(QMessageBox, "receivedMessage")
    _shoot(box, "exchange-received")
    box.close()
    assert actors.get_actor(receiver.context.store, actor_id).notes == "Aggregaatti huollettu"

    # The conflict shows in the status bar; a click opens the conflicts side by side.
    status = receiver.findChild(QPushButton, "statusConflicts")
    qtbot.waitUntil(status.isVisible)
    assert "1" in status.text()
    _shoot(receiver, "exchange-window-conflict")
    click(qtbot, status)
    view = _dialog(qtbot, receiver, ConflictsDialog)
    assert isinstance(view, ConflictsDialog)
    shown = view.findChild(QLabel, "conflictKeepValue").text()
    other = view.findChild(QLabel, "conflictTakeValue").text()
    assert {shown, other} == {"Kirkonkylä ja Vaara", "Harju"}
    _shoot(view, "exchange-conflicts")
    click(qtbot, view.findChild(QPushButton, "conflictTake"))
    assert conflicts.count(receiver.context.store) == 0
    assert actors.get_actor(receiver.context.store, actor_id).area == other
    qtbot.waitUntil(lambda: not status.isVisible())
    assert view.findChild(QLabel, "conflictsEmpty").isVisible()
    view.close()

    # The history says where the merged change came from.
    history = HistoryDialog(receiver.context.store, "actor", actor_id, "Martat", receiver)
    qtbot.addWidget(history)
    authors = [
        history.versions.topLevelItem(i).text(1)
        for i in range(history.versions.topLevelItemCount())
    ]
    assert any(a.startswith("SPR Esimerkkilän osasto, Liisan kone (paketti ") for a in authors)
    _shoot(history, "exchange-history")
    history.close()
    QApplication.processEvents()


def test_typing_a_third_value_settles_a_conflict(
    qtbot: QtBot, laptops: tuple[Path, Path, str], tmp_path: Path
) -> None:
    from verkosto_desktop.data.exchange.bundle import receive_bundle, write_bundle

    first, other, actor_id = laptops
    with Store.open(first) as a:
        write_bundle(a, tmp_path / "x.verkostobundle", PASSPHRASE, full=True, cost=10)
    with Store.open(other) as b:
        receive_bundle(b, tmp_path / "x.verkostobundle", PASSPHRASE, backup=False)
    window = build_window(other)
    qtbot.addWidget(window)
    window.show()
    try:
        _trigger(window, "actionConflicts")
        view = _dialog(qtbot, window, ConflictsDialog)
        assert isinstance(view, ConflictsDialog)
        type_into(qtbot, view.findChild(QLineEdit, "conflictValue"), "Harju ja Vaara")
        click(qtbot, view.findChild(QPushButton, "conflictUseValue"))
        assert actors.get_actor(window.context.store, actor_id).area == "Harju ja Vaara"
        assert conflicts.count(window.context.store) == 0
        view.close()
    finally:
        window.close()


def test_a_file_from_before_sharing_opened_read_only_is_read_through_an_updated_copy(
    qtbot: QtBot, demo_path: Path
) -> None:
    from alembic.script import ScriptDirectory

    from old_files import downgrade_file
    from verkosto_desktop.data.storage.migrate import alembic_config

    before = ScriptDirectory.from_config(alembic_config()).get_revision("0005").down_revision
    downgrade_file(demo_path, str(before))
    old_bytes = demo_path.read_bytes()
    window = build_window(demo_path, readonly=True)
    qtbot.addWidget(window)
    try:
        # The window names the file itself, though it reads an updated copy of it.
        assert window.location() == demo_path
        assert window.findChild(QLabel, "statusFile").text() == demo_path.name
        assert window.context.store.readonly
        for name in ("actionSendBundle", "actionReceiveBundle"):
            action = window.findChild(QAction, name)
            assert action is not None and not action.isEnabled()
        assert not window.findChild(QPushButton, "statusConflicts").isVisible()
        # Every screen reads this version's schema: its actors open in the editor.
        register = window.show_section("register")
        first = register.visible_ids()[0]  # type: ignore[attr-defined]
        register.select_actor(first)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: register.editor.page.actor_id == first)  # type: ignore[attr-defined]
    finally:
        window.close()
    assert demo_path.read_bytes() == old_bytes  # the file waits for a window that may change it
