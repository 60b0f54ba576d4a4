"""Adding a new actor as a candidate for the network: its name, kind and who proposed it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from verkosto_desktop.domain.enums import ActorKind
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.network.widgets import ActorPicker


class CandidateDialog(FormDialog):
    """A candidate's name, kind and proposer; ``submitted(dialog)`` on OK, and the owner adds
    the candidate."""

    def __init__(
        self,
        actors: Sequence[tuple[str, str]],
        name: str = "",
        proposed_by: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("candidateDialog", _("Add a candidate"), parent)
        self.name = QLineEdit(name)
        limit_text(self.name, "name")
        self.name.setObjectName("candidateName")
        self.kind = QComboBox()
        for kind in ActorKind:
            self.kind.addItem(kind.label(), kind.value)
        self.proposer = ActorPicker(none_text=_("(nobody)"))
        self.proposer.set_actors(actors)
        self.proposer.set_actor(proposed_by)
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("Proposed by"), self.proposer)
        self.finish_layout(460)
