"""The wizard's last page: the import itself, in one transaction after a backup, with progress
and Stop. Stopped or failed, nothing has changed; done, the register shows the import with
"Undo import"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWizardPage

from verkosto_desktop.data.exchange.results import ImportProblems, ImportResult, summary_lines
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.exchange.change_lists import import_work
from verkosto_desktop.ui.forms.message_line import MessageLine

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._running = False
        self.setTitle(_("Import"))
        self.setSubTitle(
            _(
                "A backup is made first; then everything comes in at once, or nothing does. "
                "Stop leaves the register as it was."
            )
        )
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.stop_button = QPushButton(_("&Stop"))
        self.stop_button.setObjectName("importStop")
        self.stop_button.clicked.connect(self._stop)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.message = MessageLine()
        self.message.setObjectName("importMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state = self._wizard.state
        state.result = None
        self.summary.setText("")
        self.message.show_info(_("Importing…"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.stop_button.setVisible(True)
        self._running = True
        self.completeChanged.emit()
        self._wizard.run(
            import_work(self._wizard.store, state.plan(), dry_run=False),
            self._done,
            self._failed,
            self._progressed,
            self._cancelled,
        )

    def _stop(self) -> None:
        job = self._wizard.job
        if job is not None:
            job.cancel()
        self.message.show_info(_("Stopping…"))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self._running = False
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        self.completeChanged.emit()

    def _done(self, outcome: object) -> None:
        if isinstance(outcome, ImportProblems):
            # The register changed between the test run and the import.
            self.message.show_error(
                str(outcome) + "\n" + "\n".join(str(p) for p in outcome.problems[:10])
            )
            self._finish()
            return
        assert isinstance(outcome, ImportResult)
        self._wizard.state.result = outcome
        self.message.show_info(
            _(
                "Imported. The register shows the import; Undo import there takes back exactly "
                "this import."
            )
        )
        self.summary.setText("\n".join(summary_lines(outcome.counts)))
        self._finish()
        self._wizard.imported.emit(outcome)

    def _failed(self, message: str) -> None:
        self.message.show_error(_("Nothing was imported: {reason}").format(reason=message))
        self._finish()

    def _cancelled(self) -> None:
        self.message.show_info(_("Stopped: nothing was imported."))
        self._finish()

    def isComplete(self) -> bool:
        return not self._running and self._wizard.state.result is not None
