"""What travels between laptops: the records, their fields, their link sets, and how values are
written in the change log (JSON) and read back.

Every record of a kind listed here travels. Its fields are its columns except bookkeeping
(``updated_at``, ``updated_by``, ``revision``, which each file keeps for itself) and derived
columns (``name_key``, recomputed from the name). Link tables (a capability's phases, an
activity's attendance …) travel as one field per element (``phases:response`` = true/false), so
that two laptops adding different elements never conflict. The status log of a task travels the
same way, each entry an element that is never removed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Column, Date, Table

from verkosto_desktop.data.models import (
    ActionItem,
    ActionStatusChange,
    Activity,
    ActivityAttendance,
    Actor,
    CallRound,
    CallRoundEntry,
    Capability,
    CapabilityCategory,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
    Facility,
    FoundingStep,
    Incident,
    IncidentLogEntry,
    IncidentSituation,
    MembershipChange,
    NetworkInfo,
    SituationType,
    SurveyAnswer,
    Tracked,
)
from verkosto_desktop.data.models.types import JSONText, UTCDateTime
from verkosto_desktop.data.storage.store import ChangeKind
from verkosto_desktop.domain.merge_rules import SNAPSHOT

BOOKKEEPING = frozenset({"updated_at", "updated_by", "revision", "created_at"})
DERIVED = frozenset({"name_key"})
ELEMENT_SEPARATOR = ":"


@dataclass(frozen=True)
class LinkSpec:
    """A set of link rows owned by a record, travelling one element at a time."""

    name: str  # the virtual field: "phases"
    model: type[Any]
    parent_column: str
    key_columns: tuple[str, ...]
    # The relationship on the owner holding the rows (None: rows are added on their own).
    relationship: str | None = None
    # Columns carried with an element (a status change's author); such elements are a log.
    payload_columns: tuple[str, ...] = ()
    conflicts: bool = True

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[no-any-return]

    def element_key(self, row: Any) -> str:
        """The element's key text from a link row (an object or a mapping)."""
        get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name)
        return "|".join(str(encode(get(name))) for name in self.key_columns)

    def element_value(self, row: Any) -> Any:
        """What an element present holds: True, or its payload."""
        if not self.payload_columns:
            return True
        get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name)
        return {name: encode(get(name)) for name in self.payload_columns}

    def field_name(self, element: str) -> str:
        return f"{self.name}{ELEMENT_SEPARATOR}{element}"

    def row_values(self, parent_id: str, element: str, value: Any) -> dict[str, Any]:
        """The column values of the link row for ``element`` (present with ``value``)."""
        keys = self._key_decoders
        parts = element.split("|") if len(keys) > 1 else (element,)
        row: dict[str, Any] = {self.parent_column: parent_id}
        for (name, convert), part in zip(keys, parts, strict=True):
            row[name] = part if convert is None else convert(part)
        if isinstance(value, Mapping):
            for name in self.payload_columns:
                row[name] = decode(self.table.c[name], value.get(name))
        return row

    @functools.cached_property
    def _key_decoders(self) -> tuple[tuple[str, Any], ...]:
        # (column, its decoder or None) of the key columns: a first sync makes some 200,000
        # link rows, and looking the column types up for each was a tenth of its time.
        return tuple((name, decoder(self.table.c[name])) for name in self.key_columns)

    @functools.cached_property
    def references(self) -> tuple[tuple[str, str], ...]:
        """(column, referenced table) of the link table's foreign keys besides the owner's."""
        return tuple(
            (column.key, fk.column.table.name)
            for column in self.table.columns
            if column.key != self.parent_column
            for fk in column.foreign_keys
        )


@dataclass(frozen=True)
class EntitySpec:
    """A kind of record that travels."""

    name: str
    model: type[Tracked]
    fields: tuple[str, ...]
    links: tuple[LinkSpec, ...] = ()
    # Append-only kinds (log entries, survey answers, call results) never conflict: the later
    # change wins and the other stays in the change log and history.
    conflicts: bool = True
    # Rows the database refuses to change (the incident log): received once, never rewritten.
    immutable: bool = False

    @property
    def table(self) -> Table:
        return cast(Table, self.model.__table__)

    @property
    def key(self) -> str:
        return "key" if "key" in self.table.c and self.table.c["key"].primary_key else "id"

    @property
    def timed(self) -> frozenset[str]:
        """The fields holding dates or times (written as ISO text in the change log)."""
        return _timed(self.table)

    def link(self, name: str) -> LinkSpec | None:
        for link in self.links:
            if link.name == name:
                return link
        return None

    def has_name_key(self) -> bool:
        return "name_key" in self.table.c


@functools.cache
def _timed(table: Table) -> frozenset[str]:
    return frozenset(c.key for c in table.columns if isinstance(c.type, UTCDateTime | Date))


def _fields(model: type[Tracked], key: str = "id") -> tuple[str, ...]:
    table = cast(Table, model.__table__)
    return tuple(
        c.key for c in table.columns if c.key not in BOOKKEEPING | DERIVED and c.key != key
    )


def _spec(model: type[Tracked], links: tuple[LinkSpec, ...] = (), **kw: Any) -> EntitySpec:
    table = cast(Table, model.__table__)
    key = "key" if "key" in table.c and table.c["key"].primary_key else "id"
    return EntitySpec(table.name, model, _fields(model, key), links, **kw)


_SITUATIONS = LinkSpec(
    "situations", CapabilitySituation, "capability_id", ("situation_key",), "situation_links"
)

# In the order records are written: a record's owners and catalogue entries come before it.
ENTITIES: tuple[EntitySpec, ...] = (
    _spec(SituationType),
    _spec(CapabilityCategory),
    _spec(NetworkInfo),
    _spec(FoundingStep),
    _spec(Actor),
    _spec(Contact),
    _spec(Facility),
    _spec(
        Capability,
        (
            LinkSpec("phases", CapabilityPhase, "capability_id", ("phase",), "phase_links"),
            _SITUATIONS,
        ),
    ),
    _spec(
        Incident,
        (
            LinkSpec(
                "situations",
                IncidentSituation,
                "incident_id",
                ("situation_key",),
                "situation_links",
            ),
        ),
    ),
    _spec(IncidentLogEntry, conflicts=False, immutable=True),
    _spec(MembershipChange, conflicts=False),
    _spec(SurveyAnswer, conflicts=False),
    _spec(
        Activity,
        (
            LinkSpec(
                "attendees",
                ActivityAttendance,
                "activity_id",
                ("actor_id",),
                "attendance",
                conflicts=False,
            ),
        ),
    ),
    _spec(
        ActionItem,
        (
            LinkSpec(
                "status_changes",
                ActionStatusChange,
                "action_item_id",
                ("changed_at", "status"),
                payload_columns=("changed_by",),
                conflicts=False,
            ),
        ),
    ),
    _spec(CallRound),
    _spec(CallRoundEntry, conflicts=False),
)
BY_NAME: dict[str, EntitySpec] = {spec.name: spec for spec in ENTITIES}
BY_MODEL: dict[type[Any], EntitySpec] = {spec.model: spec for spec in ENTITIES}
# Link rows added on their own (not through the owner's relationship): model → (owner, link).
LOOSE_LINKS: dict[type[Any], tuple[EntitySpec, LinkSpec]] = {
    link.model: (spec, link)
    for spec in ENTITIES
    for link in spec.links
    if link.relationship is None
}


def change_kind(spec: EntitySpec) -> ChangeKind:
    """The kind of change the window is told about when records of ``spec`` change (an
    actor's membership changes are the actor's)."""
    if spec.name in ("situation_type", "capability_category"):
        return ChangeKind.CATALOGUE
    if spec.name == "membership_change":
        return ChangeKind.ACTOR
    return ChangeKind(spec.name)


def encode(value: Any) -> Any:
    """A column value as JSON-ready data (dates and times as ISO text, as history keeps them)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def decoder(column: Column[Any]) -> Any:
    """What ``decode`` does to a value of ``column`` that is not None (None: nothing)."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    return None


def decode(column: Column[Any], value: Any) -> Any:
    """A value read from the change log as the column's Python value."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, JSONText):
        return value
    return value


def split_field(spec: EntitySpec, name: str) -> tuple[LinkSpec | None, str]:
    """(link, element) for a link element's field name, (None, name) for a column."""
    if ELEMENT_SEPARATOR in name:
        link_name, element = name.split(ELEMENT_SEPARATOR, 1)
        return spec.link(link_name), element
    return None, name


def snapshot_field(spec: EntitySpec, value: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    """(present, value) of field ``name`` in a snapshot (a link element is False when absent)."""
    link, element = split_field(spec, name)
    if link is not None:
        return True, value.get(link.name, {}).get(element, False)
    if name in value:
        return True, value[name]
    return False, None


def field_names(spec: EntitySpec, snapshot: Mapping[str, Any]) -> set[str]:
    """Every field (columns and link elements) a snapshot speaks about."""
    names = {name for name in spec.fields if name in snapshot}
    for link in spec.links:
        names.update(link.field_name(e) for e in snapshot.get(link.name, {}))
    return names


__all__ = ["BY_MODEL", "BY_NAME", "ENTITIES", "SNAPSHOT", "EntitySpec", "LinkSpec"]
