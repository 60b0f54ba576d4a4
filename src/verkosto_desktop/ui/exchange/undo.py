"""Undo import: asked first, run off the UI thread after a backup, and answered with what was
taken back and which records were left as they are because someone edited them since."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from verkosto_desktop.data.exchange.batches import BatchRow, UndoResult, batch_title, undo_batch
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.jobs import JobRunner, run_with_dialog

SHOWN_CONFLICTS = 15


def conflicts_text(result: UndoResult) -> str:
    """The records left as they are, one per line."""
    return "\n".join(f"{c.name} — {c.reason}" for c in result.conflicts)


def ask_undo(
    parent: QWidget,
    store: Store,
    runner: JobRunner,
    batch: BatchRow,
    on_done: Callable[[UndoResult], None] | None = None,
) -> QMessageBox:
    """Ask (a window-modal question named ``confirmUndoImport``), then undo ``batch``."""
    box = QMessageBox(parent)
    box.setObjectName("confirmUndoImport")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Undo import"))
    box.setText(
        _(
            "Undo the import? {title}\n\nWhat it created goes to the trash and what it changed "
            "gets its earlier version back. Records edited since the import are left as they "
            "are and listed. A backup is made first."
        ).format(title=batch_title(batch))
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def answered(button: int) -> None:
        if button == QMessageBox.StandardButton.Yes:
            _run(parent, store, runner, batch, on_done)

    box.finished.connect(answered)
    box.open()
    return box


def _run(
    parent: QWidget,
    store: Store,
    runner: JobRunner,
    batch: BatchRow,
    on_done: Callable[[UndoResult], None] | None,
) -> None:
    def work(progress: Progress) -> UndoResult:
        progress.check()
        return undo_batch(store, batch.id)

    def done(result: object) -> None:
        assert isinstance(result, UndoResult)
        _tell(parent, result)
        if on_done is not None:
            on_done(result)

    def failed(message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Undo import"), message, parent=parent)
        box.setObjectName("importUndoFailed")
        box.open()

    run_with_dialog(runner, parent, _("Undoing the import…"), work, done, failed)


def _tell(parent: QWidget, result: UndoResult) -> None:
    text = _(
        "The import was undone: {trashed} records to the trash (they can be brought back "
        "from there), {restored} given back their earlier version."
    ).format(trashed=result.trashed, restored=result.restored)
    if result.conflicts:
        listed = [f"• {c.name} — {c.reason}" for c in result.conflicts[:SHOWN_CONFLICTS]]
        if len(result.conflicts) > SHOWN_CONFLICTS:
            listed.append("…")
        text += "\n\n" + _("Edited after the import, so left as they are:") + "\n"
        text += "\n".join(listed)
    box = QMessageBox(QMessageBox.Icon.Information, _("Undo import"), text, parent=parent)
    box.setObjectName("importUndone")
    if result.conflicts:
        box.setDetailedText(conflicts_text(result))
    box.open()
