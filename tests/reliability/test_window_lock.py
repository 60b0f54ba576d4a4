"""One window per file: a second window is told who has the file and may open it read-only; a
lock left by a killed program is taken over by itself; the command line works beside a window."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from reliability_harness import Worker, tally

from verkosto_desktop.app import build_window
from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.data.models.types import device_user
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.file_lock import FileInUse, FileLock, lock_holder, lock_path


def test_a_second_lock_is_refused_with_who_and_since(tmp_path: Path) -> None:
    database = tmp_path / "lukittu.verkosto"
    first = FileLock(database)
    first.acquire()
    with pytest.raises(FileInUse) as refused:
        FileLock(database).acquire()
    assert device_user() in str(refused.value)
    assert refused.value.holder is not None and refused.value.holder.pid == os.getpid()
    first.release()
    assert not lock_path(database).exists()
    second = FileLock(database)
    second.acquire()
    second.release()


def test_a_lock_left_by_a_killed_program_recovers_by_itself(
    tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    database = tmp_path / "kaatunut.verkosto"
    holder = worker("fault_store.py")
    pid = holder.ask(op="lock", db=str(database))["ok"]
    assert lock_holder(database) is not None
    with pytest.raises(FileInUse):
        FileLock(database).acquire()
    os.kill(pid, signal.SIGKILL)
    holder.process.wait()
    assert lock_path(database).exists()  # the stale file is still there …
    assert lock_holder(database) is None  # … but nobody holds it
    lock = FileLock(database)
    lock.acquire()
    lock.release()
    tally("stale locks recovered")


def test_second_window_is_refused_and_may_look_read_only(qtbot: QtBot, demo_path: Path) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    with pytest.raises(FileInUse):
        build_window(demo_path)
    viewer = build_window(demo_path, readonly=True)
    qtbot.addWidget(viewer)
    assert viewer.context.store.readonly
    badge = viewer.findChild(QLabel, "statusReadOnly")
    assert badge is not None and badge.text() == "Vain luku"
    assert "vain luku" in viewer.windowTitle()
    with pytest.raises(WriteFailed) as refused:
        actors.create_actor(viewer.context.store, {"name": "Ei saa tallentua"})
    assert refused.value.reason == "read_only"
    restore = viewer.findChild(type(viewer.menuBar().actions()[0]), "actionRestore")
    assert restore is not None and not restore.isEnabled()
    viewer.close()
    window.close()
    assert not lock_path(demo_path).exists()
    again = build_window(demo_path)
    qtbot.addWidget(again)
    again.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", *args], capture_output=True, text=True
    )


def test_command_line_works_beside_an_open_window(qtbot: QtBot, demo_path: Path) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    actors.create_actor(window.context.store, {"name": "Ikkunassa lisätty"})
    found = _cli("find", "Ikkunassa", "--database", str(demo_path))
    assert found.returncode == 0 and "Ikkunassa lisätty" in found.stdout
    for command in ("backup", "backups", "check"):
        result = _cli(command, "--database", str(demo_path))
        assert result.returncode == 0, result.stderr
    refused = _cli("restore", "--database", str(demo_path))
    assert refused.returncode == 1
    assert "toisessa Verkosto-ikkunassa" in refused.stderr
    window.close()
    tally("command-line runs beside a window", 5)
