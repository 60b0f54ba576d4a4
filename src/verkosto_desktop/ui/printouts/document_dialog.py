"""One way to print a sheet that is not one of the print section's documents (a call round's
tick-off sheet, the survey's forms, the readiness sheet): the preview first, with Save as PDF…
and Print… under it, as every other "Print…" in the window."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.export_folder import (
    dated_name,
    export_folder,
    remember_export_folder,
)
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.jobs import Job, JobRunner, Work
from verkosto_desktop.ui.printouts.preview import PdfPreview
from verkosto_desktop.ui.printouts.printing import PrintRun, ask_printer

# Writes the sheet to the given path, all or nothing (the functions of ``printouts``).
Writer = Callable[[Path, Progress], object]


class DocumentDialog(QDialog):
    """The preview of one sheet; ``previewed(pages)``, ``saved(path)``, ``printed(pages)``."""

    previewed = Signal(int)
    saved = Signal(Path)
    printed = Signal(int)

    def __init__(
        self, title: str, write: Writer, settings: QSettings | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentDialog")
        self.setWindowTitle(title)
        self.title = title
        self._write = write
        self._settings = settings
        self.data: bytes | None = None
        self.jobs = JobRunner(self)
        self.print_run: PrintRun | None = None
        self.preview = PdfPreview()
        self.preview.show_message(_("Preparing the preview…"))
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("documentSave")
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("documentPrint")
        self.stop_button = QPushButton(_("Stop"))
        self.stop_button.setObjectName("documentStop")
        close = QPushButton(_("Close"))
        close.setObjectName("documentClose")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.status = QLabel()
        self.status.setObjectName("documentStatus")
        self.status.setWordWrap(True)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        self.stop_button.clicked.connect(self.jobs.cancel_all)
        close.clicked.connect(self.reject)
        buttons = FlowLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.finished.connect(lambda _result: self.shutdown())
        self._set_busy(False)
        self.resize(900, 700)

    # -- work in the background -------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.save_button.setEnabled(not busy and self.data is not None)
        self.print_button.setEnabled(not busy and self.data is not None)

    def _run(self, work: Work, on_success: Callable[[object], None], message: str) -> Job | None:
        if self.jobs.busy():
            return None
        job = self.jobs.submit(work)
        if job is None:
            return None
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(on_success)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(lambda: self.status.setText(_("Cancelled; nothing was saved.")))
        job.done.connect(lambda: self._set_busy(False))
        self.status.setText(message)
        self.progress.setRange(0, 0)
        self._set_busy(True)
        return job

    def _on_progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, self.title, message)

    def shutdown(self) -> None:
        self.jobs.shutdown()
        if self.print_run is not None:
            self.print_run.abort()

    # -- what the buttons do ----------------------------------------------------------------

    def build(self) -> Job | None:
        """Write the sheet (in a temporary folder, off the UI thread) and show it."""
        write = self._write

        def work(progress: Progress) -> bytes:
            with tempfile.TemporaryDirectory(prefix="verkosto-preview-") as folder:
                path = Path(folder) / "preview.pdf"
                write(path, progress)
                return path.read_bytes()

        def shown(data: object) -> None:
            assert isinstance(data, bytes)
            self.data = data
            pages = self.preview.show_pdf(data)
            self.status.setText(
                _("{document}: {pages} pages").format(document=self.title, pages=pages)
            )
            self.previewed.emit(pages)

        return self._run(work, shown, _("Preparing the preview…"))

    def suggested_path(self) -> Path:
        return export_folder(self._settings) / dated_name(self.title)

    def save(self) -> Job | None:
        """Save the previewed sheet where the user chooses (dated name, last export folder)."""
        if self.data is None:
            return None
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(self.suggested_path()), _("PDF documents (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        remember_export_folder(self._settings, path)
        data = self.data

        def work(_progress: Progress) -> Path:
            from verkosto_desktop.printouts.render import save_rendered

            save_rendered(path, data)
            return path

        def done(result: object) -> None:
            self.status.setText(_("Saved to {path}").format(path=result))
            self.saved.emit(Path(str(result)))

        return self._run(work, done, _("Saving {name}…").format(name=path.name))

    def print_document(self) -> Job | None:
        """Print the previewed sheet on a printer chosen in the system's dialog."""
        if self.data is None:
            return None
        printer = ask_printer(self, self.title)
        if printer is None:
            return None
        return self.print_to(printer)

    def print_to(self, printer: object) -> Job | None:
        assert self.data is not None
        run = PrintRun(self.data, printer, self)  # type: ignore[arg-type]

        def submit(work: Work) -> Job | None:
            return self._run(
                work, lambda _pages: None, _("Printing {name}…").format(name=self.title)
            )

        job = run.start(submit)
        if job is None:
            run.deleteLater()
            return None
        self.print_run = run
        job.cancelled.connect(lambda: self.status.setText(_("Printing stopped.")))
        run.finished.connect(self._printed)
        return job

    def _printed(self, pages: int) -> None:
        self.status.setText(
            _("{document}: {pages} pages sent to the printer").format(
                document=self.title, pages=pages
            )
        )
        self.printed.emit(pages)


def show_document(
    title: str, write: Writer, settings: QSettings | None, parent: QWidget | None
) -> DocumentDialog:
    """Open the preview of a sheet (not modal) and start building it."""
    dialog = DocumentDialog(title, write, settings, parent)
    dialog.show()
    dialog.build()
    return dialog
