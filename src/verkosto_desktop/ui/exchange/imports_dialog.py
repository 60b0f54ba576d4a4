"""File → Imports…: every import of this file, newest first, each of them can be undone (the
same list ``verkosto imports`` prints)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.exchange.batches import BatchRow, list_batches
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.exchange.undo import ask_undo
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.row_table import Column, RowTableModel


class ImportsDialog(QDialog):
    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importsDialog")
        self.setWindowTitle(_("Imports"))
        self._store = store
        self._runner = runner
        self.model: RowTableModel[BatchRow] = RowTableModel(
            [
                Column(lambda: _("Imported"), lambda b: format_datetime(b.imported_at)),
                Column(lambda: _("File"), lambda b: b.file_name),
                Column(lambda: _("Actors"), lambda b: str(b.actors), align_right=True),
                Column(lambda: _("Contacts"), lambda b: str(b.contacts), align_right=True),
                Column(
                    lambda: _("Undone"),
                    lambda b: format_datetime(b.undone_at) if b.undone_at else "",
                ),
            ],
            key=lambda b: b.id,
        )
        self.view = QTableView()
        self.view.setObjectName("importsList")
        self.view.setAccessibleName(_("Imports"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._follow())
        self.undo = QPushButton(_("&Undo import"))
        self.undo.setObjectName("importsUndo")
        self.undo.setEnabled(False)
        self.undo.clicked.connect(self._undo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(list_batches(self._store))
        self._follow()

    def on_changes(self, changes: tuple[Change, ...]) -> None:
        if any(change.kind is ChangeKind.IMPORT_BATCH for change in changes):
            self.reload()

    def _current(self) -> BatchRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _follow(self) -> None:
        batch = self._current()
        self.undo.setEnabled(batch is not None and batch.undone_at is None)

    def _undo(self) -> None:
        batch = self._current()
        if batch is not None and batch.undone_at is None:
            ask_undo(self, self._store, self._runner, batch)
