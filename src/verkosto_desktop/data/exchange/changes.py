"""The per-field change log: every edit of a record, field by field, with a stamp and a site.

Recording hooks into every write of the store (``Store.write`` calls ``begin`` and ``finish``),
so no write path can be missed: after each flush the ORM's own attribute history says which
fields of which records changed, and the link rows added or removed; at the end of the
transaction those become change-log rows carrying one new stamp and this site's knowledge. A
record created here gets no rows at creation: it enters the log as a whole-record snapshot when
it is first sent (``seal``), which also covers rows written in bulk (the demo, imports).

Erasures recorded in the same transaction purge the erased records' changes and conflicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    Table,
    and_,
    delete,
    event,
    except_,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm import attributes as orm_attributes

from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.exchange import networks
from verkosto_desktop.data.exchange.hlc import (
    SelfSite,
    issue,
    load_self,
    next_stamp,
    record_clock,
)
from verkosto_desktop.data.models import ChangeRecord, Conflict, Erasure, PendingRecord
from verkosto_desktop.domain.merge_rules import DELETED, SNAPSHOT

_PENDING = "exchange_pending"  # {(entity, record id, field): value}
_CREATED = "exchange_created"  # {(entity, record id)} created in this transaction
_ERASED = "exchange_erased"  # {(entity, record id)} erased in this transaction
CHANGES = cast(Table, ChangeRecord.__table__)


def begin(session: Session) -> None:
    """Start recording the changes of a write session."""
    session.info[_PENDING] = {}
    session.info[_CREATED] = set()
    session.info[_ERASED] = set()
    networks.watch(session)  # a laptop's edits keep to its own network's records


def pause(session: Session) -> None:
    """Stop recording in this session (a merge writes received changes, not new ones)."""
    session.info.pop(_PENDING, None)


def record(session: Session, entity: str, record_id: str, field: str, value: Any) -> None:
    """Record a change of one field even if the value is unchanged (a person's choice in a
    conflict is a change that must travel)."""
    pending = session.info.get(_PENDING)
    if pending is not None:
        pending[(entity, record_id, field)] = F.encode(value)


def _record_key(spec: F.EntitySpec, obj: Any) -> str:
    return str(getattr(obj, spec.key))


def _column_changes(
    pending: dict[tuple[str, str, str], Any], spec: F.EntitySpec, obj: Any, record_id: str
) -> None:
    state = orm_attributes.instance_state(obj)
    for name in spec.fields:
        history = state.attrs[name].history
        if not history.added:
            continue
        after = F.encode(history.added[0])
        if history.deleted and F.encode(history.deleted[0]) == after:
            continue
        pending[(spec.name, record_id, name)] = after


def _link_changes(
    pending: dict[tuple[str, str, str], Any], spec: F.EntitySpec, obj: Any, record_id: str
) -> None:
    state = orm_attributes.instance_state(obj)
    for link in spec.links:
        if link.relationship is None:
            continue
        history = state.attrs[link.relationship].history
        if not history.has_changes():
            continue
        kept = list(history.unchanged or ())
        before = {
            link.element_key(r): link.element_value(r) for r in [*kept, *(history.deleted or ())]
        }
        after = {
            link.element_key(r): link.element_value(r) for r in [*kept, *(history.added or ())]
        }
        for element in after.keys() - before.keys():
            pending[(spec.name, record_id, link.field_name(element))] = after[element]
        for element in before.keys() - after.keys():
            pending[(spec.name, record_id, link.field_name(element))] = False


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: UOWTransaction) -> None:
    pending: dict[tuple[str, str, str], Any] | None = session.info.get(_PENDING)
    erased: set[tuple[str, str]] | None = session.info.get(_ERASED)
    if erased is None:
        return
    created: set[tuple[str, str]] = session.info[_CREATED]
    new_links: list[Any] = []
    for obj in session.new:
        spec = F.BY_MODEL.get(type(obj))
        if spec is not None:
            created.add((spec.name, _record_key(spec, obj)))
        elif isinstance(obj, Erasure):
            erased.add((obj.entity, obj.record_id))
        elif type(obj) in F.LOOSE_LINKS:
            new_links.append(obj)
    if pending is None:
        return
    for obj in new_links:
        spec, link = F.LOOSE_LINKS[type(obj)]
        owner = str(getattr(obj, link.parent_column))
        if (spec.name, owner) not in created:
            pending[(spec.name, owner, link.field_name(link.element_key(obj)))] = (
                link.element_value(obj)
            )
    for obj in session.dirty:
        spec = F.BY_MODEL.get(type(obj))
        if spec is None:
            continue
        record_id = _record_key(spec, obj)
        if (spec.name, record_id) in created:
            continue
        _column_changes(pending, spec, obj, record_id)
        _link_changes(pending, spec, obj, record_id)


def finish(session: Session) -> None:
    """Write the recorded changes of the transaction (one stamp for all) and purge erasures."""
    pending: dict[tuple[str, str, str], Any] | None = session.info.get(_PENDING)
    erased: set[tuple[str, str]] = session.info.get(_ERASED) or set()
    if not pending and not erased:
        return
    connection = session.connection()
    if pending:
        site = load_self(connection)
        if site is not None:
            write_local(connection, site, pending)
    if erased:
        purge_records(connection, erased)


def write_local(
    connection: Connection, site: SelfSite, pending: dict[tuple[str, str, str], Any]
) -> int:
    """Insert this site's changes under one new stamp; a change settles its field's conflict."""
    stamp = issue(connection, site)
    connection.execute(
        insert(CHANGES),
        [
            {
                "entity": entity,
                "record_id": record_id,
                "field": field,
                "value": value,
                "hlc": stamp,
                "site_id": site.id,
                "vector_id": site.vector_id,
            }
            for (entity, record_id, field), value in pending.items()
        ],
    )
    if connection.execute(select(exists().select_from(Conflict.__table__))).scalar():
        keys = list(pending)
        for start in range(0, len(keys), 300):
            chunk = keys[start : start + 300]
            connection.execute(
                delete(Conflict).where(
                    tuple_(Conflict.entity, Conflict.record_id, Conflict.field).in_(chunk)
                )
            )
    return stamp


def purge_records(connection: Connection, records: Iterable[tuple[str, str]]) -> None:
    """Remove erased records' changes, conflicts and waiting rows, and the changes of records
    that went with them (a person's call results); the erasure itself is kept elsewhere."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, record_id in records:
        by_entity[entity].append(record_id)
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            where = and_(ChangeRecord.entity == entity, ChangeRecord.record_id.in_(chunk))
            connection.execute(
                delete(Conflict).where(Conflict.entity == entity, Conflict.record_id.in_(chunk))
            )
            connection.execute(delete(ChangeRecord).where(where))
            connection.execute(
                delete(PendingRecord).where(
                    PendingRecord.entity == entity, PendingRecord.record_id.in_(chunk)
                )
            )
    purge_vanished(connection)


def purge_vanished(connection: Connection) -> None:
    """Drop the changes of records that are gone from their table without waiting to be
    written (removed along with an erased person)."""
    for spec in F.ENTITIES:
        key = spec.table.c[spec.key]
        gone = and_(
            ChangeRecord.entity == spec.name,
            ~exists().where(key == ChangeRecord.record_id),
            ~exists().where(
                PendingRecord.entity == spec.name, PendingRecord.record_id == ChangeRecord.record_id
            ),
        )
        ids = select(ChangeRecord.id).where(gone).scalar_subquery()
        connection.execute(
            delete(Conflict).where(
                or_(Conflict.winner_change_id.in_(ids), Conflict.loser_change_id.in_(ids))
            )
        )
        connection.execute(delete(ChangeRecord).where(ChangeRecord.id.in_(ids)))


def _chunked(table: Any, column: Any, ids: Sequence[str] | None) -> list[Any]:
    if ids is None:
        return [select(table)]
    return [
        select(table).where(column.in_(ids[start : start + 900]))
        for start in range(0, len(ids), 900)
    ]


def _elements_of(
    connection: Connection, link: F.LinkSpec, owner_ids: Sequence[str] | None
) -> dict[str, dict[str, Any]]:
    """{owner id: {element: value}} of a link table (rows read as tuples: a full bundle reads
    every link row of the file)."""
    table = link.table
    names = list(table.c.keys())
    owner = names.index(link.parent_column)
    keys = [names.index(name) for name in link.key_columns]
    payload = [(name, names.index(name)) for name in link.payload_columns]
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for query in _chunked(table, table.c[link.parent_column], owner_ids):
        for row in connection.execute(query):
            element = "|".join(str(F.encode(row[i])) for i in keys)
            found[str(row[owner])][element] = (
                {name: F.encode(row[i]) for name, i in payload} if payload else True
            )
    return found


def snapshot_values(
    connection: Connection, spec: F.EntitySpec, ids: Sequence[str] | None
) -> dict[str, dict[str, Any]]:
    """The snapshot values of records as they are now (``ids``; None: every record): every
    field, the creation time and every link element."""
    table = spec.table
    names = list(table.c.keys())
    plan = [(name, names.index(name), name in spec.timed) for name in spec.fields]
    created, key = names.index("created_at"), names.index(spec.key)
    links = {link.name: _elements_of(connection, link, ids) for link in spec.links}
    values: dict[str, dict[str, Any]] = {}
    for query in _chunked(table, table.c[spec.key], ids):
        for row in connection.execute(query):
            value = {name: F.encode(row[i]) if timed else row[i] for name, i, timed in plan}
            value["created_at"] = F.encode(row[created])
            record_id = str(row[key])
            for name, found in links.items():
                value[name] = found.get(record_id, {})
            values[record_id] = value
    return values


class _Stamp:
    """One stamp for a whole sealing, made before it and recorded as this site's clock only if
    something was sealed (the writing transaction keeps anyone else from issuing meanwhile), so
    that a seal is one ``INSERT … SELECT`` a kind, without asking first whether it has work."""

    def __init__(self, connection: Connection, site: SelfSite) -> None:
        self.connection, self.site = connection, site
        self.value = next_stamp(site)
        self.used = False

    def record(self) -> None:
        if self.used:
            record_clock(self.connection, self.site, self.value)


def _unsealed(spec: F.EntitySpec, ids: Sequence[str] | None) -> Any:
    """The keys of the records (of ``ids`` when given) with no snapshot yet, as a set
    difference: both databases compute it in one pass over each side whatever their statistics
    say. (As ``NOT EXISTS``, PostgreSQL planned a nested loop over every snapshot for each
    record right after a bulk load, while its statistics still said the log was empty: a sync
    then spent 86 s here instead of 40 ms.)"""
    key = spec.table.c[spec.key]
    records = select(key.label("record_id"))
    sealed = select(ChangeRecord.record_id).where(
        ChangeRecord.entity == spec.name, ChangeRecord.field == SNAPSHOT
    )
    if ids is not None:
        records = records.where(key.in_(ids))
        sealed = sealed.where(ChangeRecord.record_id.in_(ids))
    return except_(records, sealed).subquery()


def _seal_where(
    connection: Connection, spec: F.EntitySpec, ids: Sequence[str] | None, stamp: _Stamp
) -> int:
    missing = _unsealed(spec, ids)
    rows = select(
        literal(spec.name),
        missing.c.record_id,
        literal(SNAPSHOT),
        literal(stamp.value, BigInteger),
        literal(stamp.site.id),
    )
    statement = insert(CHANGES).from_select(
        ["entity", "record_id", "field", "hlc", "site_id"], rows
    )
    # (SQLAlchemy reports -1 for an INSERT … SELECT on psycopg unless asked to keep the count.)
    result = connection.execute(statement.execution_options(preserve_rowcount=True))
    count = max(result.rowcount or 0, 0)
    stamp.used = stamp.used or count > 0
    return count


def seal(connection: Connection, site: SelfSite) -> int:
    """Give every record that has no snapshot yet one (under one new stamp); returns how many.

    This site's own snapshots are stored without their value: a record's fields that no
    change has touched since are what the row holds, and the others are decided by their
    changes, so the value is read from the row when a bundle is written (``fill_snapshots``),
    and frozen only if another laptop's differing snapshot of the record arrives (the
    materialiser does that before the row follows the other one).
    """
    stamp = _Stamp(connection, site)
    count = sum(_seal_where(connection, spec, None, stamp) for spec in F.ENTITIES)
    stamp.record()
    return count


def seal_records(connection: Connection, site: SelfSite, records: Iterable[tuple[str, str]]) -> int:
    """Seal these records (those with a row here and no snapshot yet); returns how many."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, record_id in records:
        by_entity[entity].append(record_id)
    stamp = _Stamp(connection, site)
    count = 0
    for spec in F.ENTITIES:
        ids = sorted(by_entity.get(spec.name, ()))
        if ids and not connection.execute(select(exists().select_from(spec.table))).scalar():
            continue  # none here (a first sync: tens of thousands of ids asked about in vain)
        for start in range(0, len(ids), 450):  # each chunk is bound twice
            count += _seal_where(connection, spec, ids[start : start + 450], stamp)
    stamp.record()
    return count


def fill_snapshots(connection: Connection, rows: list[list[Any]]) -> None:
    """Put the values of snapshots stored without one (they are the row: ``seal``) into
    ``rows`` of a change set: ``[entity, record id, field, value, stamp, site, vector]``."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        if row[2] == SNAPSHOT and row[3] is None:
            wanted[row[0]].append(position)
    for entity, positions in wanted.items():
        spec = F.BY_NAME[entity]
        total = connection.execute(select(func.count()).select_from(spec.table)).scalar() or 0
        ids = sorted({rows[p][1] for p in positions})
        values = snapshot_values(connection, spec, None if len(ids) * 2 > total else ids)
        for position in positions:
            rows[position][3] = values.get(rows[position][1])


__all__ = [
    "DELETED",
    "begin",
    "fill_snapshots",
    "finish",
    "pause",
    "purge_records",
    "record",
    "seal",
    "seal_records",
    "snapshot_values",
]
