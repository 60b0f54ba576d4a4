"""What an import is asked to do, and what it did (or, in a test run, would do): the plan, the
counts, one line per record changed, and the summary both the window and the command line show."""

from __future__ import annotations

from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from verkosto_desktop.data.exchange.mapping import Mapping
from verkosto_desktop.data.exchange.table import Problem, Table
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import N_, _, ngettext

COUNT_KEYS = (
    "rows",
    "actors_new",
    "actors_filled",
    "actors_updated",
    "actors_unchanged",
    "actors_skipped",
    "contacts_new",
    "contacts_filled",
    "contacts_updated",
    "capabilities_new",
    "capabilities_filled",
    "capabilities_updated",
    "review",
    "left_out",
    "problems",
)
ACTIONS_SHOWN = {
    "new": N_("new"),
    "filled": N_("blanks filled"),
    "updated": N_("updated"),
    "review": N_("differs: not changed"),
    "skipped": N_("skipped"),
    "left_out": N_("left out (erased on request)"),
}


@dataclass(frozen=True)
class ImportPlan:
    """A table, its mapping, and the user's decisions about duplicates (see
    ``duplicates.match_actors``); ``default_action`` for matches without a decision."""

    table: Table
    mapping: Mapping
    file_name: str
    decisions: MappingType[str, str] = field(default_factory=dict)
    default_action: str = "fill"


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One record an import changes (or leaves alone, and why), for the test run's list."""

    rows: tuple[int, ...]
    record: str  # "actor", "contact" or "capability"
    name: str
    action: str  # a key of ACTIONS_SHOWN
    details: str = ""


@dataclass(frozen=True)
class ImportResult:
    """What an import did (``dry_run``: what it would do; nothing was written)."""

    batch_id: str | None
    dry_run: bool
    file_name: str
    counts: dict[str, int]
    lines: tuple[ChangeLine, ...]
    warnings: tuple[Problem, ...]
    unit: str = "row"


class ImportProblems(VerkostoError):
    """The import found problems; nothing was written. ``problems`` names each with its row and
    column; ``unknown`` lists the words that need a meaning: (target, word) → rows."""

    def __init__(
        self, problems: list[Problem], unknown: dict[tuple[str, str], list[int]] | None = None
    ) -> None:
        count = len(problems)
        super().__init__(
            ngettext(
                "{count} problem in the file; nothing was imported.",
                "{count} problems in the file; nothing was imported.",
                count,
            ).format(count=count)
        )
        # In the order of the file: by row, problems of the whole file first.
        self.problems = sorted(problems, key=lambda p: p.row or 0)
        self.unknown = unknown or {}


def shown(value: Any) -> str:
    """A value as the duplicates page, the test run and warnings show it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def shown_field(name: str, value: Any) -> str:
    """A field's value as shown, with kinds and membership in words (``Yhdistys``)."""
    if name == "kind" and isinstance(value, str):
        return ActorKind.label_of(value)
    if name == "membership_status" and isinstance(value, str):
        return MembershipStatus.label_of(value)
    return shown(value)


def new_counts() -> dict[str, int]:
    return dict.fromkeys(COUNT_KEYS, 0)


def summary_lines(counts: MappingType[str, Any]) -> list[str]:
    """The result in a few lines (rows read; actors new, filled, updated, skipped; contacts;
    capabilities; values left for review): the same words in the window and on the command
    line."""

    def get(key: str) -> int:
        return int(counts.get(key, 0) or 0)

    lines = [
        ngettext("{count} row read", "{count} rows read", get("rows")).format(count=get("rows")),
        _(
            "Actors: {new} new, {filled} filled in, {updated} updated, {unchanged} unchanged, "
            "{skipped} skipped"
        ).format(
            new=get("actors_new"),
            filled=get("actors_filled"),
            updated=get("actors_updated"),
            unchanged=get("actors_unchanged"),
            skipped=get("actors_skipped"),
        ),
        _("Contact people: {new} new, {filled} filled in, {updated} updated").format(
            new=get("contacts_new"),
            filled=get("contacts_filled"),
            updated=get("contacts_updated"),
        ),
        _("Capabilities: {new} new, {filled} filled in, {updated} updated").format(
            new=get("capabilities_new"),
            filled=get("capabilities_filled"),
            updated=get("capabilities_updated"),
        ),
    ]
    if get("review"):
        lines.append(
            ngettext(
                "{count} value differs from the register and was not changed",
                "{count} values differ from the register and were not changed",
                get("review"),
            ).format(count=get("review"))
        )
    lines.append(
        ngettext("{count} problem", "{count} problems", get("problems")).format(
            count=get("problems")
        )
    )
    if get("left_out"):
        lines.append(
            ngettext(
                "{count} person erased on request was left out",
                "{count} people erased on request were left out",
                get("left_out"),
            ).format(count=get("left_out"))
        )
    return lines
