"""Edit → "Person's data…" as a user drives it: type a name, find, save as JSON and as PDF."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.ui.register.person_data_dialog import PersonDataDialog

NAME = "Petri Laitinen"  # a contact person of the demo


def test_person_data_is_found_and_saved_as_json_and_pdf(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.show()
    action = window.findChild(QAction, "actionPersonData")
    assert action is not None and action in window.edit_menu.actions()
    action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PersonDataDialog))
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.save_json.isEnabled()

    qtbot.keyClicks(dialog.name, NAME)
    with qtbot.waitSignal(dialog.matches.model().rowsInserted, timeout=30_000):
        qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert dialog.matches.count() == 1
    assert dialog.matches.item(0).text().startswith(NAME)
    assert dialog.save_json.isEnabled() and dialog.save_pdf.isEnabled()

    target = {"path": tmp_path / "tiedot.json"}
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target["path"]), ""))
    )
    job = dialog.save("json")
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    saved = json.loads(target["path"].read_text(encoding="utf-8"))
    assert [p["person"]["name"] for p in saved["people"]] == [NAME]
    assert saved["people"][0]["consent"]["recorded_on"]
    assert stat.S_IMODE(target["path"].stat().st_mode) == 0o600

    target["path"] = tmp_path / "tiedot.pdf"
    qtbot.mouseClick(dialog.save_pdf, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target["path"].exists(), timeout=30_000)
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(target["path"].read_bytes())).pages
    )
    assert "Henkilön tiedot" in text and NAME in text
    assert "LUOTTAMUKSELLINEN — sisäiseen käyttöön" in text
    dialog.close()
