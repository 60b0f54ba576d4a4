"""The mapping as a table: each column of the file, a few of its values, and where it goes (a
drop-down of every target). Columns that go nowhere are shown in grey, "not imported"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from verkosto_desktop.data.exchange.mapping import OFFERS, TARGETS, Mapping
from verkosto_desktop.data.exchange.table import Table
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.i18n import _, current_language

Index = QModelIndex | QPersistentModelIndex
COL_HEADER, COL_VALUES, COL_TARGET = range(3)
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


def target_choices(categories: list[CatalogueEntry]) -> list[tuple[str, str | None]]:
    """(label, target key) of every target, "not imported" first."""
    choices: list[tuple[str, str | None]] = [(_("— not imported —"), None)]
    choices.extend((_(t.label), t.key) for t in TARGETS)
    language = current_language()
    choices.extend(
        (
            _("Capability offered (yes/no): {category}").format(category=e.name(language)),
            OFFERS + e.key,
        )
        for e in categories
    )
    return choices


class MappingModel(QAbstractTableModel):
    """Rows are the file's columns; the target column is editable (``TARGET_ROLE``)."""

    changed = Signal()

    def __init__(self, choices: list[tuple[str, str | None]]) -> None:
        super().__init__()
        self.choices = choices
        self._labels = {key: label for label, key in choices}
        self._headers: tuple[str, ...] = ()
        self._values: list[str] = []
        self.mapping = Mapping()

    def set_table(self, table: Table, mapping: Mapping) -> None:
        self.beginResetModel()
        self._headers = table.headers
        self._values = [
            ", ".join(v.replace("\n", " ")[:40] for v in table.column_values(i, 3))
            for i in range(len(table.headers))
        ]
        self.mapping = mapping
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 3

    def target_of(self, row: int) -> str | None:
        return self.mapping.columns.get(self._headers[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        header = self._headers[index.row()]
        key = self.mapping.columns.get(header)
        if role == TARGET_ROLE:
            return key
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == COL_HEADER:
                return header
            if index.column() == COL_VALUES:
                return self._values[index.row()]
            return self._labels.get(key, key or _("— not imported —"))
        if role == Qt.ItemDataRole.ForegroundRole and key is None:
            palette = QApplication.palette()
            return QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_TARGET or role != TARGET_ROLE:
            return False
        header = self._headers[index.row()]
        if self.mapping.columns.get(header) == value:
            return False
        self.mapping.columns[header] = value
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 2))
        self.changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == COL_TARGET:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (_("Column in the file"), _("First values"), _("Goes to"))[section]
        return None

    def unmapped(self) -> list[str]:
        return [h for h in self._headers if not self.mapping.columns.get(h)]


class TargetDelegate(QStyledItemDelegate):
    """A drop-down of every target; choosing one sets it at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("importTargetChoice")
        model = index.model()
        assert isinstance(model, MappingModel)
        for label, key in model.choices:
            combo.addItem(label, key)
        combo.setMaxVisibleItems(20)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(TARGET_ROLE))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(position, 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), TARGET_ROLE)
