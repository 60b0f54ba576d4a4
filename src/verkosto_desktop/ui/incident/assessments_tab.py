"""Situation assessments: every one kept, the newest first, and two side by side so that a
coordination meeting starts from what has changed since the last one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.data.incident.log import LogEntryRow
from verkosto_desktop.domain.incidents import FieldComparison, compare_assessments
from verkosto_desktop.domain.timefmt import format_short
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.column_floor import keep_column_readable
from verkosto_desktop.ui.incident.common import muted_colour, strike
from verkosto_desktop.ui.row_table import Column, RowTableModel
from verkosto_desktop.ui.theme import is_dark

Index = QModelIndex | QPersistentModelIndex


# A row whose figures changed since the previous assessment: (light theme, dark theme).
CHANGED_BACKGROUND = {False: "#fff3c4", True: "#4a3b12"}


class AssessmentListModel(RowTableModel[LogEntryRow]):
    """The assessments, newest first; a corrected one is struck through and greyed."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(lambda: _("Time"), lambda e: format_short(e.happened_at)),
                Column(
                    lambda: _("Assessed by"),
                    lambda e: str(e.details.get("assessed_by") or e.actor_name or e.author),
                ),
                Column(lambda: _("Summary"), lambda e: e.text or str(e.details.get("needs") or "")),
            ],
            key=lambda e: e.id,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is not None and entry.is_corrected:
            if role == Qt.ItemDataRole.FontRole:
                return strike(QFont())
            if role == Qt.ItemDataRole.ForegroundRole:
                return muted_colour()
        return super().data(index, role)


class ComparisonModel(RowTableModel[FieldComparison]):
    """Field | older | newer; changed rows in bold on a tinted background."""

    def __init__(self) -> None:
        self._titles = ("", "")
        super().__init__(
            [
                Column(lambda: _("Field"), lambda r: r.label, lambda r: r.label),
                Column(lambda: self._titles[0], lambda r: r.older, lambda r: r.older),
                Column(lambda: self._titles[1], lambda r: r.newer, lambda r: r.newer),
            ]
        )

    def set_comparison(self, rows: list[FieldComparison], titles: tuple[str, str]) -> None:
        """The rows of two assessments side by side under their ``titles``."""
        if titles != self._titles:
            self._titles = titles
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, 2)
        self.set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and row.changed:
            if role == Qt.ItemDataRole.FontRole and index.column() != 1:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                dark = is_dark(QApplication.instance())
                return QColor(CHANGED_BACKGROUND[dark])
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return _("Changed")
        return super().data(index, role)


class AssessmentsTab(QWidget):
    """The list and the comparison; ``new_requested()`` and ``correct_requested(entry)`` ask
    the section to open the form."""

    new_requested = Signal()
    correct_requested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._incident: IncidentDetail | None = None
        self.new = QPushButton(_("New situation assessment…"))
        self.new.setObjectName("newAssessment")
        self.new.clicked.connect(self.new_requested.emit)
        self.correct = QPushButton(_("Correct the chosen assessment…"))
        self.correct.setObjectName("correctAssessment")
        self.correct.clicked.connect(self._correct)
        self.only_changes = QCheckBox(_("Only what changed"))
        self.only_changes.setObjectName("onlyChanges")
        self.only_changes.toggled.connect(lambda _on: self._compare())
        self.list_model = AssessmentListModel()
        self.list = QTableView()
        self.list.setObjectName("assessmentList")
        self.list.setAccessibleName(_("Situation assessments"))
        self.list.setModel(self.list_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        self.list.setColumnWidth(0, 130)
        self.list.setColumnWidth(1, 170)
        keep_column_readable(self.list, 2, least=120)  # the summary
        self.list.selectionModel().selectionChanged.connect(lambda *_a: self._compare())
        self.comparison_title = QLabel()
        self.comparison_title.setObjectName("comparisonTitle")
        self.comparison_title.setWordWrap(True)
        self.comparison_model = ComparisonModel()
        self.comparison = QTableView()
        self.comparison.setObjectName("assessmentComparison")
        self.comparison.setAccessibleName(_("Comparison of the assessments"))
        self.comparison.setModel(self.comparison_model)
        self.comparison.setWordWrap(True)
        self.comparison.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison.verticalHeader().setVisible(False)
        header = self.comparison.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hint = QLabel(_("Choose one assessment to compare it with the one before, or two."))
        hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(hint)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.comparison_title)
        right_layout.addWidget(self.comparison, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new)
        buttons.addWidget(self.correct)
        buttons.addStretch(1)
        buttons.addWidget(self.only_changes)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    def set_incident(self, incident: IncidentDetail | None, rows: list[LogEntryRow]) -> None:
        self._incident = incident
        writable = incident is not None and incident.writable
        self.new.setEnabled(writable)
        self.correct.setEnabled(incident is not None and bool(rows))
        self.list_model.set_rows(rows)
        self._compare()

    def latest(self) -> LogEntryRow | None:
        """The newest assessment that is not corrected (what a new one starts from)."""
        return next((r for r in self.list_model.rows() if not r.is_corrected), None)

    def selected(self) -> list[LogEntryRow]:
        rows = sorted(index.row() for index in self.list.selectionModel().selectedRows())
        return [self.list_model.rows()[row] for row in rows]

    def pair(self) -> tuple[LogEntryRow | None, LogEntryRow | None]:
        """(older, newer) to compare: the two chosen, or the chosen (default: the newest) and
        the valid assessment before it."""
        chosen = self.selected()
        live = [r for r in self.list_model.rows() if not r.is_corrected]
        if len(chosen) >= 2:
            return chosen[-1], chosen[0]  # the list is newest first
        newer = chosen[0] if chosen else (live[0] if live else None)
        if newer is None:
            return None, None
        # The list is newest first: the one before is the next valid one further down.
        position = self.list_model.rows().index(newer)
        earlier = [r for r in self.list_model.rows()[position + 1 :] if not r.is_corrected]
        return (earlier[0] if earlier else None), newer

    def _compare(self) -> None:
        older, newer = self.pair()
        if newer is None:
            self.comparison_title.setText(_("No situation assessments yet."))
            self.comparison_model.set_comparison([], ("", ""))
            return
        rows = compare_assessments(older.details if older else None, newer.details)
        if older is not None:
            rows.insert(0, self._summary_row(older, newer))
        if self.only_changes.isChecked():
            rows = [r for r in rows if r.changed]
        older_title = format_short(older.happened_at) if older else _("(none before)")
        self.comparison_model.set_comparison(rows, (older_title, format_short(newer.happened_at)))
        changed = sum(1 for r in rows if r.changed)
        if older is None:
            self.comparison_title.setText(
                _("The first assessment, {time}.").format(time=format_short(newer.happened_at))
            )
        else:
            self.comparison_title.setText(
                _("What changed from {older} to {newer}: {count} fields").format(
                    older=older_title, newer=format_short(newer.happened_at), count=changed
                )
            )
        self.comparison.resizeRowsToContents()

    @staticmethod
    def _summary_row(older: LogEntryRow, newer: LogEntryRow) -> FieldComparison:
        return FieldComparison("summary", _("Summary"), older.text, newer.text)

    def _correct(self) -> None:
        chosen = self.selected()
        entry = chosen[0] if chosen else self.latest()
        if entry is not None:
            self.correct_requested.emit(entry)
