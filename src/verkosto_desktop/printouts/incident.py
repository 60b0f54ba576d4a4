"""The incident section's document: the after-action report of an incident (the report so far
while it is open). The incident section's button and ``verkosto export incident`` both call
:func:`save_incident_report`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from verkosto_desktop.data.incident.after_action import IncidentReport, incident_report
from verkosto_desktop.data.incident.incidents import resolve_incident_id
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.export.incident_report import write_incident_report
from verkosto_desktop.printouts.shared import SharedView


def shared_incident_report(store: Store, incident_id: str) -> IncidentReport:
    """The after-action report of an incident as it may be shared (``domain.consent``): the
    people who did not agree to be named for authorities are taken out of every text, and the
    report says how many were left out. Every way of printing the report uses it."""
    shared = SharedView.of(store)
    report = shared.value(incident_report(store, incident_id))
    return replace(report, left_out=len(shared.left_out))


def save_incident_report(
    store: Store, incident: str | None, path: Path, progress: Progress | None = None
) -> Path:
    """Write the after-action report of ``incident`` (an id, a unique beginning of one, or None
    for the newest incident) to ``path``, all or nothing; ``NotFound`` when there is no such
    incident, ``ExportFailed`` when the file cannot be written, ``Cancelled`` on a cancel."""
    report = shared_incident_report(store, resolve_incident_id(store, incident))
    return write_incident_report(report, path, progress=progress)
