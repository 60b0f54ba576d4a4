"""The one form dialog: labelled inputs, the line that tells what went wrong, OK and Cancel.

The one way of saving from a dialog: the dialog only hands back what was typed; on OK it emits
``submitted(dialog)``, and its owner writes through ``data`` with :meth:`FormDialog.save`, which
closes the dialog on success and otherwise shows the error in it, keeping everything typed.
A write that can take long goes through :meth:`FormDialog.save_in_background` instead: the same
outcome, with the window responsive while it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.jobs import Job, Work

T = TypeVar("T")


class FormDialog(QDialog):
    """A dialog of labelled inputs (``self.form``), the error line and OK/Cancel.
    ``submitted(dialog)`` on OK: the owner saves with :meth:`save`."""

    submitted = Signal(object)

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = MessageLine()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(lambda: self.submitted.emit(self))
        self.buttons.rejected.connect(self.reject)

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None  # made in __init__
        return button

    def finish_layout(
        self,
        width: int,
        ok_text: str = "",
        *,
        content: QLayout | None = None,
        height: int | None = None,
    ) -> None:
        """Put the form (or ``content``, a larger layout holding it), the error line and the
        buttons in place (``ok_text`` names the OK button by what it does) and size the dialog:
        ``width`` by ``height``, or as tall as its contents need."""
        if ok_text:
            self.ok_button.setText(ok_text)
        layout = QVBoxLayout(self)
        layout.addLayout(content or self.form, 1 if content is not None else 0)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(width, height or self.sizeHint().height())

    def show_error(self, message: str) -> None:
        self.error.show_error(message)

    def save(self, write: Callable[[], T]) -> T | None:
        """Run the owner's ``write`` (an operation of ``data``): on success close the dialog
        and return what it returned; when it is refused, show why in the dialog, which stays
        open with everything typed in it, and return None."""
        try:
            result = write()
        except VerkostoError as error:
            self.show_error(str(error))
            return None
        self.accept()
        return result

    def save_in_background(
        self, submit: Callable[[Work], Job | None], write: Callable[[], object], busy: str
    ) -> Job | None:
        """As :meth:`save`, for a write that can take long (forgetting a large network): it runs
        through ``submit`` (a :class:`~verkosto_desktop.ui.jobs.JobRunner`'s) off the UI thread
        while the dialog says ``busy`` with OK disabled; then the dialog closes, or shows why the
        write was refused and stays open with everything typed in it."""

        def work(_progress: Progress) -> object:
            return write()

        job = submit(work)
        if job is None:
            return None
        self.ok_button.setEnabled(False)
        self.error.show_info(busy)
        job.succeeded.connect(lambda _result: self.accept())
        job.failed.connect(self.show_error)
        job.done.connect(lambda: self.ok_button.setEnabled(True))
        return job
