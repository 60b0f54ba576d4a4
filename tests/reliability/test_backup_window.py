"""Backups in the window: the status bar shows the last good backup; backups are made on open,
daily (one single-shot timer) and on exit; File → "Backup to…" and "Restore…" work as a user
would use them; a damaged file and a file open elsewhere are explained and handled."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from modal_answers import answer_modals, click_button, close_message
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from reliability_harness import integrity, tally
from shiboken6 import isValid

from verkosto_desktop.app import Controller, build_window, make_settings
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.backup_names import name_for
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.paths import locations
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.storage.controller import BackupController


def _controller(window: MainWindow) -> BackupController:
    found = window.findChild(BackupController)
    assert isinstance(found, BackupController)
    return found


def _status(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "statusBackup")
    assert label is not None
    return label


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None
    return action


def test_status_shows_the_last_backup_and_backups_happen_on_open_and_exit(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    controller = _controller(window)
    # The file had no backup younger than an hour: one is made as it opens, off the UI thread.
    with qtbot.waitSignal(controller.backup_finished, timeout=30_000) as finished:
        pass
    info = finished.args[0] if finished.args else None
    assert info is not None and info.reason == "open"
    assert _status(window).text().startswith("Varmuuskopioitu klo ")
    timer = controller.daily_timer
    assert timer.isActive() and timer.isSingleShot()
    remaining = timedelta(milliseconds=timer.remainingTime())
    assert timedelta(hours=23) < remaining <= timedelta(days=1, minutes=1)

    actors.create_actor(window.context.store, {"name": "Ennen sulkemista"})
    window.close()
    reasons = [b.reason for b in backups.list_backups(demo_path)]
    assert reasons == ["exit", "open"]
    newest = backups.list_backups(demo_path)[0]
    assert integrity(newest.path) == "ok"
    assert newest.actors == backups.describe(demo_path).actors
    tally("backups verified", 2)


def test_the_daily_backup_runs_while_the_window_stays_open(qtbot: QtBot, demo_path: Path) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    controller = _controller(window)
    with qtbot.waitSignal(controller.backup_finished, timeout=30_000):
        pass  # the backup on open
    qtbot.waitUntil(lambda: not controller.busy, timeout=30_000)  # its job has ended too
    (opened,) = backups.list_backups(demo_path)
    actors.create_actor(window.context.store, {"name": "Päivän aikana lisätty"})

    # A day passes: the last backup is now a day old (its time is in its name).
    day_old = opened.taken_at - timedelta(days=1)
    older = opened.path.with_name(name_for(demo_path, day_old, opened.reason, 0))
    opened.path.rename(older)
    timer = controller.daily_timer
    controller._arm_timer()  # armed from the last backup's age: due within the minute now
    # (a very coarse timer: whole seconds, so up to a second more)
    assert timer.isActive() and timer.remainingTime() <= 61_000
    with qtbot.waitSignal(controller.backup_finished, timeout=30_000) as finished:
        timer.timeout.emit()  # the moment the single-shot timer was armed for

    made = finished.args[0] if finished.args else None
    assert made is not None and made.reason == "daily"
    assert [b.reason for b in backups.list_backups(demo_path)] == ["daily", "open"]
    assert integrity(made.path) == "ok"
    assert backups.is_sound(made.path)
    assert made.actors == opened.actors + 1 == backups.describe(demo_path).actors
    assert "Päivän aikana lisätty" in _names_in(made.path)
    assert _status(window).text().startswith("Varmuuskopioitu klo ")
    # Re-armed for the next day.
    assert timer.isActive()
    assert timedelta(milliseconds=timer.remainingTime()) > timedelta(hours=23)
    window.close()
    tally("backups verified")


def _names_in(path: Path) -> set[str]:
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in connection.execute("SELECT name FROM actor")}
    finally:
        connection.close()


def test_a_new_file_says_no_backup_yet(qtbot: QtBot, tmp_path: Path) -> None:
    window = build_window(tmp_path / "uusi.verkosto")
    qtbot.addWidget(window)
    assert _status(window).text() == "Ei vielä varmuuskopiota"
    assert _controller(window).job is None  # nothing to back up in a file just made
    window.close()


def test_backup_to_a_usb_stick(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.make_backup(demo_path, "manual")  # no automatic backup on open
    window = build_window(demo_path)
    qtbot.addWidget(window)
    target = tmp_path / "usb" / "kopio.verkosto"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Verkosto"))
    seen = answer_modals(close_message)
    _action(window, "actionBackupTo").trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert str(target) in seen[0]
    assert integrity(target) == "ok"
    assert backups.describe(target).actors == backups.describe(demo_path).actors
    window.close()


def test_restore_from_the_file_menu(qtbot: QtBot, demo_path: Path) -> None:
    backups.make_backup(demo_path, "manual")
    window = build_window(demo_path)
    qtbot.addWidget(window)
    actors.create_actor(window.context.store, {"name": "Palautuksessa katoava"})
    reopened: list[Path] = []
    window.open_requested.connect(lambda path, _demo: reopened.append(path))

    def choose_backup(widget: QWidget) -> bool:
        table = widget.findChild(QTableWidget, "backupList")
        if table is None:
            return False
        assert table.rowCount() == 1
        rect = table.visualItemRect(table.item(0, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        button = widget.findChild(QPushButton, "restoreButton")
        assert button is not None and button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return True

    seen = answer_modals(choose_backup, close_message)
    _action(window, "actionRestore").trigger()
    qtbot.waitUntil(lambda: bool(reopened), timeout=30_000)
    assert reopened == [demo_path]
    assert "Palautuksessa katoava" not in {r.name for r in _rows(window.context.store)}
    assert len(seen) == 2
    reasons = sorted(b.reason for b in backups.list_backups(demo_path))
    assert reasons == ["manual", "restore"]
    window.close()
    # The restored content is already a backup: closing adds none.
    assert sorted(b.reason for b in backups.list_backups(demo_path)) == reasons


def _rows(store: Store) -> list[object]:
    from verkosto_desktop.data.register.search import ActorFilter, search_actors

    return search_actors(store, ActorFilter())  # type: ignore[return-value]


def _app_controller() -> Controller:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    where = locations()
    return Controller(app, where, make_settings(where))


def test_a_damaged_file_is_explained_and_the_backup_restored(qtbot: QtBot, demo_path: Path) -> None:
    good = backups.make_backup(demo_path, "exit")
    data = bytearray(demo_path.read_bytes())
    for offset in range(4096 * 3, min(len(data), 4096 * 30), 7):
        data[offset] = 0x5A
    demo_path.write_bytes(bytes(data))
    controller = _app_controller()
    seen = answer_modals(click_button("Palauta varmuuskopio"), close_message)
    assert controller.open(demo_path, False)
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert "vioittunut" in seen[0]
    assert "säilytettiin nimellä" in seen[1]
    kept = list(demo_path.parent.glob("demo.damaged-*.verkosto"))
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(data)
    assert backups.describe(demo_path).actors == good.actors
    controller.window.close()
    tally("damaged files recovered")


def test_a_file_open_in_another_window_can_be_opened_read_only(
    qtbot: QtBot, demo_path: Path
) -> None:
    backups.make_backup(demo_path, "manual")
    first = build_window(demo_path)
    qtbot.addWidget(first)
    controller = _app_controller()
    seen = answer_modals(click_button("Avaa vain luettavaksi"))
    assert controller.open(demo_path, False)
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert "toisessa Verkosto-ikkunassa" in seen[0]
    assert controller.window.context.store.readonly
    controller.window.close()
    first.close()


def test_after_a_restore_the_window_is_rebuilt_on_the_same_file(
    qtbot: QtBot, demo_path: Path
) -> None:
    backup = backups.make_backup(demo_path, "manual")
    controller = _app_controller()
    assert controller.open(demo_path, False)
    old = controller.window
    assert old is not None  # not given to qtbot: the controller closes and deletes it
    actors.create_actor(old.context.store, {"name": "Palautuksessa katoava"})
    seen = answer_modals(close_message)
    _controller(old).restore(backup.path)
    qtbot.waitUntil(lambda: controller.window is not old, timeout=30_000)
    new = controller.window
    assert new is not None
    qtbot.addWidget(new)
    assert "palautettiin" in seen[0]
    assert new.isVisible()
    assert not isValid(old) or not old.isVisible()
    assert new.context.store.file_lock is not None  # the new window holds the file
    names = {r.name for r in _rows(new.context.store)}  # type: ignore[attr-defined]
    assert "Palautuksessa katoava" not in names
    new.close()


def test_backup_to_a_stick_that_was_pulled_out_says_so(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.make_backup(demo_path, "manual")  # no automatic backup on open
    window = build_window(demo_path)
    qtbot.addWidget(window)
    stick = tmp_path / "usb"
    stick.mkdir()
    target = stick / "kopio.verkosto"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Verkosto"))
    stick.rmdir()  # pulled out between choosing the place and the copy
    seen = answer_modals(close_message)
    _action(window, "actionBackupTo").trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert str(stick) in seen[0] and "ei ole" in seen[0]
    assert not stick.exists()
    window.close()
