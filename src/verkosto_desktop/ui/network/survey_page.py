"""The mapping survey overview: the round, who has answered and who has not, the concerns named
most often (with the actors behind each), printed forms, and typing paper answers back in."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.network import survey
from verkosto_desktop.data.network.survey import Respondent
from verkosto_desktop.data.storage.store import ChangeKind
from verkosto_desktop.domain.enums import MembershipStatus
from verkosto_desktop.domain.founding import SURVEY_QUESTIONS
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.network.page import NetworkPage
from verkosto_desktop.ui.network.survey_entry import SurveyEntryDialog
from verkosto_desktop.ui.network.widgets import make_table
from verkosto_desktop.ui.row_table import Column, RowTableModel

# The answer view's links to an actor's capabilities in the register.
CAPABILITIES_LINK = "capabilities:"


class SurveyPage(NetworkPage):
    """The mapping survey; ``open_capabilities_requested(actor_id)`` asks for the actor's
    capabilities to be opened in the register (from "what can you offer")."""

    kinds = frozenset({ChangeKind.SURVEY_ANSWER, ChangeKind.ACTOR, ChangeKind.CAPABILITY})
    open_capabilities_requested = Signal(str)

    def __init__(self, context: AppContext, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.jobs = jobs
        self.round = QComboBox()
        self.round.setObjectName("surveyRound")
        self.round.activated.connect(lambda _i: self.refresh_now())
        self.summary = QLabel()
        self.summary.setObjectName("surveySummary")
        enter = QPushButton(_("Type in paper answers…"))
        enter.setObjectName("surveyEnter")
        enter.clicked.connect(lambda: self.open_entry())
        blank = QPushButton(_("Blank form (PDF)…"))
        blank.setObjectName("surveyBlankForm")
        blank.clicked.connect(lambda: self.print_forms(blank=True))
        forms = QPushButton(_("Forms for those not answered (PDF)…"))
        forms.setObjectName("surveyForms")
        forms.clicked.connect(lambda: self.print_forms(blank=False))
        # The buttons wrap under the round on a narrow screen.
        top = FlowLayout()
        top.addWidget(QLabel(_("Round")))
        top.addWidget(self.round)
        top.addWidget(self.summary, 1)
        top.addWidget(blank)
        top.addWidget(forms)
        top.addWidget(enter)

        self.answered_model: RowTableModel[Respondent] = RowTableModel(
            [
                Column(_("Answered"), lambda r: r.name),
                Column(_("Date"), lambda r: format_date(r.answered_on)),
            ],
            key=lambda r: r.actor_id,
        )
        self.waiting_model: RowTableModel[Respondent] = RowTableModel(
            [
                Column(_("Not answered yet"), lambda r: r.name),
                Column(_("Membership"), lambda r: MembershipStatus(r.membership_status).label()),
            ],
            key=lambda r: r.actor_id,
        )
        self.answered = make_table(self.answered_model, "surveyAnswered")
        self.waiting = make_table(self.waiting_model, "surveyWaiting")
        self.answered.setAccessibleName(_("Answered"))
        self.waiting.setAccessibleName(_("Not answered yet"))
        self.answered.selectionModel().currentRowChanged.connect(lambda *_: self._show_answers())
        self.answered.doubleClicked.connect(lambda index: self._edit(self.answered_model, index))
        self.waiting.doubleClicked.connect(lambda index: self._edit(self.waiting_model, index))

        self.concern_model = QStandardItemModel()
        self.concerns = QTreeView()
        self.concerns.setObjectName("surveyConcerns")
        self.concerns.setAccessibleName(_("Concerns named most often"))
        self.concerns.setModel(self.concern_model)
        self.concerns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.concerns.setHeaderHidden(True)
        self.concerns.setWordWrap(True)
        self.answer_view = QTextBrowser()
        self.answer_view.setObjectName("surveyAnswerView")
        self.answer_view.setAccessibleName(_("Answers"))
        self.answer_view.setOpenLinks(False)
        self.answer_view.anchorClicked.connect(self._on_link)

        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(self.answered)
        lists.addWidget(self.waiting)
        right = QSplitter(Qt.Orientation.Vertical)
        concerns_box = QWidget()
        concerns_layout = QVBoxLayout(concerns_box)
        concerns_layout.setContentsMargins(0, 0, 0, 0)
        concerns_layout.addWidget(QLabel(_("Concerns named most often")))
        concerns_layout.addWidget(self.concerns)
        right.addWidget(concerns_box)
        right.addWidget(self.answer_view)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(lists)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # -- reading ------------------------------------------------------------------------------

    def current_round(self) -> int:
        value = self.round.currentData()
        return int(value) if value else survey.latest_round(self.store)

    def _fill_rounds(self) -> None:
        chosen = self.round.currentData()
        rounds = survey.survey_rounds(self.store) or [1]
        self.round.clear()
        for number in rounds:
            self.round.addItem(_("Round {round}").format(round=number), number)
        new = rounds[-1] + 1
        self.round.addItem(_("Round {round} (start a new round)").format(round=new), new)
        index = self.round.findData(chosen) if chosen else -1
        self.round.setCurrentIndex(index if index >= 0 else len(rounds) - 1)

    def refresh(self) -> None:
        self._fill_rounds()
        view = survey.overview(self.store, self.current_round())
        self.answered_model.set_rows(view.answered)
        self.waiting_model.set_rows(view.not_answered)
        self.summary.setText(
            _("{answered} answered, {waiting} not yet").format(
                answered=len(view.answered), waiting=len(view.not_answered)
            )
        )
        self.concern_model.clear()
        for group in view.concerns:
            item = QStandardItem(f"{group.text} ({group.count})")
            item.setToolTip(", ".join(group.actor_names))
            for name in group.actor_names:
                item.appendRow(QStandardItem(name))
            self.concern_model.appendRow(item)
        self.concerns.expandAll()
        self._show_answers()

    def _show_answers(self) -> None:
        row = self.answered_model.row_at(self.answered.currentIndex().row())
        if row is None:
            self.answer_view.setHtml(
                "<p>"
                + _("Choose an actor to see its answers; double-click to change them.")
                + "</p>"
            )
            return
        answers = survey.answers(self.store, row.actor_id, self.current_round())
        parts = [f"<h3>{escape(row.name)}</h3>"]
        offers = survey.recorded_offers(self.store, [row.actor_id]).get(row.actor_id, ())
        for question in SURVEY_QUESTIONS:
            answer = answers.get(question.key)
            given = answer.answer.strip() if answer else ""
            text = escape(given).replace("\n", "<br>") if given else "–"
            if question.key == "can_offer":
                # What the answer says beside what the register holds, one click from editing.
                recorded = (
                    _("In the register: {list}").format(list=", ".join(offers))
                    if offers
                    else _("Nothing in the register yet: add capabilities")
                )
                link = f"{CAPABILITIES_LINK}{escape(row.actor_id)}"
                text += f'<br><a href="{link}"><i>{escape(recorded)}</i></a>'

            parts.append(f"<p><b>{escape(question.label())}</b><br>{text}</p>")
        self.answer_view.setHtml("".join(parts))

    def _on_link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(CAPABILITIES_LINK):
            self.open_capabilities_requested.emit(target.removeprefix(CAPABILITIES_LINK))

    # -- actions ------------------------------------------------------------------------------

    def _edit(self, model: RowTableModel[Respondent], index: QModelIndex) -> None:
        row = model.row_at(index.row())
        if row is not None:
            self.open_entry(row.actor_id)

    def open_entry(self, actor_id: str | None = None) -> SurveyEntryDialog:
        """Open the fast entry, going through those who have not answered the round."""
        queue = [r.actor_id for r in self.waiting_model.rows()]
        dialog = SurveyEntryDialog(self.store, self.current_round(), queue, actor_id, self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def print_forms(self, blank: bool) -> QWidget | None:
        """The survey forms (a blank one, or one for each actor not answered) in the preview,
        with Save as PDF and Print."""
        round_no = self.current_round()
        waiting = [] if blank else [r.actor_id for r in self.waiting_model.rows()]
        store = self.store

        def write(path: Path, progress: Progress) -> Path:
            from verkosto_desktop.printouts.network import save_survey_forms

            return save_survey_forms(store, path, round_no, waiting, progress)

        # Imported when first printed: the print support is not needed to open the window.
        from verkosto_desktop.ui.printouts.document_dialog import show_document

        return show_document(_("Mapping survey form"), write, self.context.settings, self)
