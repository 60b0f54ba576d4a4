"""File → Restore…: the backups with their time and counts; the chosen one is restored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.storage.backups import BackupInfo
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.paths import DATABASE_SUFFIX

COL_TIME, COL_REASON, COL_ACTORS, COL_CONTACTS = range(4)


class RestoreDialog(QDialog):
    """Lists ``backups`` (newest first); ``chosen`` is the file to restore after ``accept``."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore a backup"))
        self.chosen: Path | None = None
        self._backups = backups

        explanation = QLabel(
            _(
                "Choose the backup to restore. The file as it is now is backed up first, so "
                "a restore can itself be undone. Changes made after the backup was taken are "
                "not in it. People erased since then stay erased."
            )
        )
        explanation.setWordWrap(True)

        self.table = QTableWidget(len(backups), 4)
        self.table.setObjectName("backupList")
        self.table.setAccessibleName(_("Restore a backup"))
        self.table.setHorizontalHeaderLabels(
            [_("Taken"), _("Occasion"), _("Actors"), _("Contacts")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (COL_TIME, COL_ACTORS, COL_CONTACTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        for row, info in enumerate(backups):
            self._fill_row(row, info)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.itemDoubleClicked.connect(lambda _item: self._restore_selected())

        self.empty_label = QLabel(_("There are no backups of this file yet."))
        self.empty_label.setVisible(not backups)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button = QPushButton(_("From another &file…"))
        self.other_button.setObjectName("restoreFromFile")
        self.other_button.clicked.connect(self._choose_file)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _fill_row(self, row: int, info: BackupInfo) -> None:
        unreadable = _("cannot be read")
        cells = [
            format_datetime(info.taken_at),
            info.reason_label(),
            unreadable if info.actors is None else str(info.actors),
            "" if info.contacts is None else str(info.contacts),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in (COL_ACTORS, COL_CONTACTS):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not info.readable:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(str(info.path))
            self.table.setItem(row, column, item)

    def _on_selection(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        self.restore_button.setEnabled(bool(rows))

    def _restore_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        if not rows:
            return
        info = self._backups[rows[0]]
        if not info.readable:
            return
        self.chosen = info.path
        self.accept()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Restore from a file"),
            "",
            _("Verkosto files (*{suffix});;All files (*)").format(suffix=DATABASE_SUFFIX),
        )
        if path:
            self.chosen = Path(path)
            self.accept()
