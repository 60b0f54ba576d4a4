"""Opening a written PDF with the system's viewer: the command of each system, and the
environment a frozen program hands to it (its own library folder taken back out).

The viewer started here is a real process: a script named ``xdg-open`` (or ``open``, macOS's
command) first on ``PATH`` that writes down what it was given. Windows' ``os.startfile`` cannot
run here (see the README's list of what is untested)."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from verkosto_desktop import system_viewer
from verkosto_desktop.system_viewer import (
    ViewerUnavailable,
    open_command,
    open_with_system_viewer,
    viewer_environment,
)


def test_each_system_has_its_own_command() -> None:
    pdf = Path("/tmp/Yhteystiedot 2026.pdf")
    assert open_command(pdf, "linux") == ["xdg-open", str(pdf)]
    assert open_command(pdf, "freebsd14") == ["xdg-open", str(pdf)]
    assert open_command(pdf, "darwin") == ["open", str(pdf)]
    assert open_command(pdf, "win32") is None  # os.startfile asks the Windows shell


def test_a_frozen_program_gives_the_viewer_the_users_library_path_back() -> None:
    frozen = {
        "LD_LIBRARY_PATH": "/opt/verkosto/_internal:/home/me/lib",
        "LD_LIBRARY_PATH_ORIG": "/home/me/lib",
        "LANG": "fi_FI.UTF-8",
    }
    env = viewer_environment(frozen, frozen=True)
    assert env == {"LD_LIBRARY_PATH": "/home/me/lib", "LANG": "fi_FI.UTF-8"}
    # The user had none: the viewer gets none.
    env = viewer_environment({"LD_LIBRARY_PATH": "/opt/verkosto/_internal"}, frozen=True)
    assert "LD_LIBRARY_PATH" not in env


def test_from_source_the_environment_is_passed_on_unchanged() -> None:
    mine = {"LD_LIBRARY_PATH": "/home/me/lib", "LD_LIBRARY_PATH_ORIG": "x"}
    assert viewer_environment(mine, frozen=False) == mine


def _fake_viewer(folder: Path, name: str, record: Path) -> None:
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$1" > "{record}.tmp"\n'
        f'printf "%s\\n" "${{LD_LIBRARY_PATH-unset}}" >> "{record}.tmp"\n'
        f'mv "{record}.tmp" "{record}"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def _wait_for(record: Path) -> list[str]:
    deadline = time.monotonic() + 10
    while not record.exists():
        assert time.monotonic() < deadline, "the viewer was not started"
        time.sleep(0.02)
    return record.read_text().splitlines()


@pytest.mark.parametrize(("platform", "command"), [("linux", "xdg-open"), ("darwin", "open")])
def test_the_viewer_is_started_with_the_file_and_a_clean_environment(
    platform: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    record = tmp_path / "started.txt"
    _fake_viewer(bin_folder, command, record)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(system_viewer.sys, "platform", platform)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/verkosto/_internal")
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    pdf = tmp_path / "Yhteystiedot – Esimerkkilä.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    open_with_system_viewer(pdf)
    assert _wait_for(record) == [str(pdf), "unset"]


def test_no_viewer_is_a_sentence_for_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there, not even xdg-open
    monkeypatch.setattr(system_viewer.sys, "platform", "linux")
    with pytest.raises(ViewerUnavailable) as missing:
        open_with_system_viewer(tmp_path / "raportti.pdf")
    assert "raportti.pdf" in str(missing.value)
