"""Read-only view of one incident for the after-action report: everything in one consistent set
of frozen values, so the PDF can be built without touching the database (or on another thread)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.incident.incidents import IncidentDetail, get_incident
from verkosto_desktop.data.incident.log import LogEntryRow, log_entries
from verkosto_desktop.data.incident.meetings import MeetingRow, incident_meetings
from verkosto_desktop.data.incident.recovery import RecoveryActivityRow, recovery_activities
from verkosto_desktop.data.incident.tasks import TaskRow, incident_tasks
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.network.info import last_change_at, network_info
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.enums import LogKind


@dataclass(frozen=True)
class IncidentReport:
    """What the after-action report shows (the report so far while the incident is open)."""

    network_name: str
    incident: IncidentDetail
    situation_names: tuple[str, ...]
    log: tuple[LogEntryRow, ...]  # the whole journal, oldest first
    meetings: tuple[MeetingRow, ...]
    tasks: tuple[TaskRow, ...]
    recovery: tuple[RecoveryActivityRow, ...]
    generated_at: datetime
    data_changed_at: datetime | None = None  # the newest change in the file ("tiedot päivitetty")
    # Contact persons a shared copy leaves out (``printouts.shared``); None: nobody was.
    left_out: int | None = None

    @property
    def assessments(self) -> tuple[LogEntryRow, ...]:
        """The situation assessments, oldest first."""
        return tuple(entry for entry in self.log if entry.kind == LogKind.ASSESSMENT)

    @property
    def is_final(self) -> bool:
        """The incident is closed: this is the after-action report, not a report so far."""
        return not self.incident.is_open


def incident_report(store: Store, incident_id: str) -> IncidentReport:
    """Gather the after-action report of an incident (``NotFound`` if it does not exist)."""
    incident = get_incident(store, incident_id)
    names = names_by_key(catalogues.situation_types(store))
    return IncidentReport(
        network_name=network_info(store).name,
        incident=incident,
        situation_names=tuple(names.get(key, key) for key in incident.situations),
        log=tuple(log_entries(store, incident_id, newest_first=False)),
        meetings=tuple(incident_meetings(store, incident_id)),
        tasks=tuple(incident_tasks(store, incident_id)),
        recovery=tuple(recovery_activities(store, incident_id)),
        generated_at=utcnow(),
        data_changed_at=last_change_at(store),
    )
