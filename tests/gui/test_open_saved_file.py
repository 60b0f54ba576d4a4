"""A saved printout is named in the status line as a link; following it opens the file in the
system's viewer (a script standing in for ``xdg-open`` records what it was given)."""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.printouts import DocumentKind
from verkosto_desktop.ui.printouts import PrintoutsSection


def _saved_contact_list(
    qtbot: QtBot, demo_path: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> PrintoutsSection:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.show()
    section = window.show_section("printouts")
    assert isinstance(section, PrintoutsSection)
    section.choices.document.setCurrentIndex(
        section.choices.document.findData(DocumentKind.CONTACTS.value)
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    button = section.findChild(QPushButton, "exportSave")
    assert button is not None
    with qtbot.waitSignal(section.panel.saved, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return section


def test_the_saved_file_opens_in_the_system_viewer(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    record = tmp_path / "viewer.txt"
    viewer = bin_folder / "xdg-open"
    viewer.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$1" > "{record}.tmp" && mv "{record}.tmp" "{record}"\n'
    )
    viewer.chmod(viewer.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    target = tmp_path / "Yhteystiedot Esimerkkilä.pdf"
    section = _saved_contact_list(qtbot, demo_path, target, monkeypatch)
    status = section.panel.status
    assert str(target) in status.text() and status.openExternalLinks() is False
    href = re.search(r'href="([^"]+)"', status.text())
    assert href is not None
    status.linkActivated.emit(href.group(1))  # what a click on the link sends
    deadline = time.monotonic() + 10
    while not record.exists():
        assert time.monotonic() < deadline, "no viewer was started"
        qtbot.wait(20)
    assert record.read_text().strip() == str(target)


def test_without_a_viewer_the_user_is_told(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "yhteystiedot.pdf"
    section = _saved_contact_list(qtbot, demo_path, target, monkeypatch)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: told.append(text))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    href = re.search(r'href="([^"]+)"', section.panel.status.text())
    assert href is not None
    section.panel.status.linkActivated.emit(href.group(1))
    assert len(told) == 1 and "yhteystiedot.pdf" in told[0]
