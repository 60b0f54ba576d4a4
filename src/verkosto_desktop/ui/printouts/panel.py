"""Preview, save and print one document: builds it off the UI thread with progress and cancel,
shows it in the app, saves it (all or nothing) and prints it through the system's dialog."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.domain.timefmt import now_local
from verkosto_desktop.i18n import _
from verkosto_desktop.printouts import PrintRequest
from verkosto_desktop.ui.jobs import Job, JobRunner, Work
from verkosto_desktop.ui.open_file import file_link, link_files_to_viewer
from verkosto_desktop.ui.printouts.preview import PdfPreview
from verkosto_desktop.ui.printouts.printing import PrintRun, ask_printer


class PrintPanel(QWidget):
    """The preview of a :class:`PrintRequest` with Preview, Save…, Print… and Cancel.

    ``previewed`` fires with the page count once a preview is shown; ``saved`` with the path;
    ``printed`` with the pages printed once they are all with the printer.
    """

    previewed = Signal(int)
    saved = Signal(Path)
    printed = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.request: PrintRequest | None = None
        self.built: bytes | None = None
        self.built_for: PrintRequest | None = None
        self.jobs = JobRunner(self)
        self.job: Job | None = None  # the latest, kept for its signals (tests connect to them)
        self.print_run: PrintRun | None = None  # the print under way (or the last one)
        self.save_folder = Path.home()

        self.preview = PdfPreview()
        self.preview_button = QPushButton(_("&Preview"))
        self.preview_button.setObjectName("exportPreviewButton")
        self.save_button = QPushButton(_("&Save…"))
        self.save_button.setObjectName("exportSave")
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("exportPrint")
        self.cancel_button = QPushButton(_("Stop"))
        self.cancel_button.setObjectName("exportCancel")
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setTextVisible(False)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        link_files_to_viewer(self.status)
        self.preview_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        self.cancel_button.clicked.connect(self.cancel)

        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress, 2)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        self._set_busy(False)
        self.preview.show_message(_("Choose a document and press Preview."))

    # -- state --------------------------------------------------------------------------------

    def set_request(self, request: PrintRequest) -> None:
        """The document to work on; an older preview stays visible but is marked outdated."""
        self.request = request
        self._set_busy(self.busy())
        if not request.kind.is_pdf:
            self.preview.show_message(
                _("{document} is saved as a file; it has no printed preview.").format(
                    document=request.kind.label()
                )
            )
        elif self.built is not None and self.built_for != request:
            self.status.setText(_("The choices changed: press Preview to update."))

    def mark_outdated(self) -> None:
        """The data changed since the preview was built."""
        if self.built is not None:
            self.built_for = None
            self.status.setText(_("The data changed: press Preview to update."))

    def busy(self) -> bool:
        return self.jobs.busy()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        is_pdf = self.request is not None and self.request.kind.is_pdf
        self.preview_button.setEnabled(not busy and is_pdf)
        self.print_button.setEnabled(not busy and is_pdf)
        self.save_button.setEnabled(not busy and self.request is not None)

    # -- background work ----------------------------------------------------------------------

    def run_job(self, work: Work, on_success: Callable[[object], None], message: str) -> Job | None:
        """Run ``work`` in the background with this panel's progress bar and Stop button;
        ``on_success(result)`` runs on the UI thread. None if another job is running."""
        if self.busy():
            return None
        job = self.jobs.submit(work)
        if job is None:  # shutting down
            return None
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(on_success)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(lambda: self.status.setText(_("Cancelled; nothing was saved.")))
        job.done.connect(lambda: self._set_busy(False))
        self.job = job
        self.status.setText(message)
        self.progress.setRange(0, 0)
        self._set_busy(True)
        return job

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, _("Export failed"), message)

    def cancel(self) -> None:
        self.jobs.cancel_all()

    def shutdown(self) -> None:
        """Stop any running export and wait for its thread (the window is closing)."""
        self.jobs.shutdown()
        if self.print_run is not None:
            self.print_run.abort()

    # -- actions ------------------------------------------------------------------------------

    def refresh(self) -> Job | None:
        """Build the PDF of the current request in the background and show it."""
        request = self.request
        if request is None or not request.kind.is_pdf:
            return None
        store = self.store

        def work(progress: Progress) -> bytes:
            from verkosto_desktop.printouts.render import render

            out = io.BytesIO()
            render(store, request, out, progress)
            return out.getvalue()

        def shown(data: object) -> None:
            assert isinstance(data, bytes)
            self.built, self.built_for = data, request
            pages = self.preview.show_pdf(data)
            self.status.setText(
                _("{document}: {pages} pages").format(document=request.kind.label(), pages=pages)
            )
            self.previewed.emit(pages)

        return self.run_job(work, shown, _("Preparing the preview…"))

    def suggested_name(self) -> str:
        assert self.request is not None
        day = now_local().date().isoformat()
        return f"{day}_{slug(self.request.kind.label())}{self.request.kind.suffix}"

    def ask_save_path(self) -> Path | None:
        """The file to save to, from the system's dialog (None if cancelled)."""
        assert self.request is not None
        start = str(self.save_folder / self.suggested_name())
        path, _filter = QFileDialog.getSaveFileName(self, _("Save"), start)
        return Path(path) if path else None

    def save(self) -> Job | None:
        """Save the document: the previewed bytes if current, else built straight to the file."""
        request = self.request
        if request is None or self.busy():
            return None
        path = self.ask_save_path()
        if path is None:
            return None
        if path.suffix == "":
            path = path.with_suffix(request.kind.suffix)
        self.save_folder = path.parent
        store, data = self.store, self.built if self.built_for == request else None

        def work(progress: Progress) -> Path:
            from verkosto_desktop.printouts.render import save_document, save_rendered

            if data is not None:
                save_rendered(path, data)
            else:
                save_document(store, request, path, progress)
            return path

        def done(result: object) -> None:
            self.status.setText(_("Saved to {path}").format(path=file_link(Path(str(result)))))
            self.saved.emit(Path(str(result)))

        return self.run_job(work, done, _("Saving {name}…").format(name=path.name))

    def print_document(self) -> Job | None:
        """Print the previewed document (building the preview first if needed) on a printer
        chosen in the system's dialog; the pages are rendered in the background with progress
        and Stop. None when nothing was started (no document, busy, or the dialog cancelled)."""
        request = self.request
        if request is None or not request.kind.is_pdf or self.busy():
            return None
        if self.built is None or self.built_for != request:
            job = self.refresh()
            if job is not None:
                job.succeeded.connect(lambda _data: self.print_document())
            return job
        printer = ask_printer(self, request.kind.label())
        if printer is None:
            return None
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Job | None:
        """Print the previewed document on ``printer`` in the background."""
        assert self.built is not None and self.request is not None
        run = PrintRun(self.built, printer, self)
        label = self.request.kind.label()

        def submit(work: Work) -> Job | None:
            return self.run_job(work, lambda _pages: None, _("Printing {name}…").format(name=label))

        job = run.start(submit)
        if job is None:
            run.deleteLater()
            return None
        if self.print_run is not None:
            self.print_run.deleteLater()
        self.print_run = run
        # After run_job's own handlers, so that these words are the ones left in the status.
        job.cancelled.connect(lambda: self.status.setText(_("Printing stopped.")))
        run.finished.connect(self._printed)
        return job

    def _printed(self, pages: int) -> None:
        assert self.request is not None
        self.status.setText(
            _("{document}: {pages} pages sent to the printer").format(
                document=self.request.kind.label(), pages=pages
            )
        )
        self.printed.emit(pages)
