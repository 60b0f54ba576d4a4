"""The bar above the register after an import: "Imported 6.12.2026 from yhdistykset.csv: 143
actors, 201 contact people" with Undo import. It follows the newest import not undone; closing
it hides it until the next import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

from verkosto_desktop.data.exchange.batches import BatchRow, batch_title, latest_batch
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.exchange.undo import ask_undo
from verkosto_desktop.ui.jobs import JobRunner


class ImportBatchBar(QFrame):
    def __init__(self, store: Store, runner: JobRunner) -> None:
        super().__init__()
        self.setObjectName("importBatchBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._store = store
        self._runner = runner
        self._batch: BatchRow | None = None
        self._dismissed: str | None = None
        self.text = QLabel()
        self.text.setObjectName("importBatchText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo = QPushButton(_("&Undo import"))
        self.undo.setObjectName("importUndo")
        self.undo.clicked.connect(self.ask_undo)
        close = QToolButton()
        close.setObjectName("importBatchClose")
        close.setText("×")
        close.setToolTip(_("Hide (Undo stays in File → Imports…)"))
        close.setAccessibleName(_("Hide the import bar"))
        close.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        """Show the newest import not undone (unless this one was hidden)."""
        self._batch = latest_batch(self._store)
        shown = self._batch is not None and self._batch.id != self._dismissed
        if self._batch is not None:
            self.text.setText(batch_title(self._batch))
        self.setVisible(shown)

    def on_changes(self, changes: tuple[Change, ...]) -> None:
        if any(change.kind is ChangeKind.IMPORT_BATCH for change in changes):
            self.refresh()

    def _dismiss(self) -> None:
        if self._batch is not None:
            self._dismissed = self._batch.id
        self.setVisible(False)

    def ask_undo(self) -> None:
        if self._batch is not None:
            ask_undo(self, self._store, self._runner, self._batch)
