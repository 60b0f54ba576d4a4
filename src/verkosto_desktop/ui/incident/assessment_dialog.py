"""The situation assessment form: who assessed, the area and people affected, the state of power,
water, telecom, roads and heating, and the needs. A new assessment starts from the latest one,
so only what has changed needs typing; the same form corrects an assessment."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from verkosto_desktop.domain.incidents import ASSESSMENT_FIELDS
from verkosto_desktop.domain.timefmt import format_short
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.incident.actor_combo import ActorCombo
from verkosto_desktop.ui.incident.common import (
    datetime_edit,
    edit_time,
)


class AssessmentDialog(FormDialog):
    """``submitted(dialog)`` on OK; ``correcting`` is the id of the assessment being corrected."""

    def __init__(
        self,
        actors: list[tuple[str, str]],
        *,
        start_from: Mapping[str, Any] | None = None,
        start_time: datetime | None = None,
        summary: str = "",
        actor_id: str | None = None,
        happened_at: datetime | None = None,
        correcting: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Correct a situation assessment") if correcting else _("New situation assessment")
        super().__init__("assessmentDialog", title, parent)
        self.correcting = correcting
        self._fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = self.form
        if start_time is not None and not correcting:
            hint = QLabel(
                _("Filled in from the assessment of {time}: change what has changed.").format(
                    time=format_short(start_time)
                )
            )
            hint.setWordWrap(True)
            form.addRow(hint)
        self.happened_at = datetime_edit(happened_at)
        self.happened_at.setObjectName("assessmentTime")
        self._initial_time = edit_time(self.happened_at)
        form.addRow(_("Time of the assessment"), self.happened_at)
        self.actor = ActorCombo(actors, none_label=_("(no actor)"))
        self.actor.setObjectName("assessmentActor")
        self.actor.set_actor(actor_id)
        form.addRow(_("Organisation"), self.actor)
        values = start_from or {}
        for field in ASSESSMENT_FIELDS:
            editor: QLineEdit | QPlainTextEdit
            if field.multiline:
                editor = QPlainTextEdit(str(values.get(field.key) or ""))
                limit_text(editor, "note")
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(70)
            else:
                editor = QLineEdit(str(values.get(field.key) or ""))
                limit_text(editor, "note")
            editor.setObjectName(f"assessment_{field.key}")
            self._fields[field.key] = editor
            form.addRow(field.label(), editor)
        self.summary = QLineEdit(summary)
        limit_text(self.summary, "text")
        self.summary.setObjectName("assessmentSummary")
        self.summary.setPlaceholderText(_("In one line: what is the situation now?"))
        form.addRow(_("Summary"), self.summary)
        self.finish_layout(
            620, _("Save the correction") if correcting else _("Save the assessment")
        )

    def field(self, key: str) -> QLineEdit | QPlainTextEdit:
        return self._fields[key]

    def details(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for key, editor in self._fields.items():
            result[key] = (
                editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            )
        return result

    def time(self) -> datetime | None:
        """The time entered, or None when left as it was (now for a new assessment, the
        original's exact time for a correction)."""
        moment = edit_time(self.happened_at)
        return None if moment == self._initial_time else moment
