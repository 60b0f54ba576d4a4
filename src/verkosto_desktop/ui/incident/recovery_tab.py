"""Recovery: targeted activities that strengthen recovery (a club, an event, a one-off or a new
permanent activity), planned in the recovery phase as activities linked to the incident."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.incident import recovery as recovery
from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.domain.enums import ActivityKind, IncidentPhase
from verkosto_desktop.domain.timefmt import format_short
from verkosto_desktop.domain.writes import ActivityFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.column_floor import keep_column_readable
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.incident.actor_combo import ActorCombo
from verkosto_desktop.ui.incident.common import datetime_edit, edit_time


class RecoveryActivityDialog(FormDialog):
    """What, when and who of a recovery activity; ``submitted(dialog)`` on OK."""

    def __init__(self, actors: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__("recoveryDialog", _("Plan a recovery activity"), parent)
        self.title = QLineEdit()
        limit_text(self.title, "title")
        self.title.setObjectName("recoveryTitle")
        self.kind = QComboBox()
        self.kind.setObjectName("recoveryKind")
        for key in recovery.RECOVERY_KINDS:
            self.kind.addItem(ActivityKind(key).label(), key)
        self.one_off = QRadioButton(_("One-off"))
        self.one_off.setObjectName("recoveryOneOff")
        self.one_off.setChecked(True)
        self.permanent = QRadioButton(_("New permanent activity"))
        self.permanent.setObjectName("recoveryPermanent")
        self.starts_at = datetime_edit(datetime.now(UTC) + timedelta(days=7))
        self.starts_at.setObjectName("recoveryStarts")
        self.organiser = ActorCombo(actors, none_label=_("(not decided)"))
        self.organiser.setObjectName("recoveryOrganiser")
        self.place = QLineEdit()
        limit_text(self.place, "place")
        self.place.setObjectName("recoveryPlace")
        self.residents = QCheckBox(_("Residents take part in planning it"))
        self.residents.setObjectName("recoveryResidents")
        self.notes = QLineEdit()
        limit_text(self.notes, "notes")
        self.notes.setObjectName("recoveryNotes")
        how = QHBoxLayout()
        how.addWidget(self.one_off)
        how.addWidget(self.permanent)
        how.addStretch(1)
        form = self.form
        form.addRow(_("What"), self.title)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("How long"), how)
        form.addRow(_("Starts"), self.starts_at)
        form.addRow(_("Organiser"), self.organiser)
        form.addRow(_("Place"), self.place)
        form.addRow("", self.residents)
        form.addRow(_("Notes"), self.notes)
        self.finish_layout(560)

    def values(self) -> ActivityFields:
        return {
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "permanent": self.permanent.isChecked(),
            "starts_at": edit_time(self.starts_at),
            "organiser_id": self.organiser.actor_id(),
            "place": self.place.text(),
            "residents_involved": self.residents.isChecked(),
            "notes": self.notes.text(),
        }


class RecoveryTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._incident: IncidentDetail | None = None
        self.explanation = QLabel()
        self.explanation.setObjectName("recoveryExplanation")
        self.explanation.setWordWrap(True)
        self.new = QPushButton(_("Plan a recovery activity…"))
        self.new.setObjectName("newRecoveryActivity")
        self.new.clicked.connect(self._new)
        self.model = QStandardItemModel()
        self.table = QTableView()
        self.table.setObjectName("recoveryTable")
        self.table.setAccessibleName(_("Recovery"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        keep_column_readable(self.table, 1)  # the activity
        top = QHBoxLayout()
        top.addWidget(self.explanation, 1)
        top.addWidget(self.new)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_incident(self, incident: IncidentDetail | None) -> None:
        self._incident = incident
        self.refresh()

    def refresh(self) -> None:
        incident = self._incident
        phase = incident.phase if incident else None
        self.new.setEnabled(phase == IncidentPhase.RECOVERY)
        if phase == IncidentPhase.RESPONSE:
            self.explanation.setText(
                _("Recovery activities are planned once the incident has moved to recovery.")
            )
        elif phase == IncidentPhase.RECOVERY:
            self.explanation.setText(
                _(
                    "Targeted activities that strengthen recovery: a club, an event, a one-off "
                    "or a new permanent activity. Who needs help is at the centre."
                )
            )
        else:
            self.explanation.setText("")
        rows = recovery.recovery_activities(self.context.store, incident.id) if incident else []
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [_("Starts"), _("Activity"), _("Kind"), _("How long"), _("Organiser"), _("Place")]
        )
        for row in rows:
            self.model.appendRow(
                [
                    QStandardItem(format_short(row.starts_at)),
                    QStandardItem(row.title),
                    QStandardItem(ActivityKind(row.kind).label()),
                    QStandardItem(_("New permanent activity") if row.permanent else _("One-off")),
                    QStandardItem(row.organiser or "—"),
                    QStandardItem(row.place),
                ]
            )
        for column, width in ((0, 130), (2, 190), (3, 180), (4, 220), (5, 160)):
            self.table.setColumnWidth(column, width)

    def _new(self) -> None:
        dialog = RecoveryActivityDialog(actor_names(self.context.store), self)
        dialog.submitted.connect(self._save)
        dialog.open()

    def _save(self, dialog: RecoveryActivityDialog) -> None:
        if self._incident is None:
            return
        incident_id = self._incident.id
        dialog.save(
            lambda: recovery.plan_recovery_activity(
                self.context.store, incident_id, dialog.values()
            )
        )
