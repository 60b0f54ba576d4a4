"""The wizard's second page: the file's first rows as read, with the encoding, the separator
and the sheet that were found; changing one reads the file again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from verkosto_desktop.data.exchange.decode import ENCODINGS
from verkosto_desktop.data.exchange.reading import ReadOptions, read_bytes, read_table
from verkosto_desktop.data.exchange.table import Table
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _, ngettext
from verkosto_desktop.ui.exchange.preview_model import SHOWN_ROWS, TablePreviewModel
from verkosto_desktop.ui.forms.message_line import MessageLine

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard

KIND_NAMES = {"csv": "CSV", "xlsx": "Excel (XLSX)", "vcard": "vCard"}
DELIMITERS = ((";", ";"), (",", ","), ("\t", "tab"), ("|", "|"))


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._reading = False
        self.setTitle(_("Check how the file reads"))
        self.setSubTitle(
            _(
                "The first rows as read. If letters such as ä and ö look wrong, choose another "
                "encoding; if the columns run together, choose another separator."
            )
        )
        self.kind = QLabel()
        self.kind.setObjectName("importKind")
        self.encoding = QComboBox()
        self.encoding.setObjectName("importEncoding")
        self.encoding.addItem(_("Found automatically"), None)
        for name in ENCODINGS:
            self.encoding.addItem(name, name)
        self.delimiter = QComboBox()
        self.delimiter.setObjectName("importDelimiter")
        self.delimiter.addItem(_("Found automatically"), None)
        for value, shown in DELIMITERS:
            self.delimiter.addItem(shown if value != "\t" else _("tab"), value)
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(lambda _index: self._read_again())
        form = QFormLayout()
        form.addRow(_("Kind:"), self.kind)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(_("Encoding:")))
        choices.addWidget(self.encoding)
        choices.addSpacing(12)
        choices.addWidget(QLabel(_("Separator:")))
        choices.addWidget(self.delimiter)
        choices.addSpacing(12)
        self.sheet_label = QLabel(_("Sheet:"))
        choices.addWidget(self.sheet_label)
        choices.addWidget(self.sheet)
        choices.addStretch(1)
        form.addRow(choices)
        self.model = TablePreviewModel()
        self.view = QTableView()
        self.view.setObjectName("importPreview")
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setDefaultSectionSize(150)
        self.count = QLabel()
        self.count.setObjectName("importRowCount")
        self.message = MessageLine()
        self.message.setObjectName("importReadMessage")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)

    # -- reading ------------------------------------------------------------------------------

    def initializePage(self) -> None:
        state = self._wizard.state
        if state.table is None:
            self._read(state.options)
        else:
            self._show(state.table)

    def _read_again(self) -> None:
        options = ReadOptions(
            encoding=self.encoding.currentData(),
            delimiter=self.delimiter.currentData(),
            sheet=self.sheet.currentText() or None if self.sheet.count() else None,
        )
        self._read(options)

    def _read(self, options: ReadOptions) -> None:
        state = self._wizard.state
        path = state.path
        assert path is not None
        state.table = None
        self._reading = True
        self.model.set_table(None)
        self.message.show_info(_("Reading {name}…").format(name=path.name))
        self.completeChanged.emit()

        def work(progress: Progress) -> Table:
            progress.check()
            return read_table(read_bytes(path), options, path.name)

        def done(table: object) -> None:
            assert isinstance(table, Table)
            self._reading = False
            state.options = options
            state.table = table
            self._show(table)

        def failed(message: str) -> None:
            self._reading = False
            self.kind.setText("")
            self.count.setText("")
            self.message.show_error(message)
            self.completeChanged.emit()

        self._wizard.run(work, done, failed)

    def _show(self, table: Table) -> None:
        self.kind.setText(KIND_NAMES.get(table.kind, table.kind))
        text_file = table.kind in ("csv", "vcard")
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.blockSignals(True)
        self._select(self.encoding, self._wizard.state.options.encoding)
        self.encoding.setItemText(
            0, _("Found automatically ({name})").format(name=table.encoding or "-")
        )
        self._select(self.delimiter, self._wizard.state.options.delimiter)
        found = dict(DELIMITERS).get(table.delimiter, table.delimiter)
        self.delimiter.setItemText(
            0, _("Found automatically ({name})").format(name=_("tab") if found == "tab" else found)
        )
        self.sheet.clear()
        self.sheet.addItems(list(table.sheets))
        if table.sheet:
            self.sheet.setCurrentText(table.sheet)
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.blockSignals(False)
        self.encoding.setEnabled(text_file)
        self.delimiter.setEnabled(table.kind == "csv")
        self.sheet.setVisible(table.kind == "xlsx")
        self.sheet_label.setVisible(table.kind == "xlsx")
        self.model.set_table(table)
        shown = min(len(table.rows), SHOWN_ROWS)
        rows = ngettext("{count} row", "{count} rows", len(table.rows)).format(
            count=len(table.rows)
        )
        self.count.setText(
            _("{rows} in the file; the first {shown} are shown.").format(rows=rows, shown=shown)
            if shown < len(table.rows)
            else rows
        )
        notes = [str(p) for p in table.warnings]
        if table.problems:
            notes.insert(
                0,
                ngettext(
                    "{count} row has a problem; the test run lists it.",
                    "{count} rows have problems; the test run lists them.",
                    len(table.problems),
                ).format(count=len(table.problems)),
            )
        if notes:
            self.message.show_error("\n".join(notes[:5]))
        else:
            self.message.clear_message()
        self.completeChanged.emit()

    @staticmethod
    def _select(combo: QComboBox, value: str | None) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def isComplete(self) -> bool:
        return not self._reading and self._wizard.state.table is not None
