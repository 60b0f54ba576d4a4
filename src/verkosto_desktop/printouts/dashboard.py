"""The dashboard's document: the one-page readiness sheet ("Valmiustilanne"). The dashboard
prints the picture it shows; ``verkosto export readiness`` reads the same picture anew."""

from __future__ import annotations

from pathlib import Path

from verkosto_desktop.data.dashboard.readiness import ReadinessPicture, read_readiness
from verkosto_desktop.data.network.info import last_change_at
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.export.readiness_sheet import write_readiness_sheet
from verkosto_desktop.printouts.shared import SharedView


def save_readiness_sheet(
    store: Store,
    path: Path,
    phase: str = Phase.RESPONSE.value,
    picture: ReadinessPicture | None = None,
) -> Path:
    """Write the readiness sheet to ``path`` (all or nothing): of ``picture`` when given (what
    the dashboard shows), else of the register as it is now; ``phase`` chooses the phase of the
    capability grid."""
    if picture is None:
        picture = read_readiness(store)
    shared = SharedView.of(store)  # the sheet may lie on a table with authorities
    return write_readiness_sheet(
        shared.readiness(picture),
        path,
        phase=phase,
        data_changed_at=last_change_at(store),
        left_out=len(shared.left_out),
    )
