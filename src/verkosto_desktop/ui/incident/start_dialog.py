"""Starting an incident (and later changing its details): title, situation types, area, start
time (now unless changed) and who convened it — an actor of the register or any other name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from verkosto_desktop.data.incident.incidents import IncidentDetail
from verkosto_desktop.domain.writes import IncidentFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.incident.actor_combo import ActorCombo
from verkosto_desktop.ui.incident.common import datetime_edit, edit_time


class StartIncidentDialog(FormDialog):
    """``submitted(dialog)`` on OK; ``incident`` is set when changing an existing one."""

    def __init__(
        self,
        actors: list[tuple[str, str]],
        situations: dict[str, str],
        *,
        incident: IncidentDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Incident details") if incident else _("Start an incident")
        super().__init__("startIncidentDialog", title, parent)
        self.incident = incident
        self.title = QLineEdit(incident.title if incident else "")
        limit_text(self.title, "title")
        self.title.setObjectName("incidentTitleEdit")
        self.title.setPlaceholderText(_("e.g. Power outage in the village centre"))
        self.situations = QListWidget()
        self.situations.setObjectName("incidentSituations")
        chosen = set(incident.situations) if incident else set()
        for key, name in situations.items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.situations.addItem(item)
        self.situations.setMinimumHeight(150)
        self.area = QLineEdit(incident.area if incident else "")
        limit_text(self.area, "area")
        self.area.setObjectName("incidentArea")
        self.started_at = datetime_edit(incident.started_at if incident else None)
        self.started_at.setObjectName("incidentStart")
        # The start is in the log already (with the phase changes after it): it stays.
        self.started_at.setEnabled(incident is None)
        self.convener = ActorCombo(actors, none_label="", free_text=True)
        self.convener.setObjectName("incidentConvener")
        self.convener.lineEdit().setPlaceholderText(
            _("The Red Cross branch, the municipality, another actor…")
        )
        if incident is not None:
            if incident.convened_by_id:
                self.convener.set_actor(incident.convened_by_id)
            else:
                self.convener.setEditText(incident.convened_by)
        self.description = QPlainTextEdit(incident.description if incident else "")
        limit_text(self.description, "description")
        self.description.setObjectName("incidentDescription")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        form = self.form
        form.addRow(_("Title"), self.title)
        form.addRow(_("Situation types"), self.situations)
        form.addRow(_("Area"), self.area)
        form.addRow(_("Started"), self.started_at)
        form.addRow(_("Convened by"), self.convener)
        form.addRow(_("Description"), self.description)
        self.finish_layout(600, _("Save") if incident else _("Start the incident"))

    def check_situation(self, key: str, checked: bool = True) -> None:
        for row in range(self.situations.count()):
            item = self.situations.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_situations(self) -> list[str]:
        return [
            self.situations.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.situations.count())
            if self.situations.item(row).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> IncidentFields:
        actor_id = self.convener.actor_id()
        values: IncidentFields = {
            "title": self.title.text(),
            "situations": self.chosen_situations(),
            "area": self.area.text(),
            "convened_by_id": actor_id,
            "convened_by_text": "" if actor_id else self.convener.free_text(),
            "description": self.description.toPlainText(),
        }
        if self.incident is None:
            values["started_at"] = edit_time(self.started_at)
        return values
