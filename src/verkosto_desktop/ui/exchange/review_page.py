"""The wizard's fourth page: what the user must decide before the test run. Words of the file
nobody knows (a kind "Säätiö", a category "Ruoka") get a meaning or are left out; each actor
already in the register is shown side by side with the file's values, to be filled in (the
default), updated, skipped or imported as new; people erased on request are left out only when
the user says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from verkosto_desktop.data.catalogues import capability_categories, situation_types
from verkosto_desktop.data.exchange.duplicates import ACTIONS, LEAVE_OUT, target_decision_key
from verkosto_desktop.data.exchange.mapping import target
from verkosto_desktop.data.exchange.review import FieldRow, MatchRow, Review, WordRow, review
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus, Phase
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _, current_language, ngettext
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.row_table import Column, RowTableModel

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard

OUTCOMES = {"fill": "✚", "differs": "≠", "same": "="}


def rows_text(rows: tuple[int, ...]) -> str:
    shown = ", ".join(str(r) for r in rows[:6])
    return shown + ("…" if len(rows) > 6 else "")


class ReviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._checking = False
        self._review: Review | None = None
        self.setTitle(_("Words to explain and actors already in the register"))
        self.setSubTitle(
            _(
                "Nothing is changed yet. The next step is a test run that shows exactly what "
                "the import would do."
            )
        )
        self.status = MessageLine()
        self.status.setObjectName("importReviewStatus")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("importReviewTabs")
        self.tabs.addTab(self._build_words(), _("Words"))
        self.tabs.addTab(self._build_matches(), _("Already in the register"))
        self.tabs.addTab(self._build_erased(), _("Erased on request"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

    # -- building -----------------------------------------------------------------------------

    def _build_words(self) -> QWidget:
        self.words = QTableWidget(0, 4)
        self.words.setObjectName("importWords")
        self.words.setHorizontalHeaderLabels(
            [_("Column goes to"), _("Word in the file"), _("Rows"), _("Means")]
        )
        self.words.verticalHeader().hide()
        self.words.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.words.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        return self.words

    def _build_matches(self) -> QWidget:
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
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return page

    def _build_erased(self) -> QWidget:
        self.erased = QListWidget()
        self.erased.setObjectName("importErased")
        self.erased.itemChanged.connect(self._erased_decided)
        note = QLabel(
            _(
                "These people were erased from the register on request. They are not imported "
                "again: tick each to leave the person out (the rest of the row comes in)."
            )
        )
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addWidget(self.erased, 1)
        return page

    # -- checking -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        state = self._wizard.state
        self.default_action.setCurrentIndex(
            max(self.default_action.findData(state.default_action), 0)
        )
        if state.review is not None:
            self._show(state.review)
            return
        self._checking = True
        self.status.show_info(_("Checking the rows against the register…"))
        self.completeChanged.emit()
        plan = state.plan()
        store = self._wizard.store

        def work(progress: Progress) -> Review:
            progress.check()
            return review(store, plan)

        def done(result: object) -> None:
            assert isinstance(result, Review)
            self._checking = False
            state.review = result
            self._show(result)

        def failed(message: str) -> None:
            self._checking = False
            self.status.show_error(message)
            self.completeChanged.emit()

        self._wizard.run(work, done, failed)

    def _show(self, result: Review) -> None:
        self._review = result
        self._fill_words(result.words)
        self.match_model.set_rows(list(result.matches))
        self._fill_erased(result)
        self.tabs.setTabText(0, _("Words ({count})").format(count=len(result.words)))
        self.tabs.setTabText(
            1, _("Already in the register ({count})").format(count=len(result.matches))
        )
        self.tabs.setTabText(2, _("Erased on request ({count})").format(count=len(result.erased)))
        for index, count in enumerate((len(result.words), len(result.matches), len(result.erased))):
            if count:
                self.tabs.setCurrentIndex(index)
                break
        if result.matches:
            self.matches.selectRow(0)
        lines = [
            ngettext(
                "{count} row, {actors} actors.", "{count} rows, {actors} actors.", result.rows
            ).format(count=result.rows, actors=result.actors)
        ]
        if not (result.words or result.matches or result.erased):
            lines.append(_("Nothing to decide: no actor of the file is in the register yet."))
        if result.problems:
            lines.append(
                ngettext(
                    "{count} other problem; the test run lists it.",
                    "{count} other problems; the test run lists them.",
                    len(result.problems),
                ).format(count=len(result.problems))
            )
        self.status.show_info(" ".join(lines))
        self.completeChanged.emit()

    # -- words --------------------------------------------------------------------------------

    def _meanings(self, target_key: str) -> list[tuple[str, str]]:
        store = self._wizard.store
        language = current_language()
        if target_key == "actor.kind":
            return [(kind.label(), kind.value) for kind in ActorKind]
        if target_key == "actor.membership_status":
            return [(status.label(), status.value) for status in MembershipStatus]
        if target_key == "capability.phases":
            return [(phase.label(), phase.value) for phase in Phase]
        if target_key == "capability.situations":
            return [(e.name(language), e.key) for e in situation_types(store)]
        return [(e.name(language), e.key) for e in capability_categories(store)]

    def _fill_words(self, words: tuple[WordRow, ...]) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        values = self._wizard.state.mapping.values
        self.words.setRowCount(len(words))
        for row, word in enumerate(words):
            for column, text in enumerate(
                (_(target(word.target).label), word.word, rows_text(word.rows))
            ):
                self.words.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox()
            combo.setObjectName("importWordMeaning")
            combo.addItem(_("— choose —"), "")
            for label, key in self._meanings(word.target):
                combo.addItem(label, key)
            combo.addItem(_("— leave it out —"), None)
            chosen = values.get(word.target, {}).get(word.word, "")
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.activated.connect(
                lambda _i, w=word, c=combo: self._word_chosen(w, c.currentData())
            )
            self.words.setCellWidget(row, 3, combo)
        self.words.resizeColumnsToContents()

    def _word_chosen(self, word: WordRow, meaning: str | None) -> None:
        values = self._wizard.state.mapping.values.setdefault(word.target, {})
        if meaning == "":
            values.pop(word.word, None)
        else:
            values[word.word] = meaning
        self._wizard.state.trial = None
        self.completeChanged.emit()

    def _words_answered(self) -> bool:
        values = self._wizard.state.mapping.values
        review_ = self._review
        return review_ is not None and all(
            word.word in values.get(word.target, {}) for word in review_.words
        )

    # -- matches ------------------------------------------------------------------------------

    def _action_of(self, match: MatchRow) -> str:
        decisions = self._wizard.state.decisions
        return decisions.get(match.key, self._wizard.state.default_action)

    def _target_of(self, match: MatchRow) -> str | None:
        if len(match.candidates) == 1:
            return match.candidates[0][0]
        return self._wizard.state.decisions.get(target_decision_key(match.key))

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
        decisions = self._wizard.state.decisions
        decisions[match.key] = self.action.currentData()
        chosen = self.candidate.currentData()
        if len(match.candidates) > 1 and chosen:
            decisions[target_decision_key(match.key)] = chosen
            self.field_model.set_rows(list(match.fields.get(chosen, ())))
        self._wizard.state.trial = None
        self.match_model.set_rows(self.match_model.rows())
        self._refresh_matches()
        self.completeChanged.emit()

    def _refresh_matches(self) -> None:
        rows = self.match_model.rowCount()
        if rows:
            self.match_model.dataChanged.emit(
                self.match_model.index(0, 3), self.match_model.index(rows - 1, 3)
            )

    def _default_action_chosen(self) -> None:
        self._wizard.state.default_action = self.default_action.currentData()
        self._wizard.state.trial = None
        self._refresh_matches()
        self._show_match()
        self.completeChanged.emit()

    def _matches_answered(self) -> bool:
        review_ = self._review
        if review_ is None:
            return False
        return all(
            self._action_of(m) not in ("fill", "update") or self._target_of(m) is not None
            for m in review_.matches
        )

    @staticmethod
    def _outcome_tip(row: FieldRow) -> str:
        return {
            "fill": _("The register's field is blank: it is filled in."),
            "differs": _("Differs: changed only when updating, else listed in the test run."),
            "same": _("The same in both."),
        }[row.outcome]

    # -- erased -------------------------------------------------------------------------------

    def _fill_erased(self, result: Review) -> None:
        decisions = self._wizard.state.decisions
        self.erased.blockSignals(True)
        self.erased.clear()
        for row in result.erased:
            item = QListWidgetItem(
                _("{person} ({actor}), rows {rows}: leave the person out").format(
                    person=row.person, actor=row.actor, rows=rows_text(row.rows)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, row.decision_key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            left_out = decisions.get(row.decision_key) == LEAVE_OUT
            item.setCheckState(Qt.CheckState.Checked if left_out else Qt.CheckState.Unchecked)
            self.erased.addItem(item)
        self.erased.blockSignals(False)

    def _erased_decided(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        decisions = self._wizard.state.decisions
        if item.checkState() == Qt.CheckState.Checked:
            decisions[key] = LEAVE_OUT
        else:
            decisions.pop(key, None)
        self._wizard.state.trial = None
        self.completeChanged.emit()

    def _erased_answered(self) -> bool:
        decisions = self._wizard.state.decisions
        review_ = self._review
        return review_ is not None and all(
            decisions.get(row.decision_key) == LEAVE_OUT for row in review_.erased
        )

    def isComplete(self) -> bool:
        return (
            not self._checking
            and self._words_answered()
            and self._matches_answered()
            and self._erased_answered()
        )
