"""One way to print a sheet that is not one of the print section's documents (a call round's
tick-off sheet, the survey's forms, the readiness sheet): the preview first, with Save as PDF…
and Print… under it, as every other "Print…" in the window (the same :class:`PrintPanel`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from verkosto_desktop.i18n import _
from verkosto_desktop.ui.export_folder import export_folder
from verkosto_desktop.ui.jobs import Job
from verkosto_desktop.ui.printouts.panel import PrintPanel, Sheet, Writer


class DocumentDialog(QDialog):
    """The preview of one sheet; ``previewed(pages)``, ``saved(path)``, ``printed(pages)``."""

    def __init__(
        self, title: str, write: Writer, settings: QSettings | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentDialog")
        self.setWindowTitle(title)
        self.panel = PrintPanel(None, settings=settings)
        self.panel.set_request(Sheet(title, write))
        self.panel.preview_button.hide()  # built as the dialog opens
        self.panel.save_button.setText(_("&Save as PDF…"))
        self._settings = settings
        self.previewed = self.panel.previewed
        self.saved = self.panel.saved
        self.printed = self.panel.printed
        self.save_button: QPushButton = self.panel.save_button
        self.print_button: QPushButton = self.panel.print_button
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.finished.connect(lambda _result: self.shutdown())
        self.resize(900, 700)

    @property
    def data(self) -> bytes | None:
        """The sheet as built for the preview (None until it is)."""
        return self.panel.built

    def suggested_path(self) -> Path:
        return export_folder(self._settings) / self.panel.suggested_name()

    def build(self) -> Job | None:
        return self.panel.refresh()

    def shutdown(self) -> None:
        self.panel.shutdown()


def show_document(
    title: str, write: Writer, settings: QSettings | None, parent: QWidget | None
) -> DocumentDialog:
    """Open the preview of a sheet (not modal) and start building it."""
    dialog = DocumentDialog(title, write, settings, parent)
    dialog.show()
    dialog.build()
    return dialog
