"""How sharing's figures and values read in the window: a merge summary line by line, a field's
name and a value in a conflict (the same words the history dialog uses)."""

from __future__ import annotations

import contextlib
from typing import Any

from verkosto_desktop.data.exchange.merge import MergeSummary
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.register.history_dialog import show_value
from verkosto_desktop.ui.register.labels import field_label

ELEMENT = ":"


def summary_labels() -> list[tuple[str, str]]:
    """(key, label) of a merge's figures, in the order shown."""
    return [
        ("new", _("New records")),
        ("changed", _("Changed records")),
        ("deleted", _("Moved to the trash")),
        ("erased", _("People erased")),
        ("conflicts", _("New conflicts to settle")),
        ("skewed", _("Changes from a clock more than a day ahead")),
        ("waiting", _("Records waiting for their organisation")),
    ]


def summary_rows(summary: MergeSummary) -> list[tuple[str, str, int]]:
    """(key, label, count) of a merge's figures (the same keys the command line prints)."""
    counts = summary.as_dict()
    return [(key, label, int(counts[key])) for key, label in summary_labels()]


def field_text(field: str) -> str:
    """A stored field (or a link element such as ``phases:response``) in words."""
    if ELEMENT in field:
        name, element = field.split(ELEMENT, 1)
        if name == "phases":
            with contextlib.suppress(ValueError):
                element = Phase(element).label()
        return f"{field_label(name)}: {element}"
    return field_label(field)


def value_text(field: str, value: Any) -> str:
    """A field's value in words; an empty value is a dash."""
    if ELEMENT in field:
        return _("included") if value not in (False, None) else _("not included")
    text = show_value(field, value)
    return text if text else "—"
