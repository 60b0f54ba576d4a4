"""``verkosto --database FILE`` in window mode: a file that cannot be opened is explained in a
dialog and also in one line on stderr (for the terminal or script that started the program),
with exit code 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from verkosto_desktop import app as app_module
from verkosto_desktop.cli import main
from verkosto_desktop.data.storage.file_lock import FileLock
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.ui.storage import opening


@pytest.fixture
def quiet_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    # run_gui styles the whole application; the suite's QApplication is shared by every test.
    monkeypatch.setattr(app_module, "apply_theme", lambda *_a, **_k: None)
    monkeypatch.setattr(app_module, "CursorRest", lambda *_a, **_k: None)
    monkeypatch.setattr(app_module, "install_qt_translations", lambda *_a, **_k: None)


def _foreign(tmp_path: Path) -> Path:
    foreign = tmp_path / "foreign.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    return foreign


@pytest.mark.usefixtures("qapp", "quiet_gui")
def test_a_foreign_file_gets_the_dialog_and_one_line_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []

    def critical(_parent: QWidget | None, _title: str, text: str, *_a: object) -> None:
        shown.append(text)  # the user reads it and presses OK

    monkeypatch.setattr(QMessageBox, "critical", critical)
    foreign = _foreign(tmp_path)
    before = foreign.read_bytes()

    assert main(["--database", str(foreign)]) == 1

    out, err = capsys.readouterr()
    assert len(shown) == 1 and "foreign.db" in shown[0]
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("verkosto: ") and "foreign.db" in err
    assert shown[0] in err
    assert foreign.read_bytes() == before


@pytest.mark.usefixtures("qapp", "quiet_gui")
def test_a_file_in_use_whose_dialog_is_cancelled_gets_one_line_on_stderr(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[VerkostoError] = []

    def cancel(_parent: QWidget | None, _database: Path, error: VerkostoError) -> object:
        asked.append(error)
        return opening.OpenChoice.CANCEL

    monkeypatch.setattr(app_module, "resolve_open_problem", cancel)
    lock = FileLock(demo_path)  # another window has the file
    lock.acquire()
    try:
        assert main(["--database", str(demo_path)]) == 1
    finally:
        lock.release()
    err = capsys.readouterr().err
    assert len(asked) == 1
    assert err.count("\n") == 1 and "demo.verkosto" in err and str(asked[0]) in err
