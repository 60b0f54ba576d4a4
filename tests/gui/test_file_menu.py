"""The File menu as a coordinator uses it: a new network file, open, recent files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import Controller, make_settings
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import count_live_actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.paths import locations


def _action(controller: Controller, name: str) -> QAction:
    assert controller.window is not None
    action = controller.window.findChild(QAction, name)
    assert action is not None
    return action


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path) -> Controller:
    where = locations()
    made = Controller(QApplication.instance(), where, make_settings(where))  # type: ignore[arg-type]
    first = tmp_path / "kylat.verkosto"
    with Store.open(first) as store:
        actors.create_actor(store, {"name": "Kyläyhdistys Ry"})
    assert made.open(first, False)
    yield made
    if made.window is not None:
        made.window.close()


def test_a_new_network_file_never_overwrites_an_existing_one(
    controller: Controller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "kylat.verkosto"
    before = existing.read_bytes()
    answers = iter([(str(tmp_path / "kylat"), ""), (str(tmp_path / "uusi verkosto"), "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warnings.append(text))
    )
    _action(controller, "actionNewFile").trigger()

    # The name of an existing file (typed without its suffix) is refused and asked again.
    assert len(warnings) == 1 and "kylat.verkosto on jo olemassa" in warnings[0]
    assert existing.read_bytes() == before
    assert controller.window is not None
    new = controller.window.context.store
    assert new.path == tmp_path / "uusi verkosto.verkosto"
    assert count_live_actors(new) == 0
    assert "uusi verkosto.verkosto" in controller.window.windowTitle()


def test_open_and_recent_files_bring_a_file_back(
    controller: Controller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "toinen.verkosto"
    with Store.open(second) as store:
        actors.create_actor(store, {"name": "Metsästysseura"})
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(second), ""))
    _action(controller, "actionOpenFile").trigger()
    assert controller.window is not None
    assert controller.window.context.store.path == second

    menu = controller.window.findChild(QMenu, "recentFilesMenu")
    assert menu is not None
    menu.aboutToShow.emit()
    entries = {action.text(): action for action in menu.actions()}
    first = str((tmp_path / "kylat.verkosto").resolve())
    assert list(entries) == [str(second.resolve()), first]
    entries[first].trigger()
    assert controller.window.context.store.path.resolve() == Path(first)
    assert controller.window.context.settings.value("files/last") == first


def test_a_new_start_opens_the_last_file_in_the_chosen_language(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verkosto_desktop.app import run_gui
    from verkosto_desktop.i18n import set_language
    from verkosto_desktop.ui.main_window import MainWindow

    last = tmp_path / "viimeksi.verkosto"
    with Store.open(last) as store:
        actors.create_actor(store, {"name": "Partiolippukunta"})
    where = locations()
    settings = make_settings(where)
    settings.setValue("files/last", str(last))
    settings.setValue("ui/language", "sv")
    settings.sync()
    seen: dict[str, str] = {}

    def instead_of_the_event_loop(*_args: object) -> int:
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        seen["file"] = str(window.context.store.path)
        seen["menu"] = window.file_menu.title()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", instead_of_the_event_loop)
    try:
        assert run_gui(None) == 0
    finally:
        set_language("fi")
    assert seen == {"file": str(last), "menu": "&Arkiv"}
