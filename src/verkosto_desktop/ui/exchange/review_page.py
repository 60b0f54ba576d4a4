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
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from verkosto_desktop.data.catalogues import capability_categories, situation_types
from verkosto_desktop.data.exchange.duplicates import LEAVE_OUT
from verkosto_desktop.data.exchange.mapping import target
from verkosto_desktop.data.exchange.review import Review, WordRow, review
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus, Phase
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _, current_language, ngettext
from verkosto_desktop.ui.exchange.match_panel import MatchPanel, rows_text
from verkosto_desktop.ui.forms.message_line import MessageLine

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard


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
        self.panel = MatchPanel(self._wizard.state)
        self.panel.decided.connect(self._decided)
        return self.panel

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
        self.panel.set_matches(result.matches)
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

    def _decided(self) -> None:
        self._wizard.state.trial = None
        self.completeChanged.emit()

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
            and self.panel.answered()
            and self._erased_answered()
        )
