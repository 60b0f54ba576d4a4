"""Where saved documents go: the folder last used for any export (remembered in the settings),
and a dated name, so that this week's sheets never overwrite last week's by accident."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from verkosto_desktop.domain.clock import now_local
from verkosto_desktop.domain.slugs import slug

KEY = "exports/folder"


def export_folder(settings: QSettings | None) -> Path:
    """The folder of the last export, else the user's documents folder (or home)."""
    if settings is not None:
        folder = str(settings.value(KEY, "") or "")
        if folder and Path(folder).is_dir():
            return Path(folder)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_export_folder(settings: QSettings | None, path: Path, *, folder: bool = False) -> None:
    """The folder ``path`` was saved in (``path`` itself with ``folder``) becomes the first one
    offered next time."""
    if settings is not None:
        settings.setValue(KEY, str(path if folder else path.parent))


def dated_name(title: str, suffix: str = ".pdf") -> str:
    """``2026-12-06_contact-list.pdf``: today's date first, so the files sort by day."""
    return f"{now_local().date().isoformat()}_{slug(title)}{suffix}"
