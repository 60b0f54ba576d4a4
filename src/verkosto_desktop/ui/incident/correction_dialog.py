"""Correcting a log entry: the original is shown as it was (it stays, struck through in the
log); the correction is a new entry with its own text, kind, time and actor."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from verkosto_desktop.data.incident.log import LogEntryRow
from verkosto_desktop.domain.incidents import MANUAL_LOG_KINDS
from verkosto_desktop.domain.timefmt import format_short
from verkosto_desktop.domain.writes import LogEntryFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.incident.actor_combo import ActorCombo
from verkosto_desktop.ui.incident.common import (
    datetime_edit,
    edit_time,
    strike,
)


class CorrectionDialog(FormDialog):
    """``submitted(dialog)`` when OK is pressed; the owner saves and then accepts the dialog
    (or shows the error in it)."""

    def __init__(
        self, entry: LogEntryRow, actors: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__("correctionDialog", _("Correct a log entry"), parent)
        self.entry = entry
        original = QLabel(entry.text)
        original.setObjectName("correctionOriginal")
        original.setWordWrap(True)
        original.setFont(strike(original.font()))
        self.kind = QComboBox()
        self.kind.setObjectName("correctionKind")
        for kind in MANUAL_LOG_KINDS:
            self.kind.addItem(kind.label(), kind.value)
        self.kind.setCurrentIndex(max(self.kind.findData(entry.kind), 0))
        self.happened_at = datetime_edit(entry.happened_at)
        self.happened_at.setObjectName("correctionHappenedAt")
        self.actor = ActorCombo(actors, none_label=_("(no actor)"))
        self.actor.set_actor(entry.actor_id)
        self.text = QLineEdit(entry.text)
        limit_text(self.text, "text")
        self.text.setObjectName("correctionText")
        self.text.selectAll()
        form = self.form
        form.addRow(_("Original ({time}):").format(time=format_short(entry.happened_at)), original)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Happened at"), self.happened_at)
        form.addRow(_("Actor"), self.actor)
        form.addRow(_("Corrected text"), self.text)
        self.finish_layout(560, _("Save the correction"))

    def values(self) -> LogEntryFields:
        values: LogEntryFields = {
            "kind": self.kind.currentData(),
            "actor_id": self.actor.actor_id(),
            "text": self.text.text(),
        }
        # The editor shows whole minutes: an untouched time keeps the original's exact moment.
        moment = edit_time(self.happened_at)
        if moment != self.entry.happened_at.replace(second=0, microsecond=0):
            values["happened_at"] = moment
        return values
