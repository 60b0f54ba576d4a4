"""Writing the after-action report off the UI thread, with progress and cancel. The worker gets
the store and an incident id (never a session) and reports back through queued signals."""

from __future__ import annotations

import re
import threading
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from verkosto_desktop.data.incidents import IncidentDetail
from verkosto_desktop.data.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import now_local
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.incident.header import IncidentHeader


class ReportJob(QObject):
    """One report being written. ``finished(path)``, ``failed(message)`` or ``cancelled()``
    arrive on the UI thread; ``progress(done, total)`` while the pages are laid out."""

    progress = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, store: Store, incident_id: str, out: Path) -> None:
        super().__init__()
        self.store = store
        self.incident_id = incident_id
        self.out = Path(out)
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="incident-report", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the worker has ended (at shutdown)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        # Imported here: ReportLab is loaded only when a report is first written.
        from verkosto_desktop.data.after_action_views import incident_report
        from verkosto_desktop.export.errors import ExportCancelled
        from verkosto_desktop.export.incident_report import write_incident_report
        from verkosto_desktop.export.progress import Progress

        progress = Progress(
            report=lambda done, total, _message: self.progress.emit(done, total),
            cancelled=self._cancel.is_set,
        )
        try:
            report = incident_report(self.store, self.incident_id)
            path = write_incident_report(report, self.out, progress=progress)
        except ExportCancelled:
            self.cancelled.emit()
        except (VerkostoError, OSError) as error:
            self.failed.emit(str(error))
        except Exception as error:  # a broken report must not take the window down
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.finished.emit(str(path))


class ReportController(QObject):
    """Asks where to save an incident's after-action report, runs the ``ReportJob`` and shows
    its progress, cancel button and outcome in the incident header."""

    written = Signal(str)

    def __init__(self, context: AppContext, header: IncidentHeader, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.header = header
        self._parent = parent
        self._job: ReportJob | None = None
        header.cancel_report.connect(self.cancel)

    def _default_path(self, incident: IncidentDetail) -> Path:
        folder = self.context.settings.value("incident/report_folder", "")
        if not folder:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            ) or str(Path.home())
        table = str.maketrans("äöåÄÖÅ", "aoaAOA")
        slug = re.sub(r"[^a-z0-9]+", "-", incident.title.translate(table).lower()).strip("-")
        stamp = now_local().strftime("%Y-%m-%d")
        prefix = _("after-action-report")
        return Path(str(folder)) / f"{prefix}-{slug[:40]}-{stamp}.pdf"

    def write(self, incident: IncidentDetail) -> None:
        if self._job is not None and self._job.is_running():
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
        self.context.settings.setValue("incident/report_folder", str(out.parent))
        job = ReportJob(self.context.store, incident.id, out)
        job.progress.connect(self.header.report_progress)
        job.finished.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self._job = job
        self.header.report_running(True)
        job.start()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def shutdown(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job.wait()

    def _done(self, path: str) -> None:
        self.header.report_running(False)
        url = QUrl.fromLocalFile(path).toString()
        link = f'<a href="{escape(url)}">{escape(Path(path).name)}</a>'
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
