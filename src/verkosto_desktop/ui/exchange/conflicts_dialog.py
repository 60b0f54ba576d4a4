"""Edit → Conflicts: each conflict side by side — the value shown now and the other one, who
changed each and when — to keep one, take the other or type a third. The choice is a change
that travels on with the next bundle."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.exchange import conflicts
from verkosto_desktop.data.exchange.conflicts import ConflictRow, Side
from verkosto_desktop.data.storage.store import Change, Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import EventHub
from verkosto_desktop.ui.exchange.sharing_texts import field_text, value_text
from verkosto_desktop.ui.forms.field_box import error_colour
from verkosto_desktop.ui.row_table import Column, RowTableModel


def _columns() -> list[Column[ConflictRow]]:
    return [
        Column(lambda: _("Record"), lambda r: r.record_label),
        Column(
            lambda: _("Field"),
            lambda r: _("Deleted / edited") if r.kind == "deleted" else field_text(r.field),
        ),
        Column(lambda: _("Shown now"), lambda r: _shown_text(r)),
        Column(lambda: _("Other"), lambda r: _other_text(r)),
    ]


def _shown_text(row: ConflictRow) -> str:
    return _("deleted") if row.kind == "deleted" else value_text(row.field, row.shown.value)


def _other_text(row: ConflictRow) -> str:
    if row.kind == "deleted":
        return _("edited: {field}").format(field=field_text(row.field))
    return value_text(row.field, row.other.value)


def _side_text(side: Side) -> str:
    return _("changed on {site}, {when}").format(
        site=side.site, when=format_datetime(side.changed_at)
    )


class _SideBox(QGroupBox):
    def __init__(self, title: str, name: str) -> None:
        super().__init__(title)
        self.value = QLabel("")
        self.value.setObjectName(f"{name}Value")
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.value.font()
        font.setBold(True)
        self.value.setFont(font)
        self.who = QLabel("")
        self.who.setWordWrap(True)
        self.button = QPushButton("")
        self.button.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.who)
        layout.addStretch(1)
        layout.addWidget(self.button)


class ConflictsDialog(QDialog):
    """The open conflicts of ``store``; follows the hub's changes while open."""

    def __init__(self, store: Store, hub: EventHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsView")
        self.setWindowTitle(_("Conflicts between laptops"))
        self._store = store
        self.model: RowTableModel[ConflictRow] = RowTableModel(_columns(), key=lambda r: str(r.id))
        self.table = QTableView()
        self.table.setObjectName("conflictList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selected)

        self.title = QLabel("")
        self.title.setObjectName("conflictTitle")
        self.title.setWordWrap(True)
        self.shown = _SideBox(_("Shown now"), "conflictKeep")
        self.other = _SideBox(_("The other value"), "conflictTake")
        self.shown.button.clicked.connect(lambda: self._resolve("shown"))
        self.other.button.clicked.connect(lambda: self._resolve("other"))
        sides = QGridLayout()
        sides.addWidget(self.shown, 0, 0)
        sides.addWidget(self.other, 0, 1)
        self.value = QLineEdit()
        self.value.setObjectName("conflictValue")
        self.value.setPlaceholderText(_("or type a new value"))
        self.use_value = QPushButton(_("Use this value"))
        self.use_value.setObjectName("conflictUseValue")
        self.use_value.clicked.connect(lambda: self._resolve("value"))
        self.value.returnPressed.connect(lambda: self._resolve("value"))
        third = QHBoxLayout()
        third.addWidget(self.value, 1)
        third.addWidget(self.use_value)
        self.message = QLabel("")
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.title)
        detail_layout.addLayout(sides)
        detail_layout.addLayout(third)
        detail_layout.addWidget(self.message)
        detail_layout.addStretch(1)
        self.empty = QLabel(_("No conflicts: every laptop's changes fitted together."))
        self.empty.setObjectName("conflictsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._detail = detail
        hub.listen(self._on_changed)
        self.resize(880, 520)  # a 600-pixel screen leaves about 540 inside a window
        self.reload()

    def reload(self) -> None:
        rows = conflicts.open_conflicts(self._store)
        selected = self._current()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self._detail.setVisible(bool(rows))
        if rows:
            row = self.model.row_of(str(selected.id)) if selected else -1
            self.table.selectRow(max(row, 0))
        self._show(self._current())

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        if self.isVisible():
            self.reload()

    def _current(self) -> ConflictRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.message.setText("")
        self._show(self._current())

    def _show(self, row: ConflictRow | None) -> None:
        if row is None:
            return
        deleted = row.kind == "deleted"
        if deleted:
            self.title.setText(
                _("{record} was deleted on one laptop while another changed it.").format(
                    record=row.record_label
                )
            )
            self.shown.value.setText(_("In the trash"))
            self.other.value.setText(
                _("{field}: {value}").format(
                    field=field_text(row.field), value=value_text(row.field, row.other.value)
                )
            )
            self.shown.button.setText(_("Keep in the trash"))
            self.other.button.setText(_("Bring back"))
        else:
            self.title.setText(f"{row.record_label} — {field_text(row.field)}")
            self.shown.value.setText(value_text(row.field, row.shown.value))
            self.other.value.setText(value_text(row.field, row.other.value))
            self.shown.button.setText(_("Keep this"))
            self.other.button.setText(_("Take this"))
        self.shown.who.setText(_side_text(row.shown))
        self.other.who.setText(_side_text(row.other))
        editable = not deleted and ":" not in row.field and not isinstance(row.shown.value, bool)
        self.value.setVisible(editable)
        self.use_value.setVisible(editable)
        self.value.clear()

    def _resolve(self, choice: str) -> None:
        row = self._current()
        if row is None:
            return
        value: object = None
        if choice == "value":
            text = self.value.text().strip()
            value = _typed(text, row.shown.value)
        try:
            conflicts.resolve(self._store, row.id, choice, value)
        except VerkostoError as error:
            self.message.setStyleSheet(f"color: {error_colour()};")
            self.message.setText(str(error))
            return
        self.reload()


def _typed(text: str, like: object) -> object:
    """A typed value in the type of the value shown (numbers stay numbers)."""
    if isinstance(like, int) and not isinstance(like, bool):
        try:
            return int(text)
        except ValueError:
            return text
    if isinstance(like, dict | list):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
