"""Where the program keeps its files on each system, and where it thinks it runs from when frozen.

Only Linux runs here; the Windows and macOS branches are taken by setting ``sys.platform`` for
the call (platformdirs' own Windows and macOS classes do the rest; on Windows the known-folder
API is replaced by the environment variables that platformdirs itself falls back on)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from verkosto_desktop import paths


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No VERKOSTO_HOME, and a frozen program in a folder without ``verkosto-data``."""
    monkeypatch.delenv("VERKOSTO_HOME", raising=False)
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "verkosto"))
    return program


def test_linux_follows_the_xdg_folders(
    no_override: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    where = paths.locations()
    assert where == paths.Locations(
        tmp_path / "share" / "Verkosto",
        tmp_path / "share" / "Verkosto" / "backups",
        tmp_path / "config" / "Verkosto",
        False,
    )
    assert where.default_database == tmp_path / "share" / "Verkosto" / "network.verkosto"


def test_windows_keeps_data_and_settings_in_local_appdata(
    no_override: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import windows

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(windows, "_RESOLVE_WIN_FOLDER", windows.get_win_folder_from_env_vars)
    monkeypatch.setenv("LOCALAPPDATA", "C:\\Users\\koordinaattori\\AppData\\Local")
    monkeypatch.setenv("APPDATA", "C:\\Users\\koordinaattori\\AppData\\Roaming")
    where = paths.locations()
    # Not the roaming profile: a database must not travel with a domain login.
    assert str(where.data).startswith("C:\\Users\\koordinaattori\\AppData\\Local")
    assert where.data.name.endswith("Verkosto")
    assert str(where.settings) == str(where.data)
    assert where.portable is False


def test_macos_keeps_data_in_application_support(
    no_override: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    where = paths.locations()
    support = tmp_path / "home" / "Library" / "Application Support"
    assert where.data == support / "Verkosto"
    assert where.backups == support / "Verkosto" / "backups"
    assert where.settings.is_relative_to(tmp_path / "home" / "Library")


def test_the_debian_package_runs_from_opt_through_its_usr_bin_link(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opt = tmp_path / "opt" / "verkosto"
    opt.mkdir(parents=True)
    (opt / "verkosto").write_text("")
    bin_folder = tmp_path / "usr" / "bin"
    bin_folder.mkdir(parents=True)
    (bin_folder / "verkosto").symlink_to(opt / "verkosto")
    # A verkosto-data folder in /usr/bin must not make an installed program portable.
    (bin_folder / "verkosto-data").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bin_folder / "verkosto"))
    assert paths.program_folder() == opt


def test_a_macos_bundle_is_portable_with_verkosto_data_beside_the_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stick = tmp_path / "USB"
    macos = stick / "Verkosto.app" / "Contents" / "MacOS"
    macos.mkdir(parents=True)
    (stick / "verkosto-data").mkdir()
    monkeypatch.delenv("VERKOSTO_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(macos / "verkosto"))
    assert paths.program_folder() == stick
    where = paths.locations()
    assert where.portable is True
    assert where.data == stick / "verkosto-data" / "data"
    assert where.settings == stick / "verkosto-data" / "settings"


def test_outside_a_bundle_macos_uses_the_executables_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "verkosto" / "verkosto"))
    assert paths.program_folder() == tmp_path / "verkosto"


def test_windows_needs_the_zone_database_package() -> None:
    # Windows has no zone database: without tzdata, ZoneInfo("Europe/Helsinki") fails there
    # and every time would be shown in UTC.
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((Path(__file__).parents[3] / "pyproject.toml").read_text())
    needed = [Requirement(r) for r in project["project"]["dependencies"]]
    tzdata = [r for r in needed if r.name == "tzdata"]
    assert len(tzdata) == 1
    marker = tzdata[0].marker
    assert marker is not None
    assert marker.evaluate({"sys_platform": "win32", "extra": ""})
    assert not marker.evaluate({"sys_platform": "linux", "extra": ""})
