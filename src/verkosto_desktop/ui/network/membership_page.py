"""Growing the network: every actor's membership status with its date, changing it, the
candidates to invite next (and those suggested in the survey), and who invited whom."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.network import membership, survey
from verkosto_desktop.data.network.membership import MemberRow, MembershipEvent
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.data.storage.store import ChangeKind
from verkosto_desktop.domain.concerns import item_key
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.network.candidate_dialog import CandidateDialog
from verkosto_desktop.ui.network.page import NetworkPage
from verkosto_desktop.ui.network.widgets import ActorPicker, DateField, make_table
from verkosto_desktop.ui.row_table import Column, RowTableModel
from verkosto_desktop.ui.scrolling import scrolled


class MembershipPage(NetworkPage):
    kinds = frozenset({ChangeKind.ACTOR, ChangeKind.SURVEY_ANSWER})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model_rows_all: list[MemberRow] = []
        self.counts = QLabel()
        self.counts.setObjectName("membershipCounts")
        self.counts.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.setObjectName("membershipFilter")
        self.filter.addItem(_("All statuses"), None)
        for status in MembershipStatus:
            self.filter.addItem(status.label(), status.value)
        self.filter.activated.connect(lambda _i: self.refresh_now())
        add = QPushButton(_("Add a candidate…"))
        add.setObjectName("membershipAddCandidate")
        add.clicked.connect(lambda: self.add_candidate())
        self.model: RowTableModel[MemberRow] = RowTableModel(
            [
                Column(_("Actor"), lambda r: r.name),
                Column(_("Kind"), lambda r: ActorKind.label_of(r.kind)),
                Column(_("Status"), lambda r: MembershipStatus(r.status).label()),
                Column(_("Since"), lambda r: format_date(r.changed_on)),
                Column(_("Invited by"), lambda r: r.invited_by_name),
            ],
            key=lambda r: r.actor_id,
        )
        self.table = make_table(self.model, "membershipTable")
        self.table.setAccessibleName(_("Membership"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_actor())

        self.status = QComboBox()
        self.status.setObjectName("membershipStatus")
        for status in MembershipStatus:
            self.status.addItem(status.label(), status.value)
        self.changed_on = DateField()
        self.changed_on.setObjectName("membershipDate")
        self.inviter = ActorPicker(none_text=_("(nobody)"))
        self.inviter.setObjectName("membershipInviter")
        apply = QPushButton(_("Change status"))
        apply.setObjectName("membershipApply")
        apply.clicked.connect(self.apply_status)
        self.message = MessageLine()
        self.history_model: RowTableModel[MembershipEvent] = RowTableModel(
            [
                Column(_("Status"), lambda e: MembershipStatus(e.status).label()),
                Column(_("Date"), lambda e: format_date(e.changed_on)),
                Column(_("Invited by"), lambda e: e.invited_by_name),
            ],
            key=lambda e: f"{e.status}{e.changed_on}",
        )
        history = make_table(self.history_model, "membershipHistory")
        history.setMaximumHeight(140)
        self.actor_box = QGroupBox(_("Membership"))
        form = QFormLayout(self.actor_box)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Date"), self.changed_on)
        form.addRow(_("Invited by"), self.inviter)
        form.addRow("", apply)
        form.addRow(self.message)
        form.addRow(history)

        self.candidate_model: RowTableModel[MemberRow] = RowTableModel(
            [
                Column(_("Candidate"), lambda r: r.name),
                Column(_("Since"), lambda r: format_date(r.changed_on)),
                Column(_("Proposed by"), lambda r: r.invited_by_name),
            ],
            key=lambda r: r.actor_id,
        )
        self.candidates = make_table(self.candidate_model, "membershipCandidates")
        invite = QPushButton(_("Mark invited today"))
        invite.setObjectName("membershipInvite")
        invite.clicked.connect(self.mark_invited)
        self.suggestion_model = QStandardItemModel()
        self.suggestions = QTreeView()
        self.suggestions.setObjectName("membershipSuggestions")
        self.suggestions.setModel(self.suggestion_model)
        self.suggestions.setHeaderHidden(True)
        self.suggestions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestions.doubleClicked.connect(lambda _i: self.add_from_suggestion())
        suggest_add = QPushButton(_("Add the suggestion as a candidate…"))
        suggest_add.clicked.connect(self.add_from_suggestion)
        grow = QGroupBox(_("To invite next"))
        grow_layout = QVBoxLayout(grow)
        grow_layout.addWidget(self.candidates, 2)
        grow_layout.addWidget(invite, 0, Qt.AlignmentFlag.AlignRight)
        grow_layout.addWidget(QLabel(_("Suggested in the mapping survey")))
        grow_layout.addWidget(self.suggestions, 2)
        grow_layout.addWidget(suggest_add, 0, Qt.AlignmentFlag.AlignRight)

        self.invitation_model = QStandardItemModel()
        self.invitations = QTreeView()
        self.invitations.setObjectName("membershipInvitations")
        self.invitations.setModel(self.invitation_model)
        self.invitations.setHeaderHidden(True)
        self.invitations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        who = QGroupBox(_("Who invited whom"))
        QVBoxLayout(who).addWidget(self.invitations)

        top = FlowLayout()
        top.addWidget(self.filter)
        top.addWidget(self.counts, 1)
        top.addWidget(add)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addLayout(top)
        listing_layout.addWidget(self.table, 1)
        # On a low screen the chosen actor's form scrolls under the list.
        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        left.addWidget(listing)
        left.addWidget(scrolled(self.actor_box))
        left.setStretchFactor(0, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(grow)
        right.addWidget(who)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_actor()
        names = actor_names(self.store)
        self.inviter.set_actors(names)
        counts = membership.status_counts(self.store)
        self.counts.setText(
            " · ".join(f"{MembershipStatus(k).label()}: {n}" for k, n in counts.items())
        )
        self.model_rows_all = membership.membership_rows(self.store)
        wanted = self.filter.currentData()
        self.model.set_rows([r for r in self.model_rows_all if not wanted or r.status == wanted])
        row = self.model.row_of(current.actor_id) if current else -1
        self.table.selectRow(max(row, 0))
        self.candidate_model.set_rows(membership.candidates_to_invite(self.store))
        self._fill_suggestions()
        self._fill_invitations()
        self._load_actor()

    def _fill_suggestions(self) -> None:
        self.suggestion_model.clear()
        groups = survey.answer_groups(self.store, survey.latest_round(self.store), "suggest_actors")
        known = {item_key(row.name): row for row in self.model_rows_all}
        for group in groups:
            text = f"{group.text} ({group.count})"
            existing = known.get(item_key(group.text))
            if existing is not None:
                status = MembershipStatus(existing.status).label()
                text += " — " + _("in the register: {status}").format(status=status)
            item = QStandardItem(text)
            item.setData(group.text, Qt.ItemDataRole.UserRole)
            item.setData(group.actor_ids[0], Qt.ItemDataRole.UserRole + 1)
            item.setToolTip(_("Suggested by {names}").format(names=", ".join(group.actor_names)))
            self.suggestion_model.appendRow(item)

    def _fill_invitations(self) -> None:
        self.invitation_model.clear()
        parent: QStandardItem | None = None
        for row in membership.invitations(self.store):
            if parent is None or parent.data(Qt.ItemDataRole.UserRole) != row.invited_by_id:
                parent = QStandardItem(row.invited_by_name)
                parent.setData(row.invited_by_id, Qt.ItemDataRole.UserRole)
                self.invitation_model.appendRow(parent)
            status = MembershipStatus(row.status).label()
            parent.appendRow(QStandardItem(f"{row.name} — {status}"))
        self.invitations.expandAll()

    def current_actor(self) -> MemberRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _load_actor(self) -> None:
        row = self.current_actor()
        self.actor_box.setEnabled(row is not None)
        self.message.clear_message()
        if row is None:
            self.history_model.set_rows([])
            return
        self.actor_box.setTitle(row.name)
        self.status.setCurrentIndex(self.status.findData(row.status))
        self.changed_on.set_date(None)
        self.changed_on.setPlaceholderText(_("today"))
        self.inviter.set_actor(row.invited_by_id)
        self.history_model.set_rows(membership.membership_history(self.store, row.actor_id))

    # -- writing ------------------------------------------------------------------------------

    def apply_status(self) -> None:
        row = self.current_actor()
        if row is None:
            return
        try:
            on: date | None = self.changed_on.date()
            membership.set_membership(
                self.store, row.actor_id, self.status.currentData(), on, self.inviter.actor_id()
            )
        except VerkostoError as error:
            self.message.show_error(str(error))

    def mark_invited(self) -> None:
        row = self.candidate_model.row_at(self.candidates.currentIndex().row())
        if row is None:
            return
        try:
            membership.set_membership(self.store, row.actor_id, MembershipStatus.INVITED.value)
        except VerkostoError as error:
            self.message.show_error(str(error))

    def add_candidate(self, name: str = "", proposed_by: str | None = None) -> CandidateDialog:
        dialog = CandidateDialog(actor_names(self.store), name, proposed_by, self)
        dialog.submitted.connect(self._add_candidate)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def _add_candidate(self, dialog: CandidateDialog) -> None:
        dialog.save(
            lambda: membership.add_candidate(
                self.store,
                dialog.name.text(),
                dialog.kind.currentData(),
                dialog.proposer.actor_id(),
            )
        )

    def add_from_suggestion(self) -> None:
        index = self.suggestions.currentIndex()
        if not index.isValid():
            return
        self.add_candidate(
            str(index.data(Qt.ItemDataRole.UserRole)), index.data(Qt.ItemDataRole.UserRole + 1)
        )
