"""Small input widgets the network pages share: an actor chooser that scales to a large
register, a date field that may be empty, a text box that commits when the user leaves it, and
an inline message line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from verkosto_desktop.domain.dates import parse_date
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.column_floor import keep_column_readable
from verkosto_desktop.ui.forms.labels import NamedLineCombo

# The least height of a page's main list: a header and about five rows.
LIST_LEAST_HEIGHT = 150


class EnterLineEdit(QLineEdit):
    """A line that reports ``entered`` on Enter and keeps the key to itself (so Enter in it
    does not press a dialog's default button)."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SubmitTextEdit(QPlainTextEdit):
    """A multi-line answer box: Tab moves on, Ctrl+Enter reports ``submitted``."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ActorPicker(NamedLineCombo):
    """An editable chooser of actors: type a few letters of the name (the completer matches
    anywhere in it) or pick from the list. ``none_text`` adds a first "nobody" entry."""

    def __init__(
        self,
        parent: QWidget | None = None,
        none_text: str | None = None,
        line_edit: QLineEdit | None = None,
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        if line_edit is not None:
            self.setLineEdit(line_edit)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self._none_text = none_text
        completer = self.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lineEdit().setPlaceholderText(_("Type part of the name"))

    def lineEdit(self) -> QLineEdit:
        """The text field: never None, the combo box is editable."""
        edit = super().lineEdit()
        assert edit is not None
        return edit

    def set_actors(self, actors: Sequence[tuple[str, str]]) -> None:
        """``(id, name)`` pairs in display order; keeps the current choice if it still exists."""
        current = self.actor_id()
        self.blockSignals(True)
        self.clear()
        if self._none_text is not None:
            self.addItem(self._none_text, None)
        for actor_id, name in actors:
            self.addItem(name, actor_id)
        self.set_actor(current)
        self.blockSignals(False)

    def actor_id(self) -> str | None:
        """The chosen actor's id; what was typed must match a name exactly."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 or (self._none_text is not None and index == 0):
            return None
        value = self.itemData(index)
        return str(value) if value else None

    def set_actor(self, actor_id: str | None) -> None:
        index = self.findData(actor_id) if actor_id else (0 if self._none_text is not None else -1)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")


class DateField(QLineEdit):
    """A date typed the Finnish way (``14.3.2026``); empty means no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("d.m.yyyy"))
        self.setMaximumWidth(140)

    def set_date(self, day: date | None) -> None:
        self.setText(format_date(day) if day else "")

    def date(self) -> date | None:
        """The date typed; raises ``ValidationError`` when the text is not one."""
        return parse_date(self.text(), "date")


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text that reports ``committed(text)`` when the user leaves it changed."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._loaded = ""

    def load(self, text: str) -> None:
        self._loaded = text
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit_if_changed()

    def commit_if_changed(self) -> None:
        text = self.toPlainText()
        if text != self._loaded:
            self._loaded = text
            self.committed.emit(text)


def make_table(
    model: QAbstractItemModel,
    name: str,
    stretch: int | None = 0,
    view: QTableView | None = None,
) -> QTableView:
    """A read-only table of whole rows, one selectable at a time, with compact rows."""
    view = view or QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:  # the rest of the row, but never squeezed unreadable
        keep_column_readable(view, stretch, least=140)
    return view
