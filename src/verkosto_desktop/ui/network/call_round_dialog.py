"""Starting a call round: whom to call (all members, 24/7 contacts, those not verified lately,
those relevant to a situation type), an optional link to an open incident, and a title."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.network import call_rounds, call_targets
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.call_rounds import CallSelection
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text


@dataclass(frozen=True)
class RoundRequest:
    title: str
    selection: str
    situation_key: str | None
    incident_id: str | None


class NewCallRoundDialog(FormDialog):
    """Shows how many contacts the choice covers before the round is started; accepted when a
    round can be started, and the owner starts it from :meth:`request`."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("newCallRoundDialog", _("New call round"), parent)
        self.store = store
        self._count = 0
        self._title_edited = False
        self.choices = QButtonGroup(self)
        layout = QVBoxLayout()
        layout.addWidget(QLabel(_("Whom to call")))
        for number, selection in enumerate(CallSelection):
            button = QRadioButton(selection.label())
            button.setObjectName(f"callSelection_{selection.value}")
            self.choices.addButton(button, number)
            layout.addWidget(button)
        self.choices.button(0).setChecked(True)
        self.choices.idToggled.connect(lambda _id, on: self._update() if on else None)
        self.situation = QComboBox()
        self.situation.setObjectName("callSituation")
        for entry in catalogues.situation_types(store):
            self.situation.addItem(entry.name(current_language()), entry.key)
        self.situation.currentIndexChanged.connect(lambda _i: self._update())
        self.incident = QComboBox()
        self.incident.setObjectName("callIncident")
        self.incident.addItem(_("(not linked to an incident)"), None)
        for incident_id, title in call_rounds.open_incidents(store):
            self.incident.addItem(title, incident_id)
        self.incident.currentIndexChanged.connect(lambda _i: self._update())
        self.title = QLineEdit()
        limit_text(self.title, "title")
        self.title.setObjectName("callTitle")
        self.title.textEdited.connect(lambda _t: setattr(self, "_title_edited", True))
        self.count = QLabel()
        self.count.setObjectName("callCount")
        # Two different things that Finnish would both call "häiriötilanne": the kind of
        # disruption, and the incident under way the round belongs to.
        self.form.addRow(_("Kind of disruption"), self.situation)
        self.form.addRow(_("For the incident"), self.incident)
        self.form.addRow(_("Title"), self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.count)
        self.submitted.connect(lambda _dialog: self.start())
        self.finish_layout(self.sizeHint().width(), _("Start the round"), content=layout)
        self._update()

    def selection(self) -> str:
        return list(CallSelection)[self.choices.checkedId()].value

    def choose(self, selection: str) -> None:
        """Pick a selection (as clicking its button does)."""
        self.choices.button([s.value for s in CallSelection].index(selection)).setChecked(True)

    def _update(self) -> None:
        selection = self.selection()
        by_situation = selection == CallSelection.SITUATION
        self.situation.setEnabled(by_situation)
        situation = self.situation.currentData() if by_situation else None
        if not self._title_edited:
            self.title.setText(
                call_rounds.default_title(
                    selection, self.situation.currentText() if by_situation else ""
                )
            )
        try:
            targets = call_targets.select_targets(
                self.store, selection, situation, urgent=self.incident.currentData() is not None
            )
        except VerkostoError as error:
            self._count = 0
            self.count.setText(str(error))
            return
        self._count = len(targets)
        actors = len({t.actor_id for t in targets})
        self.count.setText(
            _("{contacts} contacts of {actors} actors will be called.").format(
                contacts=len(targets), actors=actors
            )
        )

    def request(self) -> RoundRequest:
        """What the user chose (read after the dialog was accepted)."""
        selection = self.selection()
        situation = self.situation.currentData() if selection == CallSelection.SITUATION else None
        return RoundRequest(self.title.text(), selection, situation, self.incident.currentData())

    def start(self) -> None:
        """Accept when a round can be started; the caller starts it (in the background, since a
        round over a large register writes thousands of rows)."""
        if not self.title.text().strip():
            self.error.show_error(_("Give the call round a title"))
            self.title.setFocus()
            return
        if self._count == 0:
            self.error.show_error(_("Nobody to call with this choice"))
            return
        self.accept()
