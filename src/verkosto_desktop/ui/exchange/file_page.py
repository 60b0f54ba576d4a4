"""The wizard's first page: which file to bring in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from verkosto_desktop.data.exchange.reading import ReadOptions
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Choose the file"))
        self.setSubTitle(
            _(
                "A spreadsheet (CSV as Excel saves it, or an Excel workbook .xlsx) or contacts "
                "from a phone or a mail program (vCard .vcf). Nothing is changed until the "
                "last step, and an import can be undone."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("importFilePath")
        self.path.setPlaceholderText(_("The file's path"))
        self.path.setAccessibleName(_("The file's path"))
        self.path.textChanged.connect(lambda _text: self.completeChanged.emit())
        browse = QPushButton(_("&Browse…"))
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        hint = QLabel(
            _(
                "Known lists are recognised: Finnish, Swedish and English column names, Google "
                "Contacts, Outlook and Sahana Eden's organisation template. A mapping used "
                "before is offered again for a file with the same columns."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _chosen(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text).expanduser() if text else None

    def _browse(self) -> None:
        start = str(self._chosen() or Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the file to import"),
            start,
            _("Lists (*.csv *.txt *.tsv *.xlsx *.vcf);;All files (*)"),
        )
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        chosen = self._chosen()
        return chosen is not None and chosen.is_file()

    def validatePage(self) -> bool:
        state = self._wizard.state
        chosen = self._chosen()
        if chosen != state.path:
            # Another file: how the last one was read does not apply to it.
            state.path = chosen
            state.options = ReadOptions()
            state.table = None
        return True
