"""File → Import a list…: a wizard from a file to the register, one page at a time.

Choose the file → a preview of its first rows with the encoding and separator found (both
changeable) → which column goes where → words to explain and actors already in the register →
a test run that shows exactly what would change and every problem → the import, with progress
and Stop. Everything slow (reading, checking, the test run, the import) runs on the wizard's
job runner, off the UI thread; the pages show its progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.exchange.file_page import FilePage
from verkosto_desktop.ui.exchange.import_page import ImportPage
from verkosto_desktop.ui.exchange.mapping_page import MappingPage
from verkosto_desktop.ui.exchange.preview_page import PreviewPage
from verkosto_desktop.ui.exchange.review_page import ReviewPage
from verkosto_desktop.ui.exchange.state import ImportState
from verkosto_desktop.ui.exchange.test_run_page import TestRunPage
from verkosto_desktop.ui.jobs import Job, JobRunner

PAGE_FILE, PAGE_PREVIEW, PAGE_MAPPING, PAGE_REVIEW, PAGE_TEST, PAGE_IMPORT = range(6)


class ImportWizard(QWizard):
    """``imported(ImportResult)`` fires after a successful import."""

    imported = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(_("Import a list"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.context = context
        self.store = context.store
        self.state = ImportState()
        self.runner = JobRunner(self)
        self.job: Job | None = None
        self.setPage(PAGE_FILE, FilePage(self))
        self.setPage(PAGE_PREVIEW, PreviewPage(self))
        self.setPage(PAGE_MAPPING, MappingPage(self))
        self.setPage(PAGE_REVIEW, ReviewPage(self))
        self.setPage(PAGE_TEST, TestRunPage(self))
        self.setPage(PAGE_IMPORT, ImportPage(self))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        # Fits a 1024×600 screen with the window's frame and the panel around it.
        self.resize(960, 540)

    def run(
        self,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
        on_progress: Callable[[int, int], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job | None:
        """Run ``work`` on the wizard's runner; the callbacks run on the UI thread. A job still
        running is stopped first (its outcome is no longer wanted)."""
        self.stop()
        job = self.runner.submit(work)
        if job is None:
            return None
        self.job = job
        job.succeeded.connect(on_done)
        job.failed.connect(on_failed)
        if on_progress is not None:
            job.progressed.connect(lambda done, total, _message: on_progress(done, total))
        if on_cancelled is not None:
            job.cancelled.connect(on_cancelled)
        job.done.connect(lambda: self._forget(job))
        return job

    def _forget(self, job: Job) -> None:
        if self.job is job:
            self.job = None

    def busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    def stop(self) -> None:
        """Stop the running job, if any, and wait for its thread to let go (a stopped import
        has rolled back when this returns)."""
        job = self.job
        if job is not None and job.is_running():
            job.cancel()
            self.runner.wait()
        self.job = None

    def done(self, result: int) -> None:
        self.stop()
        self.runner.shutdown()
        super().done(result)
