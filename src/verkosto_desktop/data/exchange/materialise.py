"""Writing the change log into the tables: every field of a touched record takes the value of
its winning change (``domain.merge_rules``), link rows follow their elements, the version that
is replaced goes to history, and concurrent changes become conflict rows.

Plain SQLAlchemy Core over the models' tables, so the same code serves any database. A record
whose owner has not arrived (or a link to one) waits in ``pending_record`` and is tried again at
the next merge; a reference to an erased record is cleared, and a record that cannot exist
without an erased one (a call result about an erased person) is dropped with its changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, update

from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.exchange.bulk import insert_many
from verkosto_desktop.data.exchange.changes import snapshot_values
from verkosto_desktop.data.models import ChangeRecord, ClockVector, History, PendingRecord, Site
from verkosto_desktop.domain import merge_rules as R
from verkosto_desktop.domain.collation import sort_key

CHUNK = 400
_KEEP = object()  # no change speaks about this field: keep what the row holds


@dataclass
class Outcome:
    """What writing the touched records did."""

    created: set[tuple[str, str]] = field(default_factory=set)
    changed: set[tuple[str, str]] = field(default_factory=set)
    deleted: set[tuple[str, str]] = field(default_factory=set)
    waiting: set[tuple[str, str]] = field(default_factory=set)
    dropped: set[tuple[str, str]] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    # Per record: the conflicts as (field, kind, winner change id, loser change id).
    conflicts: dict[tuple[str, str], list[tuple[str, str, int, int]]] = field(default_factory=dict)


@dataclass
class _Desired:
    columns: dict[str, Any]
    links: dict[str, dict[str, Any]]
    has_snapshot: bool
    created_at: Any


_RECORD = "record_key_"  # the bound name of the key in a batched update (not a column name)


@cache
def _decoders(entity: str) -> dict[str, Any]:
    """Every column of ``entity``: what turns its logged value into the Python value (None:
    it is that already). Looked up once: a first sync writes some 80,000 records."""
    return {column.key: F.decoder(column) for column in F.BY_NAME[entity].table.c}


@cache
def _column_references(entity: str) -> tuple[tuple[str, str, bool], ...]:
    """(column, referenced table, nullable) of ``entity``'s foreign keys."""
    return tuple(
        (column.key, fk.column.table.name, bool(column.nullable))
        for column in F.BY_NAME[entity].table.columns
        for fk in column.foreign_keys
    )


def _from_snapshot(spec: F.EntitySpec, snapshot: Mapping[str, Any]) -> _Desired:
    """What a record known only from one snapshot becomes (a first sync brings thousands):
    what ``_desire`` decides for it, without weighing changes against each other."""
    columns = {name: snapshot.get(name, _KEEP) for name in spec.fields}
    links = {
        link.name: dict(elements)
        for link in spec.links
        if (elements := snapshot.get(link.name, {}))
    }
    return _Desired(columns, links, True, snapshot.get("created_at"))


class Materialiser:
    """Writes touched records from their changes, inside the caller's transaction."""

    def __init__(
        self,
        connection: Connection,
        erased: set[tuple[str, str]],
        author: str,
        now: datetime,
    ) -> None:
        self.connection = connection
        self.erased = erased
        self.author = author
        self.now = now
        self.outcome = Outcome()
        self._vectors: dict[int, dict[str, int]] = {}
        # Records whose one change is a snapshot just received, as (value, stamp, site id):
        # their log needs no reading back when it holds nothing else of them (``_ops``).
        self.alone: Mapping[tuple[str, str], tuple[Any, int, int]] = {}
        self._sites = {row.id: row.uuid for row in connection.execute(select(Site.id, Site.uuid))}

    # -- reading -----------------------------------------------------------------------------

    def _vector(self, vector_id: int | None) -> dict[str, int]:
        if vector_id is None:
            return {}
        if vector_id not in self._vectors:
            data = self.connection.execute(
                select(ClockVector.data).where(ClockVector.id == vector_id)
            ).scalar_one()
            self._vectors[vector_id] = data
        return self._vectors[vector_id]

    def _alone_here(self, spec: F.EntitySpec, ids: Sequence[str]) -> dict[str, int]:
        """{record id: change id} of the records of ``self.alone`` whose log holds that one
        change only."""
        candidates = [rid for rid in ids if (spec.name, rid) in self.alone]
        if not candidates:
            return {}
        rows = self.connection.execute(
            select(ChangeRecord.record_id, func.count(), func.max(ChangeRecord.id))
            .where(ChangeRecord.entity == spec.name, ChangeRecord.record_id.in_(candidates))
            .group_by(ChangeRecord.record_id)
        )
        return {str(rid): int(top) for rid, count, top in rows if count == 1}

    def _ops(self, spec: F.EntitySpec, ids: Sequence[str]) -> dict[str, list[R.Op]]:
        found: dict[str, list[R.Op]] = defaultdict(list)
        # A first sync's records each come as one snapshot: taken as received instead of
        # read back and decoded again (a sixth of the merge).
        alone = self._alone_here(spec, ids)
        for rid, change_id in alone.items():
            value, stamp, site_id = self.alone[(spec.name, rid)]
            found[rid].append(R.Op(R.SNAPSHOT, value, stamp, self._sites[site_id], None, change_id))
        ids = [rid for rid in ids if rid not in alone] if alone else ids
        if not ids:
            return found
        rows = self.connection.execute(
            select(
                ChangeRecord.id,
                ChangeRecord.record_id,
                ChangeRecord.field,
                ChangeRecord.value,
                ChangeRecord.hlc,
                ChangeRecord.site_id,
                ChangeRecord.vector_id,
            ).where(ChangeRecord.entity == spec.name, ChangeRecord.record_id.in_(ids))
        )
        for row in rows:
            snapshot = row.field == R.SNAPSHOT
            found[row.record_id].append(
                R.Op(
                    row.field,
                    row.value,
                    int(row.hlc),
                    self._sites[row.site_id],
                    None if snapshot else self._vector(row.vector_id),
                    row.id,
                )
            )
        return found

    def _links(self, link: F.LinkSpec, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = defaultdict(dict)
        table = link.table
        for row in self.connection.execute(
            select(table).where(table.c[link.parent_column].in_(ids))
        ).mappings():
            found[str(row[link.parent_column])][link.element_key(row)] = link.element_value(row)
        return found

    def agreeing(
        self, snapshots_only: Mapping[tuple[str, str], list[dict[str, Any]]]
    ) -> set[tuple[str, str]]:
        """The records whose only new changes are snapshots saying what their rows already
        hold (a full bundle between copies of one file: nearly every record). Nothing about
        them can change: where no change speaks, every snapshot agrees with the row; where
        one does, snapshots do not count. They need no writing and no new conflicts."""
        by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, record_id in snapshots_only:
            by_entity[entity].append(record_id)
        found: set[tuple[str, str]] = set()
        for spec in F.ENTITIES:
            ids = sorted(by_entity.get(spec.name, ()))
            if not ids:
                continue
            total = self.connection.execute(select(func.count()).select_from(spec.table)).scalar()
            rows = snapshot_values(
                self.connection, spec, None if len(ids) * 2 > (total or 0) else ids
            )
            for rid in ids:
                row = rows.get(rid)
                if row is not None and all(
                    _agrees(value, row) for value in snapshots_only[(spec.name, rid)]
                ):
                    found.add((spec.name, rid))
        return found

    def _row_snapshots(
        self,
        spec: F.EntitySpec,
        ops: list[R.Op],
        row: Mapping[str, Any],
        links: Mapping[str, Mapping[str, Any]],
    ) -> list[R.Op]:
        """Snapshots stored without a value (this site's own, and received ones that agreed
        with the row) are the row. They are frozen (written down) when another snapshot of the
        record says otherwise, before the row follows that one."""
        own = [op for op in ops if op.field == R.SNAPSHOT and op.value is None]
        if not own:
            return ops
        value: dict[str, Any] = {name: F.encode(row[name]) for name in spec.fields}
        value["created_at"] = F.encode(row.get("created_at"))
        for link in spec.links:
            value[link.name] = dict(links.get(link.name, {}))
        others = [op for op in ops if op.field == R.SNAPSHOT and op.value is not None]
        differ = any(
            other.value.get(name, value[name]) != value[name]
            for other in others
            for name in value
            if name != "created_at"
        )
        for op in own:
            if differ:
                self.connection.execute(
                    update(ChangeRecord).where(ChangeRecord.id == op.tag).values(value=value)
                )
        return [
            R.Op(op.field, value, op.hlc, op.site, op.seen, op.tag) if op in own else op
            for op in ops
        ]

    # -- deciding ----------------------------------------------------------------------------

    def _desire(self, spec: F.EntitySpec, record_id: str, ops: list[R.Op]) -> _Desired:
        if len(ops) == 1 and ops[0].field == R.SNAPSHOT:
            return _from_snapshot(spec, ops[0].value)
        snapshots = [op for op in ops if op.field == R.SNAPSHOT]
        by_field: dict[str, list[R.Op]] = defaultdict(list)
        for op in ops:
            if op.field != R.SNAPSHOT:
                by_field[op.field].append(op)
        names = set(spec.fields) | set(by_field)
        for snapshot in snapshots:
            names |= F.field_names(spec, snapshot.value)
        columns: dict[str, Any] = {}
        links: dict[str, dict[str, Any]] = defaultdict(dict)
        conflicts: list[tuple[str, str, int, int]] = []
        states: dict[str, R.FieldState] = {}
        for name in sorted(names):
            link, element = F.split_field(spec, name)
            changes = by_field.get(name)
            if not changes:
                # Only snapshots speak about the field: when they agree (nearly always) that
                # is its value, and no conflict is possible.
                said = [F.snapshot_field(spec, snap.value, name) for snap in snapshots]
                values = [value for present, value in said if present]
                if values and all(value == values[0] for value in values):
                    if link is None:
                        columns[name] = values[0]
                    else:
                        links[link.name][element] = values[0]
                    continue
            candidates = list(changes or ())
            for snapshot in snapshots:
                present, value = F.snapshot_field(spec, snapshot.value, name)
                if present:
                    candidates.append(
                        R.Op(name, value, snapshot.hlc, snapshot.site, None, snapshot.tag)
                    )
            if not candidates:
                if link is None:
                    columns[name] = _KEEP
                continue
            state = R.field_state(name, candidates)
            states[name] = state
            if link is None:
                columns[name] = state.winner.value
            elif link is not None:
                links[link.name][element] = state.winner.value
            if spec.conflicts and (link is None or link.conflicts):
                conflicts.extend(
                    (name, "field", state.winner.tag, loser.tag) for loser in state.losers
                )
        deletion = states.get(R.DELETED)
        if spec.conflicts and deletion is not None:
            edits = [op for op in ops if op.field not in (R.SNAPSHOT, R.DELETED)]
            clash = R.deletion_conflict(deletion, edits)
            if clash is not None:
                conflicts.append((R.DELETED, "deleted", deletion.winner.tag, clash.tag))
        if conflicts:
            self.outcome.conflicts[(spec.name, record_id)] = conflicts
        created_at = None
        if snapshots:
            created_at = min(snapshots, key=lambda op: op.order).value.get("created_at")
        return _Desired(columns, dict(links), bool(snapshots), created_at)

    # -- references ----------------------------------------------------------------------------

    def _existing(self, table_name: str, ids: set[str]) -> set[str]:
        spec = F.BY_NAME.get(table_name)
        if spec is None:
            return set()
        key = spec.table.c[spec.key]
        found: set[str] = set()
        listed = sorted(ids)
        for start in range(0, len(listed), 900):
            chunk = listed[start : start + 900]
            found.update(
                str(v) for v in self.connection.execute(select(key).where(key.in_(chunk))).scalars()
            )
        return found

    def _references(
        self,
        spec: F.EntitySpec,
        rid: str,
        want: _Desired,
        row: Mapping[str, Any] | None,
        links_now: Mapping[str, Mapping[str, Any]],
    ) -> list[tuple[str | None, str, str, bool, str]]:
        """(link or None, column or element, target table, nullable, referenced id) of what a
        record would newly point at (what the row already points at needs no check)."""
        found: list[tuple[str | None, str, str, bool, str]] = []
        for name, target, nullable in _column_references(spec.name):
            value = want.columns.get(name, _KEEP)
            if value in (None, _KEEP) or (row is not None and value == row[name]):
                continue
            found.append((None, name, target, nullable, str(value)))
        for link in spec.links:
            if not link.references:
                continue
            have = links_now.get(link.name, {})
            for element, value in want.links.get(link.name, {}).items():
                if value is False or have.get(element, False) is not False:
                    continue
                values = link.row_values(rid, element, value)
                for name, target in link.references:
                    found.append((link.name, element, target, True, str(values[name])))
        return found

    def _check_references(
        self,
        spec: F.EntitySpec,
        desired: dict[str, _Desired],
        current: Mapping[str, Any],
        current_links: Mapping[str, Mapping[str, Mapping[str, Any]]],
    ) -> set[str]:
        """Clear references to erased records and links to missing ones; return the records
        that must wait (their owner has not arrived) or go (their owner was erased)."""
        refs = {
            rid: self._references(
                spec,
                rid,
                want,
                current.get(rid),
                {name: links.get(rid, {}) for name, links in current_links.items()},
            )
            for rid, want in desired.items()
        }
        wanted: dict[str, set[str]] = defaultdict(set)
        for found in refs.values():
            for _link, _name, target, _nullable, ref in found:
                wanted[target].add(ref)
        present = {target: self._existing(target, ids) for target, ids in wanted.items()}
        blocked: set[str] = set()
        while True:
            # Records of this very kind being written now count as present (an actor invited
            # by another actor in the same bundle), unless they are blocked themselves.
            same = (set(desired) | set(current)) - blocked
            more = False
            for rid, found in refs.items():
                if rid in blocked:
                    continue
                for link_name, name, target, nullable, ref in found:
                    if ref in present.get(target, set()) or (target == spec.name and ref in same):
                        continue
                    erased = (target, ref) in self.erased
                    if link_name is not None:
                        desired[rid].links[link_name].pop(name, None)
                        if not erased:
                            self.outcome.waiting.add((spec.name, rid))
                    elif erased and nullable:
                        desired[rid].columns[name] = None
                    else:
                        (self.outcome.dropped if erased else self.outcome.waiting).add(
                            (spec.name, rid)
                        )
                        blocked.add(rid)
                        more = True
                        break
            if not more:
                return blocked

    # -- writing -----------------------------------------------------------------------------

    def run(self, touched: Mapping[str, Iterable[str]]) -> Outcome:
        """Write every touched record (owners first)."""
        for spec in F.ENTITIES:
            ids = sorted(set(touched.get(spec.name, ())))
            if ids:
                self._entity(spec, ids)
        return self.outcome

    def _entity(self, spec: F.EntitySpec, ids: list[str]) -> None:
        key = spec.table.c[spec.key]
        ops: dict[str, list[R.Op]] = {}
        current: dict[str, Any] = {}
        current_links: dict[str, dict[str, dict[str, Any]]] = {link.name: {} for link in spec.links}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            query = select(spec.table).where(key.in_(chunk))
            for mapping in self.connection.execute(query).mappings():
                current[str(mapping[spec.key])] = mapping
            for link in spec.links:
                current_links[link.name].update(self._links(link, chunk))
        for start in range(0, len(ids), CHUNK):
            ops.update(self._ops(spec, ids[start : start + CHUNK]))
        for rid, found in ops.items():
            if rid in current:
                links_now = {name: links.get(rid, {}) for name, links in current_links.items()}
                ops[rid] = self._row_snapshots(spec, found, current[rid], links_now)
        desired: dict[str, _Desired] = {}
        for rid in ids:
            if not ops.get(rid):
                continue
            want = self._desire(spec, rid, ops[rid])
            if rid not in current and not want.has_snapshot:
                self.outcome.waiting.add((spec.name, rid))
                self.outcome.conflicts.pop((spec.name, rid), None)
                continue
            desired[rid] = want
        blocked = self._check_references(spec, desired, current, current_links)
        inserts: list[dict[str, Any]] = []
        new_links: list[tuple[str, dict[str, dict[str, Any]]]] = []
        history: list[dict[str, Any]] = []
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)

        def links_now_of(rid: str) -> dict[str, dict[str, Any]]:
            return {name: found.get(rid, {}) for name, found in current_links.items()}

        for rid, want in desired.items():
            if rid in blocked:
                self.outcome.conflicts.pop((spec.name, rid), None)
                continue
            row = current.get(rid)
            if row is None:
                inserts.append(self._new_row(spec, rid, want))
                self.outcome.created.add((spec.name, rid))
                new_links.append((rid, want.links))
            elif spec.immutable or not self._update(
                spec, rid, row, want, links_now_of(rid), history, updates
            ):
                continue
            self._note_actor(spec, rid, row, want)
        insert_many(self.connection, spec.table, inserts)
        self._write_updates(spec, updates)
        self._insert_links(spec, new_links)
        if history:
            self.connection.execute(insert(History), history)

    def _values(self, spec: F.EntitySpec, columns: Mapping[str, Any]) -> dict[str, Any]:
        decoders = _decoders(spec.name)
        values: dict[str, Any] = {}
        for name, value in columns.items():
            if value is _KEEP or name not in decoders:
                continue
            convert = decoders[name]
            values[name] = value if convert is None or value is None else convert(value)
        return values

    def _new_row(self, spec: F.EntitySpec, rid: str, want: _Desired) -> dict[str, Any]:
        values = self._values(spec, want.columns)
        values[spec.key] = rid
        created = F.decode(spec.table.c["created_at"], want.created_at) if want.created_at else None
        values.update(
            created_at=created or self.now,
            updated_at=self.now,
            updated_by=self.author,
            revision=1,
        )
        if spec.has_name_key():
            values["name_key"] = sort_key(values.get("name") or "")
        if values.get("deleted_at") is not None:
            self.outcome.deleted.add((spec.name, rid))
        return values

    def _update(
        self,
        spec: F.EntitySpec,
        rid: str,
        row: Mapping[str, Any],
        want: _Desired,
        links_now: dict[str, dict[str, Any]],
        history: list[dict[str, Any]],
        updates: dict[tuple[str, ...], list[dict[str, Any]]],
    ) -> bool:
        """Write the record's differences (its old version to history; its new values to
        ``updates``, written together by ``_write_updates``); True if any."""
        changed = {
            name: value
            for name, value in want.columns.items()
            if value is not _KEEP and name in row and F.encode(row[name]) != value
        }
        link_changes = {
            name: elements
            for name, elements in want.links.items()
            if any(links_now.get(name, {}).get(e, False) != v for e, v in elements.items())
        }
        if not changed and not link_changes:
            return False
        history.append(
            {
                "entity": spec.name,
                "record_id": rid,
                "revision": row["revision"],
                "data": _snapshot(spec, row, links_now),
                "replaced_at": self.now,
            }
        )
        values = self._values(spec, changed)
        if spec.has_name_key() and "name" in values:
            values["name_key"] = sort_key(values["name"] or "")
        values.update(revision=row["revision"] + 1, updated_at=self.now, updated_by=self.author)
        updates[tuple(sorted(values))].append({**values, _RECORD: rid})
        self._write_links(spec, rid, links_now, link_changes)
        if row.get("deleted_at") is None and values.get("deleted_at") is not None:
            self.outcome.deleted.add((spec.name, rid))
        else:
            self.outcome.changed.add((spec.name, rid))
        return True

    def _insert_links(
        self, spec: F.EntitySpec, new_links: list[tuple[str, dict[str, dict[str, Any]]]]
    ) -> None:
        """The link rows of new records, one statement per link table (a first sync brings
        tens of thousands)."""
        for link in spec.links:
            adds = [
                link.row_values(rid, element, value)
                for rid, links in new_links
                for element, value in links.get(link.name, {}).items()
                if value is not False
            ]
            insert_many(self.connection, link.table, adds)

    def _write_updates(
        self, spec: F.EntitySpec, updates: Mapping[tuple[str, ...], list[dict[str, Any]]]
    ) -> None:
        """The changed records, one statement for those changing the same columns (on the
        regional server each statement is a round trip over the network)."""
        key = spec.table.c[spec.key]
        for columns, rows in updates.items():
            statement = (
                update(spec.table)
                .where(key == bindparam(_RECORD))
                .values({name: bindparam(name) for name in columns})
            )
            self.connection.execute(statement, rows)

    def _write_links(
        self,
        spec: F.EntitySpec,
        rid: str,
        now: Mapping[str, Mapping[str, Any]],
        wanted: Mapping[str, Mapping[str, Any]],
    ) -> None:
        for name, elements in wanted.items():
            link = spec.link(name)
            assert link is not None
            table = link.table
            have = now.get(name, {})
            adds = [
                link.row_values(rid, e, v)
                for e, v in elements.items()
                if v is not False and have.get(e, False) is False
            ]
            for element, value in elements.items():
                if value is not False or have.get(element, False) is False:
                    continue
                row = link.row_values(rid, element, True)
                keys = (link.parent_column, *link.key_columns)
                self.connection.execute(
                    delete(table).where(and_(*(table.c[k] == row[k] for k in keys)))
                )
            if adds:
                self.connection.execute(insert(table), adds)

    def _note_actor(
        self, spec: F.EntitySpec, rid: str, row: Mapping[str, Any] | None, want: _Desired
    ) -> None:
        if spec.name == "actor":
            self.outcome.actors.add(rid)
        elif spec.name in ("contact", "capability", "facility", "membership_change"):
            value = want.columns.get("actor_id", _KEEP)
            if value is _KEEP and row is not None:
                value = row["actor_id"]
            if value not in (None, _KEEP):
                self.outcome.actors.add(str(value))


def _agrees(value: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    """True when a snapshot's value is what the row (as a snapshot of it now) holds."""
    return all(
        row[name] == said for name, said in value.items() if name != "created_at" and name in row
    )


def _snapshot(
    spec: F.EntitySpec, row: Mapping[str, Any], links: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The replaced version as ``Tracked.snapshot`` writes it (columns, then link lists)."""
    data = {column.key: F.encode(row[column.key]) for column in spec.table.columns}
    for link in spec.links:
        if link.relationship is not None:
            data[link.name] = sorted(links.get(link.name, {}))
    return data


def set_pending(
    connection: Connection, waiting: set[tuple[str, str]], settled: Iterable[tuple[str, str]]
) -> None:
    """Remember the records still waiting for their owners; forget those written now."""
    have = {
        (row.entity, row.record_id)
        for row in connection.execute(select(PendingRecord.entity, PendingRecord.record_id))
    }
    for entity, record_id in have - waiting:
        if (entity, record_id) in settled:
            connection.execute(
                delete(PendingRecord).where(
                    PendingRecord.entity == entity, PendingRecord.record_id == record_id
                )
            )
    new = [{"entity": e, "record_id": r} for e, r in waiting - have]
    if new:
        connection.execute(insert(PendingRecord), new)
