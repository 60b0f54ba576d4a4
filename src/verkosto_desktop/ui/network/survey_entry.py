"""Typing paper survey forms back in, fast: choose the actor (or take the next one who has not
answered), type the answers in the order of the form, Ctrl+Enter saves and opens the next."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.network import survey
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.founding import SURVEY_QUESTIONS
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.network.widgets import ActorPicker, DateField, SubmitTextEdit


class SurveyEntryDialog(QDialog):
    """Enter one actor's answers of one round; ``queue`` holds the actors to go through next."""

    def __init__(
        self,
        store: Store,
        round_no: int,
        queue: Sequence[str] = (),
        actor_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("surveyEntry")
        self.setWindowTitle(_("Survey answers — round {round}").format(round=round_no))
        self.store = store
        self.round_no = round_no
        self._queue = [a for a in queue if a != actor_id]
        self.actor = ActorPicker()
        self.actor.setObjectName("surveyActor")
        self.actor.set_actors(actor_names(store))
        self.actor.activated.connect(lambda _i: self._load())
        self.actor.lineEdit().editingFinished.connect(self._load_if_changed)
        self.answered_on = DateField()
        self.answered_on.setObjectName("surveyDate")
        # Forms collected at one meeting share a date: once typed, it stays for the next ones.
        self._typing_date = False
        self.answered_on.textEdited.connect(lambda _t: setattr(self, "_typing_date", True))
        self.answers: dict[str, SubmitTextEdit] = {}
        self.offers = QLabel()
        self.offers.setObjectName("surveyOffers")
        self.offers.setWordWrap(True)
        self.message = MessageLine()
        form = QFormLayout()
        form.addRow(_("Actor"), self.actor)
        form.addRow(_("Answered on"), self.answered_on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for number, question in enumerate(SURVEY_QUESTIONS, start=1):
            label = QLabel(f"{number}. {question.label()}")
            label.setWordWrap(True)
            edit = SubmitTextEdit()
            edit.setObjectName(f"surveyAnswer_{question.key}")
            limit_text(edit, "answer")
            # Ctrl+Enter saves and goes on (the box would take Enter as a new line).
            edit.submitted.connect(lambda: self.save(go_on=True))
            edit.setMinimumHeight(48)
            label.setBuddy(edit)
            self.answers[question.key] = edit
            layout.addWidget(label)
            if question.key == "can_offer":
                layout.addWidget(self.offers)
            layout.addWidget(edit, 1)
        layout.addWidget(self.message)
        self.save_next = QPushButton(_("Save and next"))
        self.save_next.setObjectName("surveySaveNext")
        self.save_next.setToolTip(_("Ctrl+Enter"))
        self.save_next.setDefault(True)
        self.save_next.clicked.connect(lambda: self.save(go_on=True))
        save = QPushButton(_("Save"))
        save.setObjectName("surveySave")
        save.clicked.connect(lambda: self.save(go_on=False))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(save)
        buttons.addWidget(self.save_next)
        layout.addLayout(buttons)
        self.resize(720, 760)
        self._loaded: str | None = None
        first = actor_id or (self._queue.pop(0) if self._queue else None)
        self.actor.set_actor(first)
        self._load()

    def _load_if_changed(self) -> None:
        if self.actor.actor_id() != self._loaded:
            self._load()

    def _load(self) -> None:
        """Show what the chosen actor has answered in this round, and what it offers."""
        actor_id = self.actor.actor_id()
        self._loaded = actor_id
        existing = survey.answers(self.store, actor_id, self.round_no) if actor_id else {}
        for key, edit in self.answers.items():
            row = existing.get(key)
            edit.setPlainText(row.answer if row else "")
        dates = [row.answered_on for row in existing.values()]
        if dates:
            self.answered_on.set_date(max(dates))
        elif not self._typing_date:
            self.answered_on.set_date(None)
        offers = (
            survey.recorded_offers(self.store, [actor_id]).get(actor_id, ()) if actor_id else ()
        )
        self.offers.setText(
            _("In the register: {list}").format(list=", ".join(offers))
            if offers
            else _("Nothing recorded in the register yet.")
        )
        first = next(iter(self.answers.values()))
        first.setFocus()

    def save(self, go_on: bool) -> bool:
        """Store the answers; with ``go_on``, open the next actor of the queue. True if saved."""
        actor_id = self.actor.actor_id()
        if actor_id is None:
            self.message.show_error(_("Choose an actor from the list"))
            self.actor.setFocus()
            return False
        try:
            on = self.answered_on.date()
            given = {key: edit.toPlainText() for key, edit in self.answers.items()}
            survey.save_answers(self.store, actor_id, self.round_no, given, on)
        except VerkostoError as error:
            self.message.show_error(str(error))
            return False
        self.message.show_info(_("Saved: {name}").format(name=self.actor.currentText()))
        if go_on:
            self._next()
        return True

    def _next(self) -> None:
        while self._queue:
            candidate = self._queue.pop(0)
            if candidate != self._loaded:
                self.actor.set_actor(candidate)
                self._load()
                return
        self.actor.set_actor(None)
        self._load()
        self.actor.setFocus()
