"""An access request from request to file: a person's data as JSON or as a PDF, for the window
(Register → "Person's data…") and ``verkosto person`` alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verkosto_desktop.data.register.person_data import as_json, people_data
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.export.person_report import write_person_report
from verkosto_desktop.export.template import write_bytes_atomically
from verkosto_desktop.printouts.render import letterhead

FORMATS = ("json", "pdf")


def gather(store: Store, name: str) -> dict[str, Any]:
    """Everything the file holds about the people matching ``name``."""
    return people_data(store, name)


def write_person_data(store: Store, data: dict[str, Any], path: Path, form: str) -> Path:
    """Write ``data`` (from :func:`gather`) to ``path`` as ``json`` or ``pdf``, all or
    nothing and readable by its owner only."""
    if form == "json":
        write_bytes_atomically(path, (as_json(data) + "\n").encode("utf-8"))
        return path
    return write_person_report(letterhead(store), data, path)
