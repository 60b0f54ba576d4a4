"""The printouts section ("Tulosteet"): choices on the left, the preview with Save and Print on the
right, and the print pack that writes every sheet to a folder (a USB stick) at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.storage.store import Change
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.text_safety import one_line
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.export_folder import export_folder, remember_export_folder
from verkosto_desktop.ui.jobs import Job
from verkosto_desktop.ui.printouts.choices import PrintChoices
from verkosto_desktop.ui.printouts.panel import PrintPanel

if TYPE_CHECKING:
    pass


class PrintoutsSection(QWidget):
    """Choose, preview, save and print the network's printed sheets and exports.
    ``pack_written`` fires with the new pack's folder."""

    pack_written = Signal(Path)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportSection")
        self.context = context
        self.choices = PrintChoices(context.store)
        self.panel = PrintPanel(context.store, settings=context.settings)
        self.pack_button = QPushButton(_("Print pack to a folder…"))
        self.pack_button.setObjectName("exportPack")
        self.pack_button.setToolTip(
            _(
                "Every sheet at once, into a new dated folder: an index page, a situation card "
                "for every kind of disruption, contacts, premises, readiness, call sheet, "
                "meeting pack, plan, report, survey form, CSV and vCards, and one combined PDF."
            )
        )
        self.pack_button.clicked.connect(self.write_pack)
        pack_box = QGroupBox(_("Before the power goes"))
        pack_layout = QVBoxLayout(pack_box)
        hint = QLabel(_("Write every sheet, the CSV and the vCards to a USB stick."))
        hint.setWordWrap(True)
        pack_layout.addWidget(hint)
        pack_layout.addWidget(self.pack_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.choices)
        left_layout.addStretch(1)
        left_layout.addWidget(pack_box)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 960])
        left.setMaximumWidth(480)
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

        self.choices.changed.connect(self._on_choices)
        context.hub.listen(self._on_data_changed)
        self._on_choices()
        self.pack_folder = export_folder(context.settings)  # the last export's folder

    def show_document(
        self, document: str, incident_id: str | None = None, meeting_id: str | None = None
    ) -> None:
        """Choose ``document`` (a ``DocumentKind`` value such as "plan" or "meeting"; for the
        meeting pack also its incident and meeting) and build its preview: other sections print
        this way."""
        self.choices.choose(document, incident_id, meeting_id)
        self.panel.refresh()

    def _on_choices(self) -> None:
        self.panel.set_request(self.choices.request())

    def _on_data_changed(self, _changes: tuple[Change, ...]) -> None:
        self.panel.mark_outdated()
        if self.isVisible():
            self.choices.reload()

    def on_show(self) -> None:
        self.choices.reload()

    def ask_pack_folder(self) -> Path | None:
        """The folder for the print pack, from the system's dialog (None if cancelled)."""
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder for the print pack"), str(self.pack_folder)
        )
        return Path(folder) if folder else None

    def write_pack(self) -> Job | None:
        folder = self.ask_pack_folder()
        if folder is None:
            return None
        self.pack_folder = folder
        remember_export_folder(self.context.settings, folder, folder=True)
        store = self.context.store

        def work(progress: Progress) -> object:
            from verkosto_desktop.printouts.pack import write_pack

            return write_pack(store, folder, progress)

        def done(result: object) -> None:
            written = getattr(result, "folder", folder)
            files = list(getattr(result, "files", ()))
            message = _("Print pack written to {folder}: {count} files").format(
                folder=written, count=len(files)
            )
            self.panel.status.setText(message)
            self.pack_written.emit(Path(written))
            failures = list(getattr(result, "failure_lines", list)())
            if not failures:
                QMessageBox.information(self, _("Print pack"), message)
                return
            # Every document that could be written was; say plainly which were not and why.
            listed = "\n".join(f"• {one_line(line)}" for line in failures)
            QMessageBox.warning(
                self,
                _("Print pack"),
                message + "\n\n" + _("These could not be written:") + "\n" + listed,
            )

        return self.panel.run_job(work, done, _("Writing the print pack…"))

    def shutdown(self) -> None:
        self.panel.shutdown()
