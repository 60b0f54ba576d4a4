"""The common shape of the register's editors: a form layout of labelled inputs, each bound to a
field of an ``AutosaveForm``, with a "last verified" line and its "verified today" button."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.details import ContactDetail
from verkosto_desktop.domain.dates import parse_date
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.forms.autosave import AutosaveForm, Creator, Saver
from verkosto_desktop.ui.register.clipboard import copy_number

LINE_CHARS = 20  # the least a one-line field shows


def _date_text(value: Any) -> str:
    return format_date(value) if value else ""


def _number_text(value: Any) -> str:
    return "" if value is None else str(value)


class RecordForm(QWidget):
    """A form for one record. ``verify_requested`` asks the owner to mark it verified today."""

    verify_requested = Signal()

    def __init__(
        self,
        *,
        save: Saver,
        create: Creator | None = None,
        required: str | None = None,
        required_hint: str = "",
    ) -> None:
        super().__init__()
        self.form = AutosaveForm(
            self, save=save, create=create, required=required, required_hint=required_hint
        )
        self.rows = QFormLayout()
        outer = QVBoxLayout(self)
        outer.addLayout(self.rows)
        outer.addStretch(1)  # short forms stay at the top instead of spreading out
        self.rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Beside their labels when there is room; under them in a narrow editor (1024 pixels).
        self.rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rows.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.verified_label: QLabel | None = None
        self.verify_button: QPushButton | None = None

    # -- inputs -------------------------------------------------------------------------------

    def add_line(
        self,
        key: str,
        label: str,
        *,
        name: str = "",
        placeholder: str = "",
        display: Callable[[Any], str] | None = None,
        parse: Callable[[str, str], Any] | None = None,
        extras: Iterable[QWidget] = (),
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name or f"field_{key}")
        edit.setAccessibleName(label.replace("&", ""))
        edit.setPlaceholderText(placeholder)
        # Room for a name or a number; in a narrow editor the row goes under its label instead
        # of squeezing the field to a few letters.
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * LINE_CHARS)
        box = self.form.line(key, edit, *extras, display=display or _number_text, parse=parse)
        self.rows.addRow(label, box)
        self._buddy(box, edit)
        return edit

    def add_phone(self, key: str, label: str, *, name: str = "") -> QLineEdit:
        """A phone field shown Finnish style, with a button that copies the number."""
        copy = QToolButton()
        copy.setText(_("Copy"))
        copy.setObjectName(f"copy_{key}")
        copy.setAccessibleName(_("Copy the number: {field}").format(field=label.replace("&", "")))
        copy.setToolTip(copy.accessibleName())
        edit = self.add_line(
            key,
            label,
            name=name,
            placeholder=_("e.g. {example}").format(example="040 123 4567"),
            display=format_phone,
            extras=(copy,),
        )
        copy.clicked.connect(lambda: copy_number(self, edit.text().strip()))
        # A whole number always shows; in a narrow editor the row goes under its label instead.
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("+358 40 123 4567") + 16)
        return edit

    def add_date(self, key: str, label: str) -> QLineEdit:
        return self.add_line(
            key, label, placeholder=_("e.g. 28.11.2026"), display=_date_text, parse=parse_date
        )

    def add_plain(self, key: str, label: str, lines: int = 3) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(f"field_{key}")
        edit.setAccessibleName(label.replace("&", ""))
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * LINE_CHARS)
        height = edit.fontMetrics().lineSpacing() * lines + 12
        edit.setMinimumHeight(height)
        edit.setMaximumHeight(height + edit.fontMetrics().lineSpacing() * 3)
        box = self.form.plain(key, edit)
        self.rows.addRow(label, box)
        self._buddy(box, edit)
        caption = self.rows.labelForField(box)
        if isinstance(caption, QLabel):  # beside the first line, not the middle of the box
            caption.setContentsMargins(0, 4, 0, 0)
        return edit

    def add_check(self, key: str, text: str) -> QCheckBox:
        check = QCheckBox(text)
        check.setObjectName(f"field_{key}")
        # Across both columns: long Finnish captions must not widen the whole form.
        self.rows.addRow(self.form.check(key, check))
        return check

    def add_combo(self, key: str, label: str, items: Iterable[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"field_{key}")
        combo.setAccessibleName(label.replace("&", ""))
        # Long category names must not widen the whole editor; the list still shows them whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        for text, data in items:
            combo.addItem(text, data)
        box = self.form.combo(key, combo)
        self.rows.addRow(label, box)
        self._buddy(box, combo)
        return combo

    def add_verified_row(self) -> None:
        """ "Last verified" and the button that marks the record verified today."""
        self.verified_label = QLabel()
        self.verified_label.setObjectName("verifiedOn")
        self.verify_button = QPushButton(_("Verified today"))
        self.verify_button.setObjectName("verifyToday")
        self.verify_button.setAccessibleName(_("Mark verified today"))
        self.verify_button.setToolTip(_("Mark the details checked today"))
        self.verify_button.clicked.connect(self.verify_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.verified_label, 1)
        row.addWidget(self.verify_button)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.rows.addRow(_("Last verified"), holder)

    def add_delete_row(self, name: str, accessible: str, *others: QWidget) -> QPushButton:
        """The last row: "Move to trash" on the left (``name`` and ``accessible`` say what it
        moves), ``others`` on the right. Returns the trash button."""
        delete = QPushButton(_("Move to trash"))
        delete.setObjectName(name)
        delete.setAccessibleName(accessible)
        buttons = FlowLayout()  # one under the other in a narrow editor
        buttons.setContentsMargins(0, 8, 0, 0)
        buttons.addWidget(delete, 1)
        for widget in others:
            buttons.addWidget(widget)
        holder = QWidget()
        holder.setLayout(buttons)
        self.rows.addRow(holder)
        return delete

    def show_verified(self, day: Any) -> None:
        if self.verified_label is not None:
            self.verified_label.setText(format_date(day) if day else _("never"))

    def _buddy(self, box: QWidget, editor: QWidget) -> None:
        label = self.rows.labelForField(box)
        if isinstance(label, QLabel):
            label.setBuddy(editor)
            # Beside the input even when a message line opens under it.
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            offset = (editor.sizeHint().height() - label.sizeHint().height()) // 2
            label.setContentsMargins(0, max(offset, 0), 0, 0)


class ChildForm(RecordForm):
    """The form of one of an actor's records (a contact, capability or facility)."""

    actor_id: str | None = None  # the actor whose record is edited
    delete_button: QPushButton  # set by each form (``add_delete_row``)

    def set_contacts(self, people: tuple[ContactDetail, ...]) -> None:
        """The actor's contact persons, for a form that chooses one (none by default)."""


def fill_people(combo: QComboBox, people: Iterable[Any], none_text: str) -> None:
    """Offer an actor's contact persons (``ContactDetail``) in ``combo`` after ``none_text``,
    keeping the person chosen if they are still there."""
    chosen = combo.currentData()
    combo.clear()
    combo.addItem(none_text, None)
    for person in people:
        combo.addItem(person.name, person.id)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
