"""The review page's panel of actors already in the register: each match side by side with the
file's values, and what to do with it (fill in, update, skip, import as new; which of several
actors)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.exchange.duplicates import ACTIONS, target_decision_key
from verkosto_desktop.data.exchange.review import FieldRow, MatchRow
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.exchange.state import ImportState
from verkosto_desktop.ui.row_table import Column, RowTableModel

OUTCOMES = {"fill": "✚", "differs": "≠", "same": "="}


def rows_text(rows: tuple[int, ...]) -> str:
    """Row numbers for a list cell (the first few)."""
    shown = ", ".join(str(r) for r in rows[:6])
    return shown + ("…" if len(rows) > 6 else "")


class MatchPanel(QWidget):
    """``decided()`` fires when the user changes what is done with a match."""

    decided = Signal()

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self._state = state
        self._matches: tuple[MatchRow, ...] = ()
        self.default_action = QComboBox()
        self.default_action.setObjectName("importDefaultAction")
        for key, label in ACTIONS.items():
            self.default_action.addItem(_(label), key)
        self.default_action.activated.connect(lambda _i: self._default_action_chosen())
        self.match_model: RowTableModel[MatchRow] = RowTableModel(
            [
                Column(lambda: _("In the file"), lambda m: m.name),
                Column(lambda: _("Rows"), lambda m: rows_text(m.rows)),
                Column(
                    lambda: _("In the register"),
                    lambda m: " | ".join(label for _id, label in m.candidates),
                ),
                Column(lambda: _("What to do"), self._action_text),
            ],
            key=lambda m: m.key,
        )
        self.matches = QTableView()
        self.matches.setObjectName("importMatches")
        self.matches.setModel(self.match_model)
        self.matches.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches.verticalHeader().hide()
        header = self.matches.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.matches.selectionModel().currentRowChanged.connect(lambda *_a: self._show_match())
        self.action = QComboBox()
        self.action.setObjectName("importMatchAction")
        for key, label in ACTIONS.items():
            self.action.addItem(_(label), key)
        self.action.activated.connect(lambda _i: self._match_decided())
        self.candidate = QComboBox()
        self.candidate.setObjectName("importMatchTarget")
        self.candidate.activated.connect(lambda _i: self._match_decided())
        self.field_model: RowTableModel[FieldRow] = RowTableModel(
            [
                Column(lambda: _("Field"), lambda f: f.label),
                Column(lambda: _("In the file"), lambda f: f.file),
                Column(lambda: _("In the register"), lambda f: f.register),
                Column(lambda: "", lambda f: OUTCOMES[f.outcome], self._outcome_tip),
            ]
        )
        self.fields = QTableView()
        self.fields.setObjectName("importMatchFields")
        self.fields.setModel(self.field_model)
        self.fields.verticalHeader().hide()
        self.fields.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        decide = QFormLayout()
        decide.addRow(_("What to do:"), self.action)
        decide.addRow(_("Which actor:"), self.candidate)
        self.match_note = QLabel()
        self.match_note.setWordWrap(True)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(decide)
        detail_layout.addWidget(self.fields, 1)
        detail_layout.addWidget(self.match_note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.matches)
        splitter.addWidget(detail)
        splitter.setSizes([420, 480])
        top = QHBoxLayout()
        top.addWidget(QLabel(_("For every actor already in the register:")))
        top.addWidget(self.default_action)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def set_matches(self, matches: tuple[MatchRow, ...]) -> None:
        self._matches = matches
        self.default_action.setCurrentIndex(
            max(self.default_action.findData(self._state.default_action), 0)
        )
        self.match_model.set_rows(list(matches))
        if matches:
            self.matches.selectRow(0)

    def _action_of(self, match: MatchRow) -> str:
        decisions = self._state.decisions
        return decisions.get(match.key, self._state.default_action)

    def _target_of(self, match: MatchRow) -> str | None:
        if len(match.candidates) == 1:
            return match.candidates[0][0]
        return self._state.decisions.get(target_decision_key(match.key))

    def _action_text(self, match: MatchRow) -> str:
        action = self._action_of(match)
        text = _(ACTIONS[action])
        if action in ("fill", "update") and self._target_of(match) is None:
            text = _("Choose the actor")
        return text

    def _current_match(self) -> MatchRow | None:
        return self.match_model.row_at(self.matches.currentIndex().row())

    def _show_match(self) -> None:
        match = self._current_match()
        for widget in (self.action, self.candidate):
            widget.setEnabled(match is not None)
        if match is None:
            self.field_model.set_rows([])
            return
        self.action.setCurrentIndex(max(self.action.findData(self._action_of(match)), 0))
        self.candidate.clear()
        if len(match.candidates) > 1:
            self.candidate.addItem(_("— choose —"), None)
        for actor_id, label in match.candidates:
            self.candidate.addItem(label, actor_id)
        self.candidate.setCurrentIndex(max(self.candidate.findData(self._target_of(match)), 0))
        self.candidate.setEnabled(len(match.candidates) > 1)
        chosen = self._target_of(match) or match.candidates[0][0]
        self.field_model.set_rows(list(match.fields.get(chosen, ())))
        self.match_note.setText(
            _(
                "{contacts} contact people and {capabilities} capabilities in the file; a person "
                "already there is filled in like the actor. ✚ a blank filled in, ≠ differs "
                "(changed only when updating), = the same."
            ).format(contacts=match.contacts, capabilities=match.capabilities)
        )

    def _match_decided(self) -> None:
        match = self._current_match()
        if match is None:
            return
        decisions = self._state.decisions
        decisions[match.key] = self.action.currentData()
        chosen = self.candidate.currentData()
        if len(match.candidates) > 1 and chosen:
            decisions[target_decision_key(match.key)] = chosen
            self.field_model.set_rows(list(match.fields.get(chosen, ())))
        self.match_model.set_rows(self.match_model.rows())
        self._refresh_matches()
        self.decided.emit()

    def _refresh_matches(self) -> None:
        rows = self.match_model.rowCount()
        if rows:
            self.match_model.dataChanged.emit(
                self.match_model.index(0, 3), self.match_model.index(rows - 1, 3)
            )

    def _default_action_chosen(self) -> None:
        self._state.default_action = self.default_action.currentData()
        self._refresh_matches()
        self._show_match()
        self.decided.emit()

    def answered(self) -> bool:
        """Whether every match that is filled in or updated knows which actor."""
        return all(
            self._action_of(m) not in ("fill", "update") or self._target_of(m) is not None
            for m in self._matches
        )

    @staticmethod
    def _outcome_tip(row: FieldRow) -> str:
        return {
            "fill": _("The register's field is blank: it is filled in."),
            "differs": _("Differs: changed only when updating, else listed in the test run."),
            "same": _("The same in both."),
        }[row.outcome]
