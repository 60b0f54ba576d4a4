"""``verkosto --database FILE --self-test``: the window opens, the register is shown, the window
closes and the program ends with 0 (the start-up check the frozen builds are tested with). A
file given alone, as a file manager passes a double-clicked ``.verkosto`` file, is opened the
same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from verkosto_desktop import app as app_module
from verkosto_desktop.app import make_settings
from verkosto_desktop.cli import main
from verkosto_desktop.paths import locations
from verkosto_desktop.ui.main_window import MainWindow


@pytest.fixture
def quiet_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    # run_gui styles the whole application; the suite's QApplication is shared by every test.
    monkeypatch.setattr(app_module, "apply_theme", lambda *_a, **_k: None)
    monkeypatch.setattr(app_module, "CursorRest", lambda *_a, **_k: None)
    monkeypatch.setattr(app_module, "install_qt_translations", lambda *_a, **_k: None)


def _open_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


@pytest.mark.usefixtures("qapp", "quiet_gui")
def test_the_check_shows_the_register_and_leaves_the_settings_as_they_were(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(locations())
    settings.setValue("window/section", "dashboard")
    settings.sync()
    shown: list[str | None] = []
    original = MainWindow.show_section

    def watched(window: MainWindow, key: str) -> object:
        shown.append(key)
        return original(window, key)

    MainWindow.show_section = watched  # type: ignore[method-assign]
    try:
        assert main(["--database", str(demo_path), "--self-test"]) == 0
    finally:
        MainWindow.show_section = original  # type: ignore[method-assign]
    out = capsys.readouterr()
    assert (
        out.out.strip()
        == "Käynnistystarkistus onnistui: toimijarekisteri on näkyvissä. Toimijoita: 40"
    )
    assert out.err == ""
    assert "register" in shown and shown[-1] == "dashboard"
    assert _open_windows() == []
    # The program's icon, drawn at every size the title bar and the task switcher ask for.
    sizes = {(s.width(), s.height()) for s in QApplication.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    settings.sync()
    assert settings.value("window/section") == "dashboard"


@pytest.mark.usefixtures("qapp", "quiet_gui")
def test_a_window_without_a_register_fails_the_check(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = MainWindow.show_section
    monkeypatch.setattr(
        MainWindow,
        "show_section",
        lambda window, key: None if key == "register" else original(window, key),
    )
    assert main(["--database", str(demo_path), "--self-test"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "Käynnistystarkistus epäonnistui: ikkunassa ei ole toimijarekisteriä"
    assert _open_windows() == []


@pytest.mark.usefixtures("qapp", "quiet_gui")
def test_a_file_given_alone_is_opened_as_by_a_double_click(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(demo_path), "--self-test"]) == 0
    assert "Toimijoita: 40" in capsys.readouterr().out
    settings = make_settings(locations())
    assert settings.value("files/last") == str(demo_path.resolve())
