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

import platformdirs

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
    """The folder the program runs from: the executable's when frozen, else the checkout's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


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
    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    settings = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    return Locations(data, data / "backups", settings, False)


def backups_folder_for(database: Path) -> Path:
    """Backups are kept beside the data they protect: ``<folder>/backups/<file stem>/``."""
    return database.resolve().parent / "backups" / database.stem
