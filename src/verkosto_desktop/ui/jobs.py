"""The one way slow work runs off the UI thread: exports, PDFs, the dashboard's reads, starting a
call round.

A section owns a :class:`JobRunner`; ``runner.submit(work)`` runs ``work(progress)`` on the
runner's single worker thread (jobs run one after another, a second waits its turn) and returns
its :class:`Job`. The job's signals always arrive on the UI thread: ``progressed(done, total,
message)`` while it runs, then exactly one of ``succeeded(result)``, ``failed(message)`` or
``cancelled()``, and ``done()`` last. ``job.cancel()`` asks the work to stop at its next
progress report (``Progress.update``/``check`` raise ``Cancelled``, and the export removes
what it half wrote). ``runner.shutdown()`` cancels everything and waits, so no thread outlives
the window or a test. :func:`run_with_dialog` runs a job behind a modal progress dialog.

Workers get values (ids, frozen rows, the store), never sessions or widgets. The worker thread
only emits the job's private signals; they reach the job's slots on the UI thread through queued
connections, and the public signals are emitted from there, so whatever a caller connects
(lambdas too) runs on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.progress import Cancelled, Progress
from verkosto_desktop.i18n import _

log = logging.getLogger(__name__)
Work = Callable[[Progress], object]


def describe_error(error: Exception) -> str:
    """The sentence a user reads for a job that failed."""
    if isinstance(error, VerkostoError):
        return str(error)  # already a translated sentence
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return (error.strerror or str(error)) + where
    return str(error) or type(error).__name__


class Job(QObject):
    """One piece of work; see the module's description for its signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    # Emitted on the worker thread, received on the UI thread (where the job lives).
    _reported = Signal(int, int, str)
    _ended = Signal(str, object)  # "ok", "failed" or "cancelled"; the result or the message

    def __init__(self, work: Work, on_delivered: Callable[[Job], None] | None = None) -> None:
        # No parent: the runner holds the job until its outcome is delivered, callers as long
        # as they like; a finished job is never deleted under a caller's feet.
        super().__init__()
        self._work = work
        self._stop = threading.Event()
        self._returned = threading.Event()
        self._delivered = False
        self._on_delivered = on_delivered
        self.progress = Progress(report=self._reported.emit, cancelled=self._stop.is_set)
        self._reported.connect(self._relay_progress)
        self._ended.connect(self._relay_end)

    def run(self) -> None:
        """Run the work (on the worker thread) and post its outcome to the UI thread."""
        try:
            result = self._work(self.progress)
        except Cancelled:
            self._ended.emit("cancelled", None)
        except Exception as error:  # shown to the user instead of vanishing in a thread
            if not isinstance(error, VerkostoError | OSError):
                log.exception("background job failed")
            self._ended.emit("failed", describe_error(error))
        else:
            self._ended.emit("ok", result)
        finally:
            self._returned.set()

    @Slot(int, int, str)
    def _relay_progress(self, done: int, total: int, message: str) -> None:
        if not self._delivered:
            self.progressed.emit(done, total, message)

    @Slot(str, object)
    def _relay_end(self, outcome: str, value: object) -> None:
        self._delivered = True
        if outcome == "ok":
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(value))
        self.done.emit()
        if self._on_delivered is not None:
            self._on_delivered(self)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._stop.set()

    def is_running(self) -> bool:
        """True until the outcome has been delivered on the UI thread."""
        return not self._delivered

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the work has returned (its outcome is then on its way to the UI thread);
        False if it had not started or not returned in time."""
        return self._returned.wait(milliseconds / 1000)


class _Task(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run()


class JobRunner(QObject):
    """Runs jobs one after another on one worker thread; refuses new ones once shut down."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: list[Job] = []  # queued or running: until the outcome is delivered
        self._last: Job | None = None  # released at the next outcome, never inside its own
        self._closed = False

    def submit(self, work: Work) -> Job | None:
        """Queue ``work(progress)``; its :class:`Job`, or None once the runner is shut down."""
        if self._closed:
            return None
        job = Job(work, on_delivered=self._settled)
        self._jobs.append(job)
        self._pool.start(_Task(job))
        return job

    def _settled(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        self._last = job

    def busy(self) -> bool:
        """True while a job is queued, running, or its outcome is not delivered yet."""
        return bool(self._jobs)

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until every queued job has run (tests and shutdown); True when none is left."""
        return self._pool.waitForDone(milliseconds)

    def shutdown(self) -> None:
        """Refuse new jobs, drop those not started, stop the running one and wait for its thread
        (the window is closing)."""
        self._closed = True
        self._pool.clear()
        self.cancel_all()
        self._pool.waitForDone(30_000)


def run_with_dialog(
    runner: JobRunner,
    parent: QWidget,
    label: str,
    work: Work,
    on_done: Callable[[Any], object],
    on_failed: Callable[[str], object],
) -> Job | None:
    """Run ``work`` on ``runner`` behind a window-modal progress dialog with a Stop button (it
    appears only if the job takes a moment); ``on_done(result)`` or ``on_failed(message)`` runs on
    the UI thread, nothing when stopped. None once the runner is shut down."""
    job = runner.submit(work)
    if job is None:
        return None
    dialog = QProgressDialog(label, _("Stop"), 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.canceled.connect(job.cancel)

    def show(done: int, total: int, _message: str) -> None:
        dialog.setRange(0, max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finish(*_outcome: object) -> None:
        dialog.blockSignals(True)  # closing it is not a request to stop
        dialog.reset()
        dialog.deleteLater()

    job.progressed.connect(show)
    # The dialog goes first, so that a message about the outcome is not shown behind it.
    job.succeeded.connect(finish)
    job.failed.connect(finish)
    job.cancelled.connect(finish)
    job.succeeded.connect(on_done)
    job.failed.connect(on_failed)
    return job
