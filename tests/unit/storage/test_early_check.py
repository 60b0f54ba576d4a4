"""The file's check begun early (at the register's first paint): its verdict opens the file only
when the file is as it was when the check began; a file damaged after that is checked again and
refused, and a damage the early check found refuses the file too."""

from __future__ import annotations

from pathlib import Path

import pytest

from verkosto_desktop.data.errors import DamagedFile, NotVerkostoFile
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage import early_check
from verkosto_desktop.data.storage.store import Store


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "verkosto.verkosto"
    with Store.open(path) as store:
        for n in range(40):
            actors.create_actor(store, {"name": f"Yhdistys {n}"})
    return path


def _scribble(path: Path) -> None:
    # Over the pages after the schema (the tables' b-tree pages), keeping the size.
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data), 7):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every check of a file's pages, early or not."""
    done: list[Path] = []
    real = early_check.run

    def counted(path: Path) -> early_check.Outcome:
        done.append(path)
        return real(path)

    monkeypatch.setattr(early_check, "run", counted)
    return done


def _wait(path: Path) -> None:
    check = early_check._checks[path.resolve()]
    check.thread.join()


def test_an_unchanged_file_opens_on_the_early_verdict(tmp_path: Path, checks: list) -> None:
    path = _file(tmp_path)
    early_check.start(path)
    with Store.open(path) as store:
        assert actors.actor_names(store)
    assert len(checks) == 1  # the early one; opening did not read the file again
    assert early_check.taken(path) is None  # a verdict is taken once


def test_a_file_damaged_after_the_check_began_is_checked_again(
    tmp_path: Path, checks: list
) -> None:
    path = _file(tmp_path)
    early_check.start(path)
    _wait(path)  # the early check found the file sound
    _scribble(path)
    with pytest.raises((DamagedFile, NotVerkostoFile)):
        Store.open(path)
    assert len(checks) == 2


def test_damage_the_early_check_found_refuses_the_file(tmp_path: Path, checks: list) -> None:
    path = _file(tmp_path)
    _scribble(path)
    damaged = path.read_bytes()
    early_check.start(path)
    with pytest.raises(DamagedFile):
        Store.open(path)
    assert len(checks) == 1
    assert path.read_bytes() == damaged  # left exactly as it was
