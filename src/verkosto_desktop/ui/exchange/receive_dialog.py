"""File → Receive…: the bundle and its passphrase → a preview of what merging will change (new,
changed, deleted, erased, conflicts; a test run of the very merge) → merge, after a backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.exchange.bundle import SUFFIX, read_bundle, receive_bundle
from verkosto_desktop.data.exchange.changeset import ChangeSet
from verkosto_desktop.data.exchange.merge import MergeSummary
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.exchange.sharing_texts import summary_labels, summary_rows
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.jobs import JobRunner


class ReceiveDialog(QDialog):
    """Previews and merges a bundle in the background; ``merged(MergeSummary)`` when done."""

    merged = Signal(object)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiveDialog")
        self.setWindowTitle(_("Receive a bundle"))
        self._store, self._runner = store, runner
        self._change_set: ChangeSet | None = None
        self.summary: MergeSummary | None = None

        self.file = QLineEdit()
        self.file.setObjectName("receiveFile")
        self.file.setAccessibleName(_("Bundle"))  # its label names the row, not the field
        self.file.textChanged.connect(self._forget_preview)
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose_file)
        where = QHBoxLayout()
        where.addWidget(self.file, 1)
        where.addWidget(choose)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("receivePassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.textChanged.connect(self._forget_preview)
        self.passphrase.returnPressed.connect(self._preview)
        form = QFormLayout()
        form.addRow(_("Bundle"), where)
        form.addRow(_("Passphrase"), self.passphrase)

        self.preview_button = QPushButton(_("&Show what would change"))
        self.preview_button.setObjectName("receivePreview")
        self.preview_button.clicked.connect(self._preview)
        self.origin = QLabel("")
        self.origin.setObjectName("receiveOrigin")
        self.origin.setWordWrap(True)
        self.figures = QGroupBox(_("What merging will do"))
        self.figures.setObjectName("receiveSummary")
        grid = QGridLayout(self.figures)
        self._counts: dict[str, QLabel] = {}
        for row, (key, label) in enumerate(summary_labels()):
            name, value = QLabel(label), QLabel("")
            value.setObjectName(f"receiveCount_{key}")
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self._counts[key] = value
        self.figures.setVisible(False)
        self.message = MessageLine()
        self.message.setObjectName("receiveMessage")

        buttons = QDialogButtonBox()
        self.merge_button = QPushButton(_("&Merge"))
        self.merge_button.setObjectName("receiveMerge")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self._merge)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.origin)
        layout.addWidget(self.figures)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(600, 420)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Receive a bundle"),
            self.file.text(),
            _("Bundles (*{suffix});;All files (*)").format(suffix=SUFFIX),
        )
        if path:
            self.file.setText(path)
            self.passphrase.setFocus()

    def _forget_preview(self) -> None:
        self._change_set = None
        self.merge_button.setEnabled(False)
        self.figures.setVisible(False)
        self.origin.setText("")

    def _problem(self, text: str) -> None:
        self.message.show_error(text)

    def _busy(self, text: str) -> None:
        self.message.show_info(text)
        self.preview_button.setEnabled(False)
        self.merge_button.setEnabled(False)

    def _preview(self) -> None:
        path = Path(self.file.text().strip()).expanduser()
        if not self.file.text().strip():
            self._problem(_("Choose the bundle to receive."))
            return
        passphrase, store = self.passphrase.text(), self._store

        def work(progress: Progress) -> tuple[ChangeSet, MergeSummary]:
            progress.update(0, 2, _("Opening the bundle"))
            change_set = read_bundle(path, passphrase)
            progress.update(1, 2, _("Trying the merge"))
            return change_set, receive_bundle(store, change_set, dry_run=True)

        self._busy(_("Opening the bundle…"))
        job = self._runner.submit(work)
        if job is not None:
            job.succeeded.connect(self._previewed)
            job.failed.connect(self._failed)

    def _previewed(self, result: tuple[ChangeSet, MergeSummary]) -> None:
        self._change_set, summary = result
        self.origin.setText(
            _("From {site}, bundle of {date} ({kind}).").format(
                site=summary.sender,
                date=format_datetime(summary.made_at),
                kind=_("everything") if summary.full else _("only what was new to this laptop"),
            )
        )
        for key, _label, count in summary_rows(summary):
            self._counts[key].setText(str(count))
        self.figures.setVisible(True)
        nothing = summary.changes == 0 and not summary.erased
        self.message.show_info(
            _("Nothing new in this bundle: this laptop already has all of it.")
            if nothing
            else _("Nothing has been changed yet. Merge makes a backup first.")
        )
        self.preview_button.setEnabled(True)
        self.merge_button.setEnabled(not nothing)

    def _merge(self) -> None:
        change_set, store = self._change_set, self._store
        if change_set is None:
            return
        self._busy(_("Merging… (a backup is made first)"))
        job = self._runner.submit(lambda progress: receive_bundle(store, change_set))
        if job is not None:
            job.succeeded.connect(self._done)
            job.failed.connect(self._failed)

    def _done(self, summary: MergeSummary) -> None:
        self.summary = summary
        self.merged.emit(summary)
        self.accept()

    def _failed(self, message: str) -> None:
        self.preview_button.setEnabled(True)
        self.merge_button.setEnabled(self._change_set is not None)
        self._problem(message)
