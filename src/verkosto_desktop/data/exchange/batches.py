"""Import batches: the list of imports, the mapping a file with the same headers had, and "Undo
import", which reverses exactly one batch.

Undo puts every record the import created in the trash and gives every record it changed back
its version from before the import (from the history table), in one transaction after a
backup. A record edited since the import (its revision moved on), or an actor that has got
contacts, capabilities or premises of its own since, is left as it is and listed instead: undo
never overwrites what someone did after the import."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.catalogues import capability_categories
from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.exchange.mapping import (
    Mapping,
    headers_signature,
    mapping_from_data,
    suggest,
)
from verkosto_desktop.data.exchange.table import Table
from verkosto_desktop.data.models import (
    Actor,
    Capability,
    Contact,
    Facility,
    History,
    ImportBatch,
    ImportBatchItem,
    MembershipChange,
    Record,
)
from verkosto_desktop.data.models.types import device_user, utcnow
from verkosto_desktop.data.recording import keep_history, touch
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.register.history import put_back
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _, ngettext

_MODELS: dict[str, type[Record]] = {"actor": Actor, "contact": Contact, "capability": Capability}
_CHUNK = 500


class UndoRefused(VerkostoError):
    """The batch cannot be undone (already undone, or unknown)."""


@dataclass(frozen=True)
class BatchRow:
    """One import, for lists."""

    id: str
    imported_at: datetime
    imported_by: str
    file_name: str
    file_kind: str
    counts: dict[str, int]
    undone_at: datetime | None

    @property
    def actors(self) -> int:
        """Actors the import brought or changed."""
        return sum(
            int(self.counts.get(k, 0)) for k in ("actors_new", "actors_filled", "actors_updated")
        )

    @property
    def contacts(self) -> int:
        """Contact people the import brought or changed."""
        return sum(
            int(self.counts.get(k, 0))
            for k in ("contacts_new", "contacts_filled", "contacts_updated")
        )


@dataclass(frozen=True)
class UndoConflict:
    """A record left as it is by undo, and why."""

    entity: str
    record_id: str
    name: str
    reason: str


@dataclass(frozen=True)
class UndoResult:
    """What undo did: records put in the trash, records given back their earlier version, and
    those left alone."""

    batch_id: str
    trashed: int
    restored: int
    conflicts: tuple[UndoConflict, ...]


def _row(batch: ImportBatch) -> BatchRow:
    return BatchRow(
        batch.id,
        batch.imported_at,
        batch.imported_by,
        batch.file_name,
        batch.file_kind,
        dict(batch.counts or {}),
        batch.undone_at,
    )


def list_batches(store: Store) -> list[BatchRow]:
    """Every import in this file, newest first."""
    with store.read() as session:
        query = select(ImportBatch).order_by(ImportBatch.imported_at.desc(), ImportBatch.id)
        return [_row(batch) for batch in session.scalars(query)]


def latest_batch(store: Store) -> BatchRow | None:
    """The newest import that has not been undone (the register offers to undo it)."""
    with store.read() as session:
        batch = session.scalars(
            select(ImportBatch)
            .where(ImportBatch.undone_at.is_(None))
            .order_by(ImportBatch.imported_at.desc())
            .limit(1)
        ).first()
        return _row(batch) if batch is not None else None


def batch_title(batch: BatchRow) -> str:
    """``Imported 6.12.2026 from yhdistykset.csv: 143 actors, 201 contact people``."""
    actors = ngettext("{count} actor", "{count} actors", batch.actors).format(count=batch.actors)
    contacts = ngettext("{count} contact person", "{count} contact people", batch.contacts).format(
        count=batch.contacts
    )
    return _("Imported {date} from {file}: {actors}, {contacts}").format(
        date=format_date(batch.imported_at), file=batch.file_name, actors=actors, contacts=contacts
    )


def remembered_mapping(store: Store, headers: tuple[str, ...]) -> tuple[Mapping, BatchRow] | None:
    """The mapping of the newest import of a file with the same header row, if any."""
    with store.read() as session:
        batch = session.scalars(
            select(ImportBatch)
            .where(ImportBatch.headers_key == headers_signature(headers))
            .order_by(ImportBatch.imported_at.desc())
            .limit(1)
        ).first()
        if batch is None:
            return None
        try:
            mapping = mapping_from_data(batch.mapping)
        except VerkostoError:
            return None  # a target this version no longer knows: suggest afresh
        return mapping, _row(batch)


def initial_mapping(store: Store, table: Table) -> tuple[Mapping, BatchRow | None]:
    """The mapping to start from: the one used for a file with the same headers before (and
    that import), else the suggestion from known headers (and None)."""
    remembered = remembered_mapping(store, table.headers)
    if remembered is not None:
        mapping, batch = remembered
        for header in table.headers:
            mapping.columns.setdefault(header, None)
        return mapping, batch
    mapping = suggest(table.headers, capability_categories(store))
    mapping.columns.update(table.known_mapping)
    return mapping, None


def find_batch(session: Session, text: str) -> ImportBatch:
    """The batch whose id is ``text`` or begins with it (a unique beginning is enough)."""
    wanted = text.strip()
    matches = (
        list(session.scalars(select(ImportBatch).where(ImportBatch.id.like(wanted + "%")).limit(2)))
        if wanted
        else []
    )
    if len(matches) != 1:
        raise NotFound(
            _("No import {id} in this file.").format(id=wanted)
            if not matches
            else _("Several imports begin with {id}; give more of the id.").format(id=wanted)
        )
    return matches[0]


def _name(obj: Any) -> str:
    return str(getattr(obj, "name", "") or getattr(obj, "description", "") or obj.category_key)


def _load(session: Session, entity: str, ids: list[str]) -> dict[str, Any]:
    model = _MODELS[entity]
    found: dict[str, Any] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for obj in session.scalars(select(model).where(model.id.in_(chunk))):
            found[obj.id] = obj
    return found


def _added_since(session: Session, actor_ids: list[str], created: set[str]) -> set[str]:
    """Actors among ``actor_ids`` with live children that the batch did not create."""
    found: set[str] = set()
    for model in (Contact, Capability, Facility):
        for start in range(0, len(actor_ids), _CHUNK):
            chunk = actor_ids[start : start + _CHUNK]
            rows = session.execute(
                select(model.actor_id, model.id).where(
                    model.actor_id.in_(chunk),
                    model.deleted_at.is_(None),
                )
            )
            found.update(actor_id for actor_id, child_id in rows if child_id not in created)
    return found


def _snapshot(
    session: Session, entity: str, record_id: str, revision: int
) -> dict[str, Any] | None:
    return session.scalars(
        select(History.data)
        .where(
            History.entity == entity,
            History.record_id == record_id,
            History.revision == revision,
        )
        .order_by(History.id.desc())
        .limit(1)
    ).first()


def undo_batch(store: Store, batch_id: str, *, backup: bool = True) -> UndoResult:
    """Reverse exactly the import ``batch_id`` (an id or its unique beginning); see the module.
    Raises ``UndoRefused`` when it was undone already, ``NotFound`` when there is no such
    import."""
    if backup and not store.is_server:
        from verkosto_desktop.data.storage.backups import make_backup

        make_backup(store.path, "import")
    with store.write() as session:
        batch = find_batch(session, batch_id)
        if batch.undone_at is not None:
            raise UndoRefused(
                _("The import of {file} was undone already on {date}.").format(
                    file=batch.file_name, date=format_date(batch.undone_at)
                )
            )
        items = list(
            session.scalars(select(ImportBatchItem).where(ImportBatchItem.batch_id == batch.id))
        )
        by_entity: dict[str, list[ImportBatchItem]] = defaultdict(list)
        for item in items:
            by_entity[item.entity].append(item)
        objects = {
            entity: _load(session, entity, [i.record_id for i in entity_items])
            for entity, entity_items in by_entity.items()
        }
        created = {i.record_id for i in items if i.action == "created"}
        new_actors = [i.record_id for i in by_entity.get("actor", []) if i.action == "created"]
        grown = _added_since(session, new_actors, created)
        conflicts: list[UndoConflict] = []
        touched: set[str] = set()
        trashed = restored = 0
        now = utcnow()
        for entity in ("capability", "contact", "actor"):
            for item in by_entity.get(entity, []):
                obj = objects[entity].get(item.record_id)
                if obj is None:
                    continue  # erased since: nothing left to take back
                reason = ""
                if obj.revision != item.revision_after:
                    reason = _("edited after the import")
                elif entity == "actor" and item.action == "created" and obj.id in grown:
                    reason = _("has contacts, capabilities or premises added after the import")
                if reason:
                    conflicts.append(UndoConflict(entity, obj.id, _name(obj), reason))
                    continue
                actor_id = obj.id if entity == "actor" else obj.actor_id
                if item.action == "created":
                    keep_history(session, obj)
                    obj.deleted_at = now
                    touch(obj)
                    trashed += 1
                else:
                    data = _snapshot(session, entity, obj.id, item.revision_before or 0)
                    if data is None:
                        conflicts.append(
                            UndoConflict(
                                entity, obj.id, _name(obj), _("its earlier version is gone")
                            )
                        )
                        continue
                    status = obj.membership_status if entity == "actor" else None
                    put_back(session, obj, data)
                    if status is not None and obj.membership_status != status:
                        session.add(
                            MembershipChange(
                                actor_id=obj.id,
                                status=obj.membership_status,
                                changed_on=now.date(),
                                invited_by_id=obj.invited_by_id,
                            )
                        )
                    restored += 1
                touched.add(actor_id)
                record_change(session, ChangeKind(entity), obj.id)
        batch.undone_at = now
        batch.undone_by = device_user()
        session.flush()
        search_index.reindex(session, touched)
        record_change(session, ChangeKind.ACTOR, *touched)
        record_change(session, ChangeKind.IMPORT_BATCH, batch.id)
        return UndoResult(batch.id, trashed, restored, tuple(conflicts))
