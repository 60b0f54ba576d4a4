"""Adding a new actor as a candidate for the network: its name, kind and who proposed it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.details import ActorDetail
from verkosto_desktop.data.network import membership
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.enums import ActorKind
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.network.widgets import ActorPicker


class CandidateDialog(QDialog):
    def __init__(
        self,
        store: Store,
        actors: Sequence[tuple[str, str]],
        name: str = "",
        proposed_by: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("candidateDialog")
        self.setWindowTitle(_("Add a candidate"))
        self.store = store
        self.created: ActorDetail | None = None
        self.name = QLineEdit(name)
        limit_text(self.name, "name")
        self.name.setObjectName("candidateName")
        self.kind = QComboBox()
        for kind in ActorKind:
            self.kind.addItem(kind.label(), kind.value)
        self.proposer = ActorPicker(none_text=_("(nobody)"))
        self.proposer.set_actors(actors)
        self.proposer.set_actor(proposed_by)
        self.message = MessageLine()
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Proposed by"), self.proposer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def _add(self) -> None:
        try:
            self.created = membership.add_candidate(
                self.store, self.name.text(), self.kind.currentData(), self.proposer.actor_id()
            )
        except VerkostoError as error:
            self.message.show_error(str(error))
            return
        self.accept()
