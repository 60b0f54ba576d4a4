"""What the window says when a file cannot be opened as usual, and what it offers instead.

- open in another window, or on a read-only medium: open it read-only to look;
- damaged: keep it under a dated name and restore the newest good backup;
- on a network share or in a cloud-synced folder: a warning (the file still opens).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from verkosto_desktop.data.errors import DamagedFile, ReadOnlyFile, StoreError
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.file_location import location_warning
from verkosto_desktop.data.storage.file_lock import FileInUse
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.storage.controller import counts_text

# Long paths and sentences read better in a wider box than QMessageBox's default.
WIDE_TEXT = "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 440px; }"


class OpenChoice(Enum):
    """What to do after a file could not be opened."""

    CANCEL = "cancel"
    READ_ONLY = "read_only"
    RETRY = "retry"


def resolve_open_problem(
    parent: QWidget | None, database: Path, error: VerkostoError
) -> OpenChoice:
    """Explain ``error`` and ask the user what to do; may restore a backup (then RETRY)."""
    if isinstance(error, FileInUse | ReadOnlyFile):
        return _offer_read_only(parent, error)
    if isinstance(error, DamagedFile):
        return offer_recovery(parent, database, error)
    QMessageBox.critical(parent, _("Cannot open the file"), str(error))
    return OpenChoice.CANCEL


def _offer_read_only(parent: QWidget | None, error: VerkostoError) -> OpenChoice:
    box = QMessageBox(parent)
    box.setObjectName("openReadOnlyQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("The file cannot be changed here"))
    box.setText(str(error))
    box.setStyleSheet(WIDE_TEXT)
    box.setInformativeText(_("You can open it read-only to look at it and print from it."))
    read_only = box.addButton(_("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return OpenChoice.READ_ONLY if box.clickedButton() is read_only else OpenChoice.CANCEL


def offer_recovery(parent: QWidget | None, database: Path, error: VerkostoError) -> OpenChoice:
    """A damaged file: explain, offer the newest good backup, and restore it if asked."""
    from verkosto_desktop.data.storage.restore import erasures_warning, recover_damaged

    newest = backups.newest_good_backup(database)
    box = QMessageBox(parent)
    box.setObjectName("damagedFileDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("The file is damaged"))
    box.setText(_("{name} is damaged and cannot be opened.").format(name=database.name))
    box.setDetailedText(f"{database}\n{error}")
    box.setStyleSheet(WIDE_TEXT)
    if newest is None:
        box.setInformativeText(
            _(
                "There is no good backup of this file. The file was not changed; keep it, "
                "someone with SQLite tools may still rescue most of it."
            )
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        return OpenChoice.CANCEL
    box.setInformativeText(
        _(
            "The damaged file will not be deleted or overwritten: it is kept beside the "
            "original under a name with today's date.\n\nThe newest good backup is from {time} "
            "({counts}). Changes made after that time may be missing: check the latest "
            "entries after restoring."
        ).format(time=format_datetime(newest.taken_at), counts=counts_text(newest))
    )
    restore = box.addButton(_("&Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is not restore:
        return OpenChoice.CANCEL
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        result = recover_damaged(database, newest.path)
    except StoreError as failure:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(parent, _("Backup not restored"), str(failure))
        return OpenChoice.CANCEL
    QApplication.restoreOverrideCursor()
    text = _(
        "The backup from {time} was restored. The damaged file was kept as {moved}. "
        "Changes made after {time} may be missing."
    ).format(time=format_datetime(newest.taken_at), moved=result.moved_aside)
    warning = erasures_warning(result)
    if warning is None:
        QMessageBox.information(parent, _("Backup restored"), text)
    else:
        QMessageBox.warning(parent, _("Backup restored"), text + "\n\n" + warning)
    return OpenChoice.RETRY


def warn_about_location(parent: QWidget | None, database: Path) -> bool:
    """Warn (once per call) when ``database`` is on a network share or in a synced folder."""
    warning = location_warning(database)
    if warning is None:
        return False
    QMessageBox.warning(parent, _("Risky place for the file"), warning)
    return True
