"""Writing the after-action report off the UI thread, with progress and cancel (``ui.jobs``). The
worker gets the store and an incident id (never a session)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.export_folder import (
    dated_name,
    export_folder,
    remember_export_folder,
)
from verkosto_desktop.ui.incident.header import IncidentHeader
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.open_file import file_link


class ReportController(QObject):
    """Asks where to save an incident's after-action report, writes it in the background and
    shows its progress, Stop button and outcome in the incident header."""

    written = Signal(str)

    def __init__(self, context: AppContext, header: IncidentHeader, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.header = header
        self._parent = parent
        self._jobs = JobRunner(self)
        header.cancel_report.connect(self.cancel)

    def _default_path(self, incident: IncidentDetail) -> Path:
        # Dated, in the folder of the last export (the same for every saved document).
        prefix = _("after-action-report")  # outside the f-string, where the catalog sees it
        title = f"{prefix} {incident.title[:40]}"
        return export_folder(self.context.settings) / dated_name(title)

    def write(self, incident: IncidentDetail) -> None:
        if self._jobs.busy():
            return
        path, _filter = QFileDialog.getSaveFileName(
            self._parent,
            _("Save the after-action report"),
            str(self._default_path(incident)),
            _("PDF documents (*.pdf)"),
        )
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        remember_export_folder(self.context.settings, out)
        store, incident_id = self.context.store, incident.id

        def work(progress: Progress) -> Path:
            # Imported here: ReportLab is loaded only when a report is first written.
            from verkosto_desktop.printouts.incident import save_incident_report

            return save_incident_report(store, incident_id, out, progress)

        job = self._jobs.submit(work)
        if job is None:  # the window is closing
            return
        job.progressed.connect(self._progress)
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.header.report_running(True)

    def cancel(self) -> None:
        self._jobs.cancel_all()

    def shutdown(self) -> None:
        self._jobs.shutdown()

    def _progress(self, done: int, total: int, _message: str) -> None:
        self.header.report_progress(done, total)

    def _done(self, written: object) -> None:
        path = str(written)
        self.header.report_running(False)
        link = file_link(Path(path), Path(path).name)
        self.header.status.setText(_("Report saved: {link}").format(link=link))
        self.header.status.setToolTip(path)
        self.written.emit(path)

    def _failed(self, message: str) -> None:
        self.header.report_running(False)
        self.header.status.setText(
            _("The report could not be written: {reason}").format(reason=message)
        )

    def _cancelled(self) -> None:
        self.header.report_running(False)
        self.header.status.setText(_("The report was cancelled; nothing was saved."))
