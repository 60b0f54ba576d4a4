"""The parts of an erasure (``privacy.erase_person`` runs them in one transaction, in order):

1. :func:`identify` — who is erased: every name the person has had (the contact row and its
   past versions), their e-mail addresses and phone numbers, read before anything is removed.
2. :func:`remove_register_rows` — the contact row, its past versions and the call-round
   entries about them go; capabilities and premises that named them as their person stay, with
   nobody named.
3. :func:`scrub_free_text` — wherever else a text names them (the incident log's author,
   recorder and text, a meeting's attendance notes and decisions, call-round notes, survey
   answers, notes anywhere, and the past versions of those records) the name, e-mail address
   and phone numbers become a neutral placeholder. The log is append-only except for exactly
   this change (see ``schema_extras``): each changed entry records when an erasure touched it,
   not who was erased.

A later step may use the :class:`PersonIdentity` as well (for instance to keep a one-way hash of
the numbers, so that an import does not bring the person back).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Column, String, Table, Text, delete, func, or_, select, update
from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import is_postgresql
from verkosto_desktop.data.models import (
    Base,
    CallRoundEntry,
    Capability,
    Contact,
    Facility,
    History,
)
from verkosto_desktop.data.models.types import JSONText
from verkosto_desktop.domain.mentions import Mentions

MENTIONS_FUNCTION = "verkosto_names_person"
MENTIONS_JSON_FUNCTION = "verkosto_names_person_json"

# Tables an erasure leaves as they are: the erasure records themselves (ids and one-way hashes
# only) and the search documents (rebuilt from the records afterwards).
SKIPPED_TABLES = frozenset({"erasure", "erased_identifier", "search_doc", "alembic_version"})
# Columns that hold codes, keys or ids, never words a person wrote.
CODE_COLUMNS = frozenset(
    {
        "kind",
        "status",
        "phase",
        "key",
        "result",
        "selection",
        "membership_status",
        "entity",
        "record_id",
        "question_key",
        "category_key",
        "situation_key",
        "name_key",
    }
)
# What identifies another record: another person who happens to share the name is not the
# one erased, and an organisation's own number is its own.
IDENTITY_COLUMNS = frozenset(
    {
        ("contact", "name"),
        ("contact", "mobile"),
        ("contact", "landline"),
        ("contact", "email"),
        ("actor", "name"),
        ("actor", "phone"),
        ("actor", "email"),
        ("facility", "name"),
        ("situation_type", "name_fi"),
        ("situation_type", "name_sv"),
        ("situation_type", "name_en"),
        ("capability_category", "name_fi"),
        ("capability_category", "name_sv"),
        ("capability_category", "name_en"),
    }
)
# Tables whose rows belong to an actor: changed, that actor's search document is rewritten.
_ACTOR_OF = {"actor": "id", "contact": "actor_id", "capability": "actor_id", "facility": "actor_id"}


@dataclass(frozen=True)
class PersonIdentity:
    """Everything that identifies the person being erased, read before anything is removed."""

    contact_ids: tuple[str, ...]
    names: frozenset[str]
    emails: frozenset[str]
    phones: frozenset[str]

    def mentions(self) -> Mentions:
        return Mentions(self.names, self.emails, self.phones)


@dataclass
class ErasureReport:
    """What an erasure changed besides removing the person's own rows."""

    log_entries: int = 0
    other_records: int = 0
    past_versions: int = 0
    log_entry_ids: set[str] = field(default_factory=set)


def identify(session: Session, contact_ids: Iterable[str]) -> PersonIdentity:
    """The names, e-mail addresses and phone numbers ``contact_ids`` have had."""
    ids = tuple(contact_ids)
    names: set[str] = set()
    emails: set[str] = set()
    phones: set[str] = set()

    def take(name: Any, email: Any, *numbers: Any) -> None:
        if isinstance(name, str) and name.strip():
            names.add(name)
        if isinstance(email, str) and email.strip():
            emails.add(email)
        phones.update(n for n in numbers if isinstance(n, str) and n.strip())

    for row in session.execute(
        select(Contact.name, Contact.email, Contact.mobile, Contact.landline).where(
            Contact.id.in_(ids)
        )
    ):
        take(*row)
    for (data,) in session.execute(
        select(History.data).where(History.entity == "contact", History.record_id.in_(ids))
    ):
        if isinstance(data, dict):
            take(data.get("name"), data.get("email"), data.get("mobile"), data.get("landline"))
    return PersonIdentity(ids, frozenset(names), frozenset(emails), frozenset(phones))


def remove_register_rows(session: Session, contact_ids: list[str]) -> set[str]:
    """Step 2; returns the ids of the actors the people belonged to."""
    actor_ids = set(session.scalars(select(Contact.actor_id).where(Contact.id.in_(contact_ids))))
    session.execute(
        update(Capability).where(Capability.contact_id.in_(contact_ids)).values(contact_id=None)
    )
    session.execute(
        update(Facility).where(Facility.key_holder_id.in_(contact_ids)).values(key_holder_id=None)
    )
    session.execute(delete(CallRoundEntry).where(CallRoundEntry.contact_id.in_(contact_ids)))
    session.execute(
        delete(History).where(History.entity == "contact", History.record_id.in_(contact_ids))
    )
    session.execute(delete(Contact).where(Contact.id.in_(contact_ids)))
    return actor_ids


def is_free_text(table: Table, column: Column[Any]) -> bool:
    """True for a column a person writes words into (see the module's lists of exceptions)."""
    if table.name in SKIPPED_TABLES or column.primary_key or column.foreign_keys:
        return False
    if column.name in CODE_COLUMNS or column.name.endswith("_id"):
        return False
    if (table.name, column.name) in IDENTITY_COLUMNS:
        return False
    return _is_json(column) or type(column.type) in (String, Text)


def free_text_columns() -> list[tuple[Table, list[Column[Any]]]]:
    """Every table with free text, and those columns."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if is_free_text(table, c)]
        if columns:
            found.append((table, columns))
    return found


def _walk(value: Any, mentions: Mentions, placeholder: str) -> Any:
    if isinstance(value, str):
        return mentions.replace(value, placeholder)
    if isinstance(value, dict):
        return {key: _walk(item, mentions, placeholder) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, mentions, placeholder) for item in value]
    return value


def _json_names(mentions: Mentions, text: str | None) -> bool:
    if not text:
        return False
    try:
        value = json.loads(text)
    except ValueError:
        return mentions.found_in(text)
    return bool(_walk(value, mentions, "\x00") != value)


@dataclass(frozen=True)
class Naming:
    """One record whose free text names someone: its table, its key (and its actor, for the
    tables of the register) and the texts that name them."""

    table: Table
    key: dict[str, Any]
    actor_id: str | None
    texts: dict[str, Any]


def records_naming(session: Session, mentions: Mentions) -> Iterator[Naming]:
    """Every record of the file whose free text (``free_text_columns``) names someone of
    ``mentions``, found by SQLite calling the matcher on each text."""
    # The regional register (PostgreSQL) cannot call back into Python: its texts are read and
    # matched here instead.
    server = is_postgresql(session)
    if not server:
        raw = session.connection().connection.driver_connection
        assert raw is not None
        raw.create_function(MENTIONS_FUNCTION, 1, lambda t: mentions.found_in(t or ""))
        raw.create_function(MENTIONS_JSON_FUNCTION, 1, lambda t: _json_names(mentions, t))
    for table, columns in free_text_columns():
        keys = list(table.primary_key.columns)
        owner = _ACTOR_OF.get(table.name)
        extra = [table.c[owner]] if owner and owner not in {k.name for k in keys} else []
        checks = [
            getattr(func, MENTIONS_JSON_FUNCTION if _is_json(c) else MENTIONS_FUNCTION)(c)
            for c in columns
        ]
        query = select(*keys, *extra, *columns)
        rows = session.execute(query if server else query.where(or_(*checks))).all()
        for row in rows:
            values = row._mapping
            if server and not any(_names(mentions, values[c]) for c in columns):
                continue
            yield Naming(
                table,
                {key.name: values[key] for key in keys},
                values[table.c[owner]] if owner else None,
                {c.name: values[c] for c in columns if values[c] is not None},
            )


def _names(mentions: Mentions, value: Any) -> bool:
    # A value as read (a JSON column's already decoded) names someone of ``mentions``.
    if value is None:
        return False
    if isinstance(value, str):
        return mentions.found_in(value)
    return bool(_walk(value, mentions, "\x00") != value)


def _is_json(column: Column[Any]) -> bool:
    return isinstance(column.type, JSONText)


def scrub_free_text(
    session: Session, person: PersonIdentity, placeholder: str, at: datetime
) -> tuple[ErasureReport, set[str]]:
    """Step 3: ``placeholder`` wherever a free text names ``person``; log entries changed get
    ``erased_at = at``. Returns what was changed and the actors whose search documents must be
    rewritten."""
    report = ErasureReport()
    actors: set[str] = set()
    mentions = person.mentions()
    if not mentions:
        return report, actors
    # Read first, then changed: the records found are not updated under a running query.
    for naming in list(records_naming(session, mentions)):
        changed = {
            name: _walk(value, mentions, placeholder)
            for name, value in naming.texts.items()
            if _walk(value, mentions, placeholder) != value
        }
        if not changed:
            continue
        table = naming.table
        if table.name == "incident_log_entry":
            changed["erased_at"] = at
            report.log_entries += 1
            report.log_entry_ids.add(naming.key["id"])
        elif table.name == "history":
            report.past_versions += 1
        else:
            report.other_records += 1
        if naming.actor_id:
            actors.add(naming.actor_id)
        condition = [table.c[name] == value for name, value in naming.key.items()]
        session.execute(update(table).where(*condition).values(**changed))
    return report, actors
