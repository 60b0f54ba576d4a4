"""Preview, save and print one document: builds it off the UI thread with progress and cancel,
shows it in the app, saves it (all or nothing) and prints it through the system's dialog."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _
from verkosto_desktop.printouts import PrintRequest
from verkosto_desktop.ui.export_folder import (
    dated_name,
    export_folder,
    remember_export_folder,
)
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.jobs import Job, JobRunner, Work
from verkosto_desktop.ui.open_file import file_link, link_files_to_viewer
from verkosto_desktop.ui.printouts.preview import PdfPreview
from verkosto_desktop.ui.printouts.printing import PrintRun, ask_printer

# Writes a sheet to the given path, all or nothing (the functions of ``printouts``).
Writer = Callable[[Path, Progress], object]


@dataclass(frozen=True)
class Sheet:
    """A PDF sheet that is not one of the print section's documents (a call round's tick-off
    sheet, the survey's forms, the readiness sheet): its title and how it is written."""

    title: str
    write: Writer = field(compare=False)


Source = PrintRequest | Sheet


def _label(source: Source) -> str:
    return source.title if isinstance(source, Sheet) else source.kind.label()


def _suffix(source: Source) -> str:
    return ".pdf" if isinstance(source, Sheet) else source.kind.suffix


def _is_pdf(source: Source | None) -> bool:
    return source is not None and _suffix(source) == ".pdf"


class PrintPanel(QWidget):
    """The preview of a :class:`PrintRequest` (or a :class:`Sheet`) with Preview, Save…, Print…
    and Cancel.

    ``previewed`` fires with the page count once a preview is shown; ``saved`` with the path;
    ``printed`` with the pages printed once they are all with the printer.
    """

    previewed = Signal(int)
    saved = Signal(Path)
    printed = Signal(int)

    def __init__(
        self,
        store: Store | None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store  # what documents are read from (a sheet brings its own writer)
        self.settings = settings  # where the last export folder is remembered
        self.request: Source | None = None
        self.built: bytes | None = None
        self.built_for: Source | None = None
        self.jobs = JobRunner(self)
        self.job: Job | None = None  # the latest, kept for its signals (tests connect to them)
        self.print_run: PrintRun | None = None  # the print under way (or the last one)

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

        # Wraps on a narrow screen (the progress bar and Stop appear while a document builds).
        buttons = FlowLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        self._set_busy(False)
        self.preview.show_message(_("Choose a document and press Preview."))

    # -- state --------------------------------------------------------------------------------

    def set_request(self, request: Source) -> None:
        """The document to work on; an older preview stays visible but is marked outdated."""
        self.request = request
        self._set_busy(self.busy())
        if not _is_pdf(request):
            self.preview.show_message(
                _("{document} is saved as a file; it has no printed preview.").format(
                    document=_label(request)
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
        is_pdf = _is_pdf(self.request)
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
        if request is None or not _is_pdf(request):
            return None
        store = self.store

        def work(progress: Progress) -> bytes:
            if isinstance(request, Sheet):  # written to a file of its own, then read
                with tempfile.TemporaryDirectory(prefix="verkosto-preview-") as folder:
                    path = Path(folder) / "preview.pdf"
                    request.write(path, progress)
                    return path.read_bytes()
            from verkosto_desktop.printouts.render import render

            assert store is not None
            out = io.BytesIO()
            render(store, request, out, progress)
            return out.getvalue()

        def shown(data: object) -> None:
            assert isinstance(data, bytes)
            self.built, self.built_for = data, request
            pages = self.preview.show_pdf(data)
            self.status.setText(
                _("{document}: {pages} pages").format(document=_label(request), pages=pages)
            )
            self.previewed.emit(pages)

        return self.run_job(work, shown, _("Preparing the preview…"))

    def suggested_name(self) -> str:
        assert self.request is not None
        return dated_name(_label(self.request), _suffix(self.request))

    def ask_save_path(self) -> Path | None:
        """The file to save to, from the system's dialog (None if cancelled): a dated name in
        the folder of the last export."""
        assert self.request is not None
        start = str(export_folder(self.settings) / self.suggested_name())
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
            path = path.with_suffix(_suffix(request))
        remember_export_folder(self.settings, path)
        store, data = self.store, self.built if self.built_for == request else None

        def work(progress: Progress) -> Path:
            from verkosto_desktop.printouts.render import save_document, save_rendered

            if data is not None:
                save_rendered(path, data)
            elif isinstance(request, Sheet):
                request.write(path, progress)
            else:
                assert store is not None
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
        if request is None or not _is_pdf(request) or self.busy():
            return None
        if self.built is None or self.built_for != request:
            job = self.refresh()
            if job is not None:
                job.succeeded.connect(lambda _data: self.print_document())
            return job
        printer = ask_printer(self, _label(request))
        if printer is None:
            return None
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Job | None:
        """Print the previewed document on ``printer`` in the background."""
        assert self.built is not None and self.request is not None
        run = PrintRun(self.built, printer, self)
        label = _label(self.request)

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
                document=_label(self.request), pages=pages
            )
        )
        self.printed.emit(pages)
