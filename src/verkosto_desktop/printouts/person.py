"""An access request from request to file: a person's data as JSON or as a PDF, for the window
(Register → "Person's data…") and ``verkosto person`` alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.register.person_data import as_json, people_data
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.enums import ActivityKind, CallResult, LogKind
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
    return write_person_report(letterhead(store), readable(store, data), path)


def readable(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the stored keys a reader cannot know (capability categories, kinds of log
    entries and activities, call results) given as their names in the current language; the
    JSON form keeps the keys, as the file holds them."""
    categories = names_by_key(catalogues.capability_categories(store))
    named: dict[str, dict[str, Callable[[str], str]]] = {
        "contact_person_for_capabilities": {"category": lambda k: categories.get(k, k)},
        "call_round_results": {"result": CallResult.label_of},
        "log_entries": {"kind": LogKind.label_of},
        "meetings_and_activities_naming_them": {"kind": ActivityKind.label_of},
        "meetings_and_activities_of_their_organisation": {"kind": ActivityKind.label_of},
    }

    def rows(section: str, items: Any) -> Any:
        fields = named.get(section)
        if not fields or not isinstance(items, list):
            return items
        return [
            {k: fields[k](v) if k in fields and isinstance(v, str) else v for k, v in row.items()}
            for row in items
        ]

    people = [
        {section: rows(section, items) for section, items in person.items()}
        for person in data.get("people", [])
    ]
    return {**data, "people": people}
