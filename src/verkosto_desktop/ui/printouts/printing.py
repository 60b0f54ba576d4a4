"""Printing a built PDF through the system's print dialog, off the UI thread.

Each page is rendered by Qt's PDF module at printer quality (at most 300 dpi, which keeps memory
small) in a job on the app's :class:`~verkosto_desktop.ui.jobs.JobRunner`, with progress and
Stop like every export. Only painting the finished page onto the printer happens on the UI
thread (a ``QPainter`` on a ``QPrinter`` belongs there): the worker hands each page over through
a queued signal and renders at most :data:`IN_FLIGHT` pages ahead of the painting, so a long
document never sits in memory as images. A stopped print aborts the print job (a print to a
PDF file leaves no half-printed file).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, Signal, Slot
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.jobs import Job

MAX_DPI = 300
IN_FLIGHT = 2  # pages rendered but not yet painted, at most
_WAIT = 0.05  # seconds between looks at a cancel while waiting for the painting

Submit = Callable[[Callable[[Progress], object]], Job | None]


def ask_printer(parent: QWidget, title: str) -> QPrinter | None:
    """A printer chosen in the system's print dialog (None if cancelled)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def render_pages(
    data: bytes,
    dpi: int,
    deliver: Callable[[int, QImage], None],
    progress: Progress,
    painted: threading.Semaphore | None = None,
) -> int:
    """Render every page of the PDF ``data`` at ``dpi`` and hand each to ``deliver(index,
    image)`` in order (on the calling thread, a worker's); returns the page count. With
    ``painted``, a page is rendered only when fewer than :data:`IN_FLIGHT` wait to be painted
    (the painter releases it once per page), and the pages are all painted before it returns.
    ``progress`` reports the pages and raises ``Cancelled`` on a cancel."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        count = document.pageCount()
        message = _("Printing…")
        for page in range(count):
            progress.update(page, count, message)
            if painted is not None:
                _take(painted, progress)
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            if image.isNull():
                raise VerkostoError(_("Page {page} could not be printed.").format(page=page + 1))
            deliver(page, image)
        if painted is not None:  # every page painted before the job counts as done
            for _slot in range(IN_FLIGHT):
                _take(painted, progress)
        progress.update(count, max(count, 1), message)
        return count
    finally:
        document.close()
        buffer.close()


def _take(painted: threading.Semaphore, progress: Progress) -> None:
    while not painted.acquire(timeout=_WAIT):
        progress.check()


class PrintRun(QObject):
    """One print of a PDF: a job renders the pages, this object paints them on the printer.

    ``finished(pages)`` fires on the UI thread after the last page was painted and the print
    job was handed to the printer; a stopped or failed print ends with ``aborted()``.
    """

    finished = Signal(int)
    aborted = Signal()
    _page = Signal(int, QImage)  # emitted on the worker thread, painted on the UI thread

    def __init__(self, data: bytes, printer: QPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.printer = printer
        self.painter: QPainter | None = None
        self.pages_painted = 0
        self.over = False  # finished or aborted: pages still on their way are not painted
        self._painted = threading.Semaphore(IN_FLIGHT)
        self._page.connect(self._paint)

    def start(self, submit: Submit) -> Job | None:
        """Submit the rendering with ``submit`` (a runner's, or a panel's ``run_job``)."""
        data, dpi, painted = self.data, min(self.printer.resolution(), MAX_DPI), self._painted

        def work(progress: Progress) -> int:
            return render_pages(data, dpi, self._page.emit, progress, painted)

        job = submit(work)
        if job is not None:
            job.succeeded.connect(self._finish)
            job.cancelled.connect(self.abort)
            job.failed.connect(lambda _message: self.abort())
        return job

    @Slot(int, QImage)
    def _paint(self, index: int, image: QImage) -> None:
        try:
            if self.over:
                return
            painter = self._painter_for(image)
            if painter is None:
                return
            if index:
                self.printer.newPage()
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
            self.pages_painted += 1
        finally:
            self._painted.release()

    def _painter_for(self, image: QImage) -> QPainter | None:
        """The painter on the printer, begun at the first page (whose shape sets the paper's
        orientation); None if the printer cannot be opened."""
        if self.painter is None:
            self.printer.setPageOrientation(
                QPageLayout.Orientation.Landscape
                if image.width() > image.height()
                else QPageLayout.Orientation.Portrait
            )
            painter = QPainter()
            if not painter.begin(self.printer):
                return None
            self.painter = painter
        return self.painter

    @Slot(object)
    def _finish(self, _count: object) -> None:
        self.over = True
        if self.painter is not None:
            self.painter.end()
            self.painter = None
        self.finished.emit(self.pages_painted)

    @Slot()
    def abort(self) -> None:
        """Stop: abort the print job (a PDF file printed to is removed, not left half done)."""
        if self.over:
            return
        self.over = True
        if self.painter is not None:
            self.printer.abort()
            self.painter.end()
            self.painter = None
            target = self.printer.outputFileName()
            if target and self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
                Path(target).unlink(missing_ok=True)
        self.aborted.emit()
