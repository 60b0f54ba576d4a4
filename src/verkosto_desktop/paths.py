"""Where Verkosto keeps its files: platformdirs locations, or beside the program in portable mode.

Portable mode: when a folder named ``verkosto-data`` sits next to the program (the packaged
executable, or the source checkout), data, backups and settings all live inside it, so the whole
thing runs from a USB stick. ``VERKOSTO_HOME`` overrides both (used by tests and scripts).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs.api import PlatformDirsABC

APP_NAME = "Verkosto"
PORTABLE_FOLDER = "verkosto-data"
DATABASE_SUFFIX = ".verkosto"


@dataclass(frozen=True)
class Locations:
    """The folders in use; ``portable`` tells whether they sit beside the program."""

    data: Path
    backups: Path
    settings: Path
    portable: bool

    @property
    def default_database(self) -> Path:
        return self.data / f"network{DATABASE_SUFFIX}"

    @property
    def demo_database(self) -> Path:
        return self.data / f"demo-esimerkkila{DATABASE_SUFFIX}"


def program_folder() -> Path:
    """The folder the program runs from: the executable's when frozen, else the checkout's.

    A macOS program is a bundle (``Verkosto.app/Contents/MacOS/verkosto``) that the user sees
    as one file: its folder is the one the bundle sits in, where ``verkosto-data`` can be put.
    The package installed on Linux links ``/usr/bin/verkosto`` to ``/opt/verkosto/verkosto``:
    the link is followed, so the folder is ``/opt/verkosto``, never ``/usr/bin``.
    """
    if getattr(sys, "frozen", False):
        folder = Path(sys.executable).resolve().parent
        if sys.platform == "darwin" and folder.parent.name == "Contents":
            bundle = folder.parent.parent
            if bundle.suffix == ".app":
                return bundle.parent
        return folder
    return Path(__file__).resolve().parents[2]


def _platform_dirs() -> PlatformDirsABC:
    """The user's data and settings folders for the system the program runs on.

    Chosen at each call from ``sys.platform`` (``platformdirs.PlatformDirs`` is fixed when it is
    imported), so the Windows and macOS branches can be exercised on any machine.
    """
    if sys.platform == "win32":
        from platformdirs.windows import Windows

        return Windows(APP_NAME, appauthor=False)
    if sys.platform == "darwin":
        from platformdirs.macos import MacOS

        return MacOS(APP_NAME, appauthor=False)
    from platformdirs.unix import Unix

    return Unix(APP_NAME, appauthor=False)


def locations() -> Locations:
    """Resolve the folders for this run (override, portable mode, or the user's platform dirs)."""
    override = os.environ.get("VERKOSTO_HOME")
    if override:
        root = Path(override)
        return Locations(root / "data", root / "data" / "backups", root / "settings", False)
    portable = program_folder() / PORTABLE_FOLDER
    if portable.is_dir():
        return Locations(
            portable / "data", portable / "data" / "backups", portable / "settings", True
        )
    dirs = _platform_dirs()
    data = Path(dirs.user_data_dir)
    settings = Path(dirs.user_config_dir)
    return Locations(data, data / "backups", settings, False)


def backups_folder_for(database: Path) -> Path:
    """Backups are kept beside the data they protect: ``<folder>/backups/<file stem>/``."""
    return database.resolve().parent / "backups" / database.stem
