"""From a table and its mapping to what would come in: actors, each with its contact people and
capabilities, read and checked row by row.

Rows naming the same actor (the same name, ignoring case, spacing and "ry") are one actor: a list
with one row per contact person gives one actor with several contacts. Within one actor, rows
naming the same person are one contact and rows of the same category are one capability. Every
problem is collected (not only the first), so that the user sees them all at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from verkosto_desktop.data.exchange.cells import (
    Cell,
    RowReader,
    Vocabulary,
    cells_by_target,
    is_mobile,
)
from verkosto_desktop.data.exchange.mapping import OFFERS, Mapping, field_label, target
from verkosto_desktop.data.exchange.results import shown
from verkosto_desktop.data.exchange.table import Problem, Table
from verkosto_desktop.data.models import Actor, Capability, Contact
from verkosto_desktop.domain.cell_values import cell_text, join_name
from verkosto_desktop.domain.matching import actor_key, email_key, person_key
from verkosto_desktop.i18n import _

_MODELS = {"actor": Actor, "contact": Contact, "capability": Capability}
# Targets several columns may fill together: names joined, long texts one per line.
_JOINED = {"actor.name": ", "}
_CAPABILITY_FIELDS = ("description", "capacity", "capacity_unit", "activation_minutes")


@dataclass(slots=True)
class IncomingContact:
    rows: list[int]
    fields: dict[str, Any]
    name_key: str
    phones: list[str] = field(default_factory=list)
    email_key: str = ""


@dataclass(slots=True)
class IncomingCapability:
    rows: list[int]
    category_key: str
    fields: dict[str, Any]
    phases: set[str] = field(default_factory=set)
    situations: set[str] = field(default_factory=set)


@dataclass(slots=True)
class IncomingActor:
    key: str
    rows: list[int]
    fields: dict[str, Any]
    contacts: list[IncomingContact] = field(default_factory=list)
    capabilities: list[IncomingCapability] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))


@dataclass
class Gathered:
    """What a table would bring in, and what is wrong with it."""

    actors: list[IncomingActor]
    rows: int
    problems: list[Problem]
    warnings: list[Problem]
    # (target, word) → rows using a word nobody knows (a kind, a category …)
    unknown: dict[tuple[str, str], list[int]]


@lru_cache(maxsize=256)
def _length_limit(record: str, name: str) -> int | None:
    column = _MODELS[record].__table__.columns.get(name)
    return getattr(column.type, "length", None) if column is not None else None


class _RecordValues:
    """The values one row gives one record (actor, contact or capability)."""

    def __init__(self, reader: RowReader, record: str) -> None:
        self.reader = reader
        self.record = record
        self.values: dict[str, Any] = {}
        self.overflow: list[str] = []

    def read(self, key: str, cells: list[Cell]) -> None:
        reads = target(key).reads
        name = key.split(".", 1)[1]
        reader = self.reader
        if reads in ("text", "long"):
            texts = [(h, cell_text(v)) for h, v in cells if cell_text(v)]
            if reads == "long":
                self._set(name, "\n".join(t for _h, t in texts), cells)
            elif key in _JOINED:
                self._set(name, _JOINED[key].join(t for _h, t in texts), cells)
            elif texts:
                self._set(name, texts[0][1], cells)
                self.overflow.extend(f"{h}: {t}" for h, t in texts[1:])
        elif reads == "email":
            found = reader.emails(cells)
            if found:
                self.values[name] = found[0][1]
                self.overflow.extend(f"{h}: {e}" for h, e in found[1:])
        elif reads == "phone":
            found = reader.phones(cells)
            if name == "phone" and self.record == "contact":
                for header, number in found:
                    slot = "mobile" if is_mobile(number) else "landline"
                    if slot not in self.values:
                        self.values[slot] = number
                    else:
                        self.overflow.append(f"{header}: {number}")
            elif found:
                if name in self.values:
                    self.overflow.extend(f"{h}: {n}" for h, n in found)
                else:
                    self.values[name] = found[0][1]
                    self.overflow.extend(f"{h}: {n}" for h, n in found[1:])
        elif reads == "yes":
            value = reader.yes(cells)
            if value is not None:
                self.values[name] = value
        elif reads == "date":
            self._optional(name, reader.day(cells))
        elif reads == "consent":
            self._optional(name, reader.consent(cells))
        elif reads == "whole":
            self._optional(name, reader.whole(cells))
        elif reads in ("kind", "membership"):
            self._optional(name, reader.word(key, cells))

    def _optional(self, name: str, value: Any) -> None:
        if value is not None:
            self.values[name] = value

    def _set(self, name: str, text: str, cells: list[Cell]) -> None:
        if not text:
            return
        limit = _length_limit(self.record, name)
        if limit is not None and len(text) > limit:
            self.reader.problem(
                cells[0][0],
                _("The text is longer than {limit} characters.").format(limit=limit),
            )
            return
        self.values[name] = text

    def finish(self) -> dict[str, Any]:
        if self.overflow:
            notes = self.values.get("notes", "")
            self.values["notes"] = "\n".join(p for p in (notes, *self.overflow) if p)
        return self.values


def _contact_name(values: dict[str, Any]) -> str:
    name = values.pop("name", "")
    parts = [values.pop(part, "") for part in ("first_name", "middle_name", "last_name")]
    return name or join_name(*parts)


def _read_row(
    reader: RowReader, by_target: dict[str, list[Cell]]
) -> tuple[dict[str, Any], dict[str, Any], list[IncomingCapability]]:
    records = {name: _RecordValues(reader, name) for name in ("actor", "contact", "capability")}
    offers: list[str] = []
    for key, cells in by_target.items():
        if key.startswith(OFFERS):
            offered = reader.offered(cells, key)
            if offered:
                offers.append(offered)
        elif key in ("capability.category_key", "capability.phases", "capability.situations"):
            continue
        else:
            records[target(key).record].read(key, cells)
    actor = records["actor"].finish()
    contact = records["contact"].finish()
    capability = records["capability"].finish()
    categories = reader.keys(
        "capability.category_key", by_target.get("capability.category_key", [])
    )
    phases = set(reader.keys("capability.phases", by_target.get("capability.phases", [])))
    situations = set(
        reader.keys("capability.situations", by_target.get("capability.situations", []))
    )
    for key in offers:
        if key not in categories:
            categories.append(key)
    number = reader.number
    capabilities = [
        IncomingCapability([number], key, dict(capability), set(phases), set(situations))
        for key in categories
    ]
    given = bool(capability) or phases or situations
    if given and not categories and not reader.problems:
        first = next(
            (cells[0][0] for key, cells in by_target.items() if key.startswith("capability.")),
            None,
        )
        reader.problem(first, _("Capability details without a category: say what is offered."))
    return actor, contact, capabilities


def gather(table: Table, mapping: Mapping, vocabulary: Vocabulary) -> Gathered:
    """Everything the table's rows would bring in, grouped by actor; see the module."""
    # A problem the reader found in a column that is not imported does not stop the import.
    ignored = {header for header in table.headers if not mapping.columns.get(header)}
    problems = [p for p in table.problems if p.column is None or p.column not in ignored]
    warnings = [p for p in table.problems if p.column is not None and p.column in ignored]
    warnings.extend(table.warnings)
    unknown: dict[tuple[str, str], list[int]] = {}
    actors: dict[str, IncomingActor] = {}
    name_headers = [h for h, t in mapping.columns.items() if t == "actor.name"]
    for row in table.rows:
        reader = RowReader(row.number, table.unit, vocabulary, [], warnings, unknown)
        by_target = cells_by_target(table.headers, row.cells, mapping)
        actor, contact, capabilities = _read_row(reader, by_target)
        contact_name = _contact_name(contact)
        name = actor.get("name", "")
        if not name:
            if contact_name or contact or capabilities or actor:
                reader.problem(
                    name_headers[0] if name_headers else None,
                    _(
                        "The row names no actor. Map a column to the actor's name, or choose "
                        "the actor these rows belong to."
                    ),
                )
            elif not reader.problems:
                reader.warn(None, _("Nothing to import on this row in the columns chosen."))
        elif contact and not contact_name:
            reader.problem(
                None, _("Contact details without the person's name: map the name column.")
            )
        problems.extend(reader.problems)
        if reader.problems or not name:
            continue
        _merge_row(actors, row.number, actor, contact_name, contact, capabilities, warnings)
    return Gathered(list(actors.values()), len(table.rows), problems, warnings, unknown)


def _merge_fields(
    into: dict[str, Any],
    values: dict[str, Any],
    row: int,
    warnings: list[Problem],
    what: str,
    record: str,
) -> None:
    for name, value in values.items():
        old = into.get(name)
        if record == "actor" and name == "name":
            continue  # the same name by its key, written another way ("ry" or not)
        if old in (None, "", False):
            into[name] = value
        elif name == "notes" and value and value not in old:
            into[name] = f"{old}\n{value}"
        elif old != value and value not in (None, "", False):
            warnings.append(
                Problem(
                    row,
                    None,
                    _(
                        "{what}: this row gives another {field} ({value}) than an earlier "
                        "row ({old}); the earlier is kept."
                    ).format(
                        what=what,
                        field=field_label(record, name),
                        value=shown(value),
                        old=shown(old),
                    ),
                )
            )


def _merge_row(
    actors: dict[str, IncomingActor],
    row: int,
    actor: dict[str, Any],
    contact_name: str,
    contact: dict[str, Any],
    capabilities: list[IncomingCapability],
    warnings: list[Problem],
) -> None:
    key = actor_key(actor["name"])
    incoming = actors.get(key)
    if incoming is None:
        incoming = actors[key] = IncomingActor(key, [row], dict(actor))
    else:
        incoming.rows.append(row)
        _merge_fields(incoming.fields, actor, row, warnings, incoming.name, "actor")
    if contact_name:
        contact["name"] = contact_name
        name_key = person_key(contact_name)
        same = next((c for c in incoming.contacts if c.name_key == name_key), None)
        if same is None:
            same = IncomingContact([row], dict(contact), name_key)
            incoming.contacts.append(same)
        else:
            same.rows.append(row)
            _merge_fields(same.fields, contact, row, warnings, contact_name, "contact")
        same.phones = [p for p in (same.fields.get("mobile"), same.fields.get("landline")) if p]
        same.email_key = email_key(same.fields.get("email"))
    for capability in capabilities:
        same_cap = next(
            (c for c in incoming.capabilities if c.category_key == capability.category_key), None
        )
        if same_cap is None:
            incoming.capabilities.append(capability)
        else:
            same_cap.rows.append(row)
            same_cap.phases |= capability.phases
            same_cap.situations |= capability.situations
            _merge_fields(
                same_cap.fields, capability.fields, row, warnings, incoming.name, "capability"
            )
