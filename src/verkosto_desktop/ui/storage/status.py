"""The status-bar label with the time of the last good backup."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from verkosto_desktop.data.storage.backups import BackupInfo
from verkosto_desktop.domain.clock import now_local, to_local
from verkosto_desktop.domain.timefmt import format_datetime, format_time
from verkosto_desktop.i18n import _


class BackupStatus(QLabel):
    """ "Backed up at 10.32", a progress figure while a backup runs, or why it failed."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("statusBackup")
        self.last: BackupInfo | None = None

    def show_last(self, info: BackupInfo | None, folder: str) -> None:
        """Show the newest good backup (``None``: there is none yet)."""
        self.last = info
        self.setStyleSheet("")
        if info is None:
            self.setText(_("No backup yet"))
        elif to_local(info.taken_at).date() == now_local().date():
            self.setText(_("Backed up at {time}").format(time=format_time(info.taken_at)))
        else:
            self.setText(_("Backed up {when}").format(when=format_datetime(info.taken_at)))
        self.setToolTip(_("Backups are kept in {folder}").format(folder=folder))

    def show_running(self, done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 0
        self.setText(_("Backing up… {percent} %").format(percent=percent))

    def show_failed(self, message: str) -> None:
        self.setText(_("Backup failed"))
        self.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.setToolTip(message)
