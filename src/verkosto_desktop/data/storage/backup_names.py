"""How backups are named and found: ``<file name>_<UTC time>Z[-n]_<reason>.verkosto`` in
``<data folder>/backups/<file name>/``. The name alone tells when and why a backup was made, so
listing and rotating never need to open a file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from verkosto_desktop.i18n import N_, _
from verkosto_desktop.paths import DATABASE_SUFFIX, backups_folder_for

REASONS: dict[str, str] = {
    "open": N_("when the file was opened"),
    "daily": N_("daily"),
    "exit": N_("on exit"),
    "migration": N_("before a program update"),
    "import": N_("before an import"),
    "sync": N_("before a sync with the regional server"),
    "restore": N_("before a restore"),
    "manual": N_("made by hand"),
}
_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<time>\d{8}-\d{6})Z(?:-(?P<n>\d+))?_(?P<reason>[a-z]+)"
    + re.escape(DATABASE_SUFFIX)
    + "$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup: where, when (UTC), why, and what it holds (None when it cannot be read)."""

    path: Path
    taken_at: datetime
    reason: str
    actors: int | None = None
    contacts: int | None = None

    @property
    def readable(self) -> bool:
        return self.actors is not None

    def reason_label(self) -> str:
        """The reason in the user's language."""
        return _(REASONS.get(self.reason, self.reason))


def backups_folder(database: Path) -> Path:
    """Where the automatic backups of ``database`` are kept."""
    return backups_folder_for(database)


def parse_name(path: Path) -> BackupInfo | None:
    """The time and reason written in a backup's name; None for any other file."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    taken = datetime.strptime(match["time"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    # Backups made within one second carry a counter; it orders them.
    taken += timedelta(microseconds=int(match["n"] or 0))
    return BackupInfo(path, taken, match["reason"])


def name_for(database: Path, taken_at: datetime, reason: str, n: int) -> str:
    counter = f"-{n}" if n else ""
    return f"{database.stem}_{taken_at:%Y%m%d-%H%M%S}Z{counter}_{reason}{DATABASE_SUFFIX}"


def named_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder`` by their names only (no file is opened), newest first."""
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if (info := parse_name(p)) is not None]
    found.sort(key=lambda info: info.taken_at, reverse=True)
    return found
