"""The wizard's fifth page: the test run. The whole import is done and rolled back; the page
shows what it would change, record by record, and every problem with its row and column. With
a problem the import cannot go on: correct the file (or the mapping) and try again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QProgressBar, QTabWidget, QVBoxLayout, QWizardPage

from verkosto_desktop.data.exchange.results import ImportProblems, ImportResult, summary_lines
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.exchange.change_lists import (
    change_model,
    import_work,
    list_view,
    problem_model,
)
from verkosto_desktop.ui.forms.message_line import MessageLine

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard


class TestRunPage(QWizardPage):
    __test__ = False  # not a test case, whatever pytest thinks of the name

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._running = False
        self.setTitle(_("Test run"))
        self.setSubTitle(
            _(
                "The import done and taken back: this is exactly what it would change. Nothing "
                "has been changed yet."
            )
        )
        self.setCommitPage(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("importTestProgress")
        self.summary = QLabel()
        self.summary.setObjectName("importTestSummary")
        self.summary.setWordWrap(True)
        self.message = MessageLine()
        self.message.setObjectName("importTestMessage")
        self.changes = change_model()
        self.problems = problem_model()
        self.warnings = problem_model()
        self.tabs = QTabWidget()
        self.tabs.addTab(
            list_view("importChanges", self.changes, 4, (70, 130, 230, 170)), _("Changes")
        )
        self.tabs.addTab(list_view("importProblems", self.problems, 1, (220,)), _("Problems"))
        self.tabs.addTab(list_view("importWarnings", self.warnings, 1, (220,)), _("Warnings"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    def initializePage(self) -> None:
        state = self._wizard.state
        self.changes.set_rows([])
        self.problems.set_rows([])
        self.warnings.set_rows([])
        self.summary.setText("")
        self.message.show_info(_("Test run under way…"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._running = True
        self.completeChanged.emit()
        self._wizard.run(
            import_work(self._wizard.store, state.plan(), dry_run=True),
            self._done,
            self._failed,
            self._progressed,
            self._cancelled,
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, outcome: object) -> None:
        self._running = False
        self.progress.setVisible(False)
        state = self._wizard.state
        if isinstance(outcome, ImportProblems):
            state.trial = None
            self.problems.set_rows(outcome.problems)
            self.tabs.setCurrentIndex(1)
            self.message.show_error(
                str(outcome)
                + " "
                + _("Correct the file and choose it again, or change the mapping (Back).")
            )
        else:
            assert isinstance(outcome, ImportResult)
            state.trial = outcome
            self.summary.setText("\n".join(summary_lines(outcome.counts)))
            self.changes.set_rows(list(outcome.lines))
            self.warnings.set_rows(list(outcome.warnings))
            self.tabs.setCurrentIndex(0)
            self.message.show_info(
                _("No problems. Import makes these changes; it can be undone afterwards.")
            )
        self.tabs.setTabText(1, _("Problems ({count})").format(count=self.problems.rowCount()))
        self.tabs.setTabText(2, _("Warnings ({count})").format(count=self.warnings.rowCount()))
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self._running = False
        self.progress.setVisible(False)
        self.message.show_error(message)
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self._running = False
        self.progress.setVisible(False)
        self.message.show_info(_("The test run was stopped."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._running and self._wizard.state.trial is not None
