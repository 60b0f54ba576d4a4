"""The incident section's document: the after-action report of an incident (the report so far
while it is open). The incident section's button and ``verkosto export incident`` both call
:func:`save_incident_report`."""

from __future__ import annotations

from pathlib import Path

from verkosto_desktop.data.incident.after_action import incident_report
from verkosto_desktop.data.incident.incidents import resolve_incident_id
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.export.incident_report import write_incident_report


def save_incident_report(
    store: Store, incident: str | None, path: Path, progress: Progress | None = None
) -> Path:
    """Write the after-action report of ``incident`` (an id, a unique beginning of one, or None
    for the newest incident) to ``path``, all or nothing; ``NotFound`` when there is no such
    incident, ``ExportFailed`` when the file cannot be written, ``Cancelled`` on a cancel."""
    report = incident_report(store, resolve_incident_id(store, incident))
    return write_incident_report(report, path, progress=progress)
