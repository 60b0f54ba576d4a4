"""How importing joins the window: File → Import a list… and File → Imports…, and the import
bar above the register. One object owns the job runner that undo uses, and stops it when the
window closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QWidget

from verkosto_desktop.data.storage.store import Change
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.exchange.batch_bar import ImportBatchBar
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard
    from verkosto_desktop.ui.exchange.imports_dialog import ImportsDialog


class ImportActions(QObject):
    """The import's menu actions (``actionImport``, ``actionImports``) and register bar."""

    def __init__(self, window: MainWindow, context: AppContext, register: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("importActions")
        self.window = window
        self.context = context
        self.runner = JobRunner(self)
        self.wizard: ImportWizard | None = None
        self.dialog: ImportsDialog | None = None
        self.bar = ImportBatchBar(context.store, self.runner)
        layout = register.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(1, self.bar)  # between the search bar and the table
        context.hub.listen(self._on_changes)
        self.import_action = QAction(_("&Import a list…"), window)
        self.import_action.setObjectName("actionImport")
        self.import_action.setEnabled(not context.store.readonly)
        self.import_action.triggered.connect(self.open_wizard)
        self.imports_action = QAction(_("Imp&orts…"), window)
        self.imports_action.setObjectName("actionImports")
        self.imports_action.triggered.connect(self.open_imports)
        window.add_file_action(self.import_action)
        window.add_file_action(self.imports_action)
        window.installEventFilter(self)

    def open_wizard(self) -> ImportWizard:
        """The import wizard, window-modal (a new one each time: it starts from the file)."""
        from verkosto_desktop.ui.exchange.import_wizard import ImportWizard

        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = ImportWizard(self.context, self.window)
        self.wizard.imported.connect(lambda _result: self.window.show_section("register"))
        self.wizard.open()
        return self.wizard

    def open_imports(self) -> ImportsDialog:
        """The list of imports, with Undo (not modal)."""
        from verkosto_desktop.ui.exchange.imports_dialog import ImportsDialog

        if self.dialog is None:
            self.dialog = ImportsDialog(self.context.store, self.runner, self.window)
        self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _on_changes(self, changes: tuple[Change, ...]) -> None:
        self.bar.on_changes(changes)
        if self.dialog is not None:
            self.dialog.on_changes(changes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            if self.wizard is not None:
                self.wizard.stop()
                self.wizard.runner.shutdown()
            self.runner.shutdown()
        return False
