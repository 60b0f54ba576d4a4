from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window


def test_main_window_opens_on_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    window = build_window(tmp_path / "demo.verkosto", demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.objectName() == "mainWindow"
    assert "Esimerkkilän järjestöverkosto" in window.windowTitle()
    assert window.findChild(QListWidget, "navigation") is not None
    offline = window.findChild(QLabel, "statusOffline")
    assert offline is not None and "Ilman verkkoa" in offline.text()
    assert window.findChild(QLabel, "statusSaved") is not None
    window.close()


def test_a_write_shows_the_saved_time(qtbot: QtBot, tmp_path: Path) -> None:
    from verkosto_desktop.data.register import actors

    window = build_window(tmp_path / "new.verkosto")
    qtbot.addWidget(window)
    saved = window.findChild(QLabel, "statusSaved")
    assert saved is not None and saved.text() == ""
    actors.create_actor(window.context.store, {"name": "Uusi toimija"})
    qtbot.waitUntil(lambda: saved.text().startswith("Tallennettu klo "))
    window.close()
