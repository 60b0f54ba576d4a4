"""Automatic backups while a window is open, and the File menu's "Backup to…" and "Restore…".

A backup is made when a file is opened (if the last is older than an hour), every 24 hours while
it stays open (one single-shot timer, re-armed after each backup: no polling), and when the window
closes. Backups run off the UI thread, except the one on exit, which must finish before the
program does.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
)

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.backups import BackupInfo, Progress
from verkosto_desktop.domain.clock import now_local
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.paths import DATABASE_SUFFIX
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.storage.jobs import Job, Work
from verkosto_desktop.ui.storage.restore_dialog import RestoreDialog
from verkosto_desktop.ui.storage.status import BackupStatus

DAILY = timedelta(days=1)
RETRY_AFTER = timedelta(hours=1)
BUSY_RETRY = timedelta(minutes=5)


def counts_text(info: BackupInfo) -> str:
    """``40 actors, 120 contacts`` (or that the file cannot be read)."""
    if not info.readable:
        return _("cannot be read")
    return _("{actors} actors, {contacts} contacts").format(
        actors=info.actors, contacts=info.contacts
    )


class BackupController(QObject):
    """Owns the backup status label, the two File actions and the automatic backups of a window.

    ``backup_finished(BackupInfo | None)`` fires after every automatic backup (None: it failed).
    """

    backup_finished = Signal(object)

    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.database = context.store.path
        self.readonly = context.store.readonly
        # The automatic backup or restore running now (one at a time), and every job running.
        self.job: Job | None = None
        self._running: set[Job] = set()
        self._changed = False
        self._closed = False
        self.skip_exit_backup = False

        self.status = BackupStatus()
        window.add_status_widget(self.status)
        if self.readonly:
            # Say it where the eye goes: edits will be refused, so the user knows why.
            read_only = QLabel(_("Read-only"))
            read_only.setObjectName("statusReadOnly")
            read_only.setStyleSheet("font-weight: bold;")
            read_only.setToolTip(_("This file is open read-only: changes cannot be saved."))
            window.add_status_widget(read_only)
            suffix = _("read-only")
            window.setWindowTitle(f"{window.windowTitle()} ({suffix})")
        self.backup_to_action = QAction(_("&Backup to…"), window)
        self.backup_to_action.setObjectName("actionBackupTo")
        self.backup_to_action.triggered.connect(self.choose_backup_target)
        self.restore_action = QAction(_("&Restore…"), window)
        self.restore_action.setObjectName("actionRestore")
        self.restore_action.setEnabled(not self.readonly)
        self.restore_action.triggered.connect(self.choose_backup_to_restore)
        window.add_file_action(self.backup_to_action)
        window.add_file_action(self.restore_action)

        # One single-shot timer, re-armed after each backup: nothing wakes the program between.
        self.daily_timer = QTimer(self)
        self.daily_timer.setSingleShot(True)
        self.daily_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.daily_timer.timeout.connect(lambda: self.start_backup("daily"))
        context.hub.saved.connect(self._on_saved)
        window.installEventFilter(self)
        self.refresh()
        if self.readonly:
            return
        if not context.store.created and backups.backup_due(self.database):
            self.start_backup("open")
        else:
            self._arm_timer()

    # -- automatic backups ----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a backup or restore is running now."""
        return bool(self._running)

    def refresh(self) -> None:
        """Show the newest backup in the status bar."""
        newest = backups.last_backup(self.database)
        self.status.show_last(newest, str(backups.backups_folder(self.database)))

    def _on_saved(self) -> None:
        self._changed = True

    def _arm_timer(self, after: timedelta | None = None) -> None:
        if after is None:
            newest = backups.last_backup(self.database)
            age = datetime.now(UTC) - newest.taken_at if newest else DAILY
            after = max(DAILY - age, timedelta(minutes=1))
        self.daily_timer.start(int(after.total_seconds() * 1000))

    def start_backup(self, reason: str) -> Job | None:
        """Start an automatic backup in the background (None if one is already running)."""
        if self._closed:
            return None
        if self.job is not None:
            # Another backup or a restore is running: come back to this one a little later.
            self._arm_timer(BUSY_RETRY)
            return None
        changed_before = self._changed
        self._changed = False

        def work(progress: Progress, cancel: threading.Event) -> BackupInfo:
            return backups.make_backup(self.database, reason, progress=progress, cancel=cancel)

        job = self._run(work)
        job.progressed.connect(self.status.show_running)

        def succeeded(info: object) -> None:
            self.refresh()
            self._arm_timer()
            self.backup_finished.emit(info)

        def failed(message: str) -> None:
            self._changed = self._changed or changed_before
            self.status.show_failed(message)
            self._arm_timer(RETRY_AFTER)
            self.backup_finished.emit(None)

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.start()
        return job

    def _run(self, work: Work, *, exclusive: bool = True) -> Job:
        job = Job(work, self)
        self._running.add(job)
        if exclusive:
            self.job = job

        def done() -> None:
            self._running.discard(job)
            if self.job is job:
                self.job = None

        job.finished.connect(done)
        job.finished.connect(job.deleteLater)
        return job

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        """Finish what runs and make the backup on exit (once; the window is closing)."""
        if self._closed:
            return
        self._closed = True
        self.daily_timer.stop()
        for job in list(self._running):
            job.wait()
        if self.readonly or self.skip_exit_backup:
            return
        if not (self._changed or backups.backup_due(self.database)):
            return
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            backups.make_backup(self.database, "exit")
        except StoreError:
            # Nothing more can be done while closing; the backups made earlier remain.
            pass
        finally:
            QApplication.restoreOverrideCursor()

    # -- Backup to… -----------------------------------------------------------------------------

    def choose_backup_target(self) -> None:
        """File → Backup to…: ask where, then write a checked copy there."""
        suggested = f"{self.database.stem}-{now_local():%Y-%m-%d}{DATABASE_SUFFIX}"
        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("Backup to"),
            str(Path.home() / suggested),
            _("Verkosto files (*{suffix});;All files (*)").format(suffix=DATABASE_SUFFIX),
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, target: Path) -> Job:
        """Write a checked copy to ``target`` in the background, with progress and cancel."""
        progress = self._progress_dialog(_("Writing the backup to {path}…").format(path=target))

        def work(report: Progress, cancel: threading.Event) -> BackupInfo:
            return backups.backup_to(self.database, target, progress=report, cancel=cancel)

        job = self._run(work, exclusive=False)
        job.progressed.connect(lambda done, total: progress.setValue(_percent(done, total)))
        progress.canceled.connect(job.cancel)

        def succeeded(info: object) -> None:
            progress.close()
            assert isinstance(info, BackupInfo)
            QMessageBox.information(
                self.window,
                _("Backup written"),
                _("The backup was written to {path} and checked: {counts}.").format(
                    path=info.path, counts=counts_text(info)
                ),
            )

        def failed(message: str) -> None:
            progress.close()
            QMessageBox.warning(self.window, _("Backup not written"), message)

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.start()
        return job

    def _progress_dialog(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, _("Cancel"), 0, 100, self.window)
        dialog.setObjectName("backupProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog

    # -- Restore… -------------------------------------------------------------------------------

    def choose_backup_to_restore(self) -> None:
        """File → Restore…: list the backups; restore the one chosen."""
        dialog = RestoreDialog(backups.list_backups(self.database), self.window)
        if dialog.exec() == RestoreDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.restore(dialog.chosen)

    def restore(self, backup: Path) -> Job:
        """Restore ``backup`` into the open file (after backing it up); then reopen the window."""
        from verkosto_desktop.data.storage.restore import (
            RestoreResult,
            erasures_warning,
            restore_into,
        )

        progress = self._progress_dialog(_("Restoring the backup…"))
        progress.setRange(0, 0)
        progress.setCancelButton(None)
        store = self.context.store
        if self.job is not None:
            self.job.wait()
        job = self._run(lambda _report, _cancel: restore_into(store, backup))

        def succeeded(result: object) -> None:
            progress.close()
            assert isinstance(result, RestoreResult)
            restored = result.restored_from
            text = _(
                "The backup from {time} was restored ({counts}). Changes made after {time} "
                "are not in it. The file as it was before is kept as a backup, so this "
                "restore can be undone from File → Restore…"
            ).format(time=format_datetime(restored.taken_at), counts=counts_text(restored))
            warning = erasures_warning(result)
            if warning is not None:
                text += "\n\n" + warning
            QMessageBox.information(self.window, _("Backup restored"), text)
            # The restored content is already a backup; none is needed on closing.
            self.skip_exit_backup = True
            self.window.open_requested.emit(self.database, False)

        def failed(message: str) -> None:
            progress.close()
            QMessageBox.warning(self.window, _("Backup not restored"), message)

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        progress.show()
        job.start()
        return job


def _percent(done: int, total: int) -> int:
    return int(100 * done / total) if total else 0
