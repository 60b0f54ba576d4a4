"""Conflicts: concurrent changes of one field that a person settles.

Each conflict row names the winning change (whose value the record shows) and one losing
change (kept, never dropped). A person chooses the winner, the loser or a third value; the
choice is written as a new change of the field, which has seen both, so the conflict is settled
here and on every laptop the change travels to. A deletion that met a concurrent edit is settled
by keeping the record in the trash or bringing it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, exists, func, insert, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.exchange import changes
from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.models import Actor, ChangeRecord, Conflict, Site
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.recording import keep_history, touch
from verkosto_desktop.data.storage.store import REGISTER_KINDS, ChangeKind, Store, record_change
from verkosto_desktop.domain import hlc, records
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.merge_rules import DELETED
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class Side:
    """One of the two values: what it is, which site changed it and when."""

    value: Any
    site: str
    changed_at: datetime


@dataclass(frozen=True)
class ConflictRow:
    """A conflict as the conflicts view and ``verkosto conflicts`` show it."""

    id: int
    entity: str
    record_id: str
    record_label: str
    field: str
    kind: str  # "field" or "deleted"
    shown: Side  # the winner, which the record shows now
    other: Side


def replace(
    connection: Connection,
    records: Iterable[tuple[str, str]],
    found: Mapping[tuple[str, str], list[tuple[str, str, int, int]]],
) -> int:
    """Make the conflict rows of ``records`` those ``found`` now; returns how many are new."""
    if not found and not connection.execute(select(exists().select_from(Conflict))).scalar():
        return 0
    keys = sorted(set(records))
    before: set[tuple[str, str, str, int]] = set()
    for start in range(0, len(keys), 300):
        chunk = keys[start : start + 300]
        where = tuple_(Conflict.entity, Conflict.record_id).in_(chunk)
        before.update(
            (r.entity, r.record_id, r.field, r.loser_change_id)
            for r in connection.execute(
                select(
                    Conflict.entity, Conflict.record_id, Conflict.field, Conflict.loser_change_id
                ).where(where)
            )
        )
        connection.execute(delete(Conflict).where(where))
    rows = [
        {
            "entity": entity,
            "record_id": record_id,
            "field": name,
            "kind": kind,
            "winner_change_id": winner,
            "loser_change_id": loser,
            "detected_at": utcnow(),
        }
        for (entity, record_id), items in found.items()
        for name, kind, winner, loser in items
    ]
    if rows:
        connection.execute(insert(Conflict), rows)
    return sum(
        1
        for r in rows
        if (r["entity"], r["record_id"], r["field"], r["loser_change_id"]) not in before
    )


def count(store: Store) -> int:
    """How many fields are in conflict now."""
    with store.read() as session:
        keys = select(Conflict.entity, Conflict.record_id, Conflict.field).distinct().subquery()
        return int(session.scalar(select(func.count()).select_from(keys)) or 0)


def _label(session: Session, entity: str, record_id: str) -> str:
    spec = F.BY_NAME.get(entity)
    if spec is None:
        return record_id
    row = (
        session.execute(select(spec.table).where(spec.table.c[spec.key] == record_id))
        .mappings()
        .first()
    )
    if row is None:
        return record_id
    own = next(
        (str(row[name]) for name in ("name", "title", "name_fi", "text", "key") if row.get(name)),
        record_id,
    )
    actor_id = row.get("actor_id") if entity != "actor" else None
    if actor_id:
        actor = session.get(Actor, actor_id)
        if actor is not None:
            if entity == "capability":
                return f"{actor.name}: {row.get('category_key')}"
            return f"{own} ({actor.name})"
    return own


def _side(change: ChangeRecord, site_name: str, name: str) -> Side:
    value = change.value
    if change.field == "*":
        _present, value = F.snapshot_field(F.BY_NAME[change.entity], change.value or {}, name)
    return Side(value, site_name, hlc.to_datetime(change.hlc))


def open_conflicts(store: Store) -> list[ConflictRow]:
    """Every open conflict, oldest first."""
    winner, loser = aliased(ChangeRecord), aliased(ChangeRecord)
    winner_site, loser_site = aliased(Site), aliased(Site)
    with store.read() as session:
        rows = session.execute(
            select(Conflict, winner, loser, winner_site.name, loser_site.name)
            .join(winner, winner.id == Conflict.winner_change_id)
            .join(loser, loser.id == Conflict.loser_change_id)
            .join(winner_site, winner_site.id == winner.site_id)
            .join(loser_site, loser_site.id == loser.site_id)
            .order_by(Conflict.id)
        ).all()
        labels: dict[tuple[str, str], str] = {}
        result = []
        for conflict, won, lost, won_site, lost_site in rows:
            key = (conflict.entity, conflict.record_id)
            if key not in labels:
                labels[key] = _label(session, *key)
            other_field = lost.field if conflict.kind == "deleted" else conflict.field
            result.append(
                ConflictRow(
                    id=conflict.id,
                    entity=conflict.entity,
                    record_id=conflict.record_id,
                    record_label=labels[key],
                    field=other_field if conflict.kind == "deleted" else conflict.field,
                    kind=conflict.kind,
                    shown=_side(won, won_site, conflict.field),
                    other=_side(lost, lost_site, other_field),
                )
            )
        return result


def resolve(store: Store, conflict_id: int, choice: str, value: Any = None) -> None:
    """Settle a conflict. ``choice``: ``shown`` keeps the value shown, ``other`` takes the other
    one, ``value`` sets ``value``; for a deletion, ``shown`` keeps the record in the trash and
    ``other`` brings it back. The choice is a new change that travels on."""
    if choice not in ("shown", "other", "value"):
        raise ValidationError("choice", _("Choose one of the values or type a new one"))
    rows = {row.id: row for row in open_conflicts(store)}
    conflict = rows.get(conflict_id)
    if conflict is None:
        raise NotFound(_("That conflict has already been settled."))
    spec = F.BY_NAME[conflict.entity]
    with store.write() as session:
        obj = session.get(spec.model, conflict.record_id)
        if obj is None:
            raise NotFound(_("The record no longer exists (it may have been deleted or erased)."))
        if conflict.kind == "deleted":
            name = DELETED
            # As the change log holds it (ISO text), like the values of other conflicts.
            chosen = F.encode(obj.deleted_at) if choice == "shown" else None
            if choice == "value":
                raise ValidationError("choice", _("Keep the record deleted or bring it back"))
        else:
            name = conflict.field
            chosen = {"shown": conflict.shown.value, "other": conflict.other.value, "value": value}[
                choice
            ]
        link, element = F.split_field(spec, name)
        if link is not None:
            _set_element(session, spec, link, obj, element, chosen)
        else:
            decoded = F.decode(spec.table.c[name], chosen)
            if getattr(obj, name) != decoded:
                keep_history(session, obj)
                setattr(obj, name, decoded)
                if spec.has_name_key() and name == "name":
                    from verkosto_desktop.domain.collation import sort_key

                    obj.name_key = sort_key(decoded or "")  # type: ignore[attr-defined]
                touch(obj)
            session.flush()
        changes.record(session, spec.name, conflict.record_id, name, chosen)
        record_change(session, F.change_kind(spec), conflict.record_id)
        record_change(session, ChangeKind.CONFLICT, str(conflict_id))
        if F.change_kind(spec) in REGISTER_KINDS:
            actor = getattr(obj, "actor_id", None) or getattr(obj, "id", None)
            record_change(session, ChangeKind.ACTOR, str(actor))


_RULES = {
    "actor": records.ACTOR_FIELDS,
    "contact": records.CONTACT_FIELDS,
    "facility": records.FACILITY_FIELDS,
    "capability": records.CAPABILITY_FIELDS,
    "activity": records.ACTIVITY_FIELDS,
    "action_item": records.ACTION_ITEM_FIELDS,
    "founding_step": records.FOUNDING_STEP_FIELDS,
    "network_info": records.NETWORK_FIELDS,
}


def _checked(entity: str, name: str, value: Any) -> Any:
    """A typed third value, checked and normalised as the record's own editor does (a phone
    number in E.164, a date as a date); ``ValidationError`` when it cannot be stored."""
    rules = _RULES.get(entity, {})
    if name in rules:
        value = records.clean(rules, {name: value})[name]
    return F.encode(value)


def _set_element(
    session: Session, spec: F.EntitySpec, link: F.LinkSpec, obj: Any, element: str, chosen: Any
) -> None:
    row = link.row_values(str(getattr(obj, spec.key)), element, chosen)
    table = link.table
    keys = (link.parent_column, *link.key_columns)
    exists = session.execute(select(table).where(*(table.c[k] == row[k] for k in keys))).first()
    if (chosen is False) == (exists is None):
        return
    keep_history(session, obj)
    if chosen is False:
        session.execute(table.delete().where(*(table.c[k] == row[k] for k in keys)))
    else:
        session.execute(insert(table).values(row))
    touch(obj)
    session.flush()


__all__ = [
    "ConflictRow",
    "Side",
    "count",
    "open_conflicts",
    "replace",
    "resolve",
    "update",
]
