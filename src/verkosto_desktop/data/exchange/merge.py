"""Merging a received change set into this file, in one transaction.

Order: the erasures first (an erased person is purged and stays out, whatever the clocks say),
then the changes not yet here (stored as they are: importing twice changes nothing), then this
file's clock and knowledge, then every touched record is rewritten from its changes
(``materialise``) and its conflicts recomputed. A dry run does all of it and rolls back, so the
preview is exactly what merging would do.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.exchange import changes, conflicts
from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.exchange.bulk import insert_many, large_cache
from verkosto_desktop.data.exchange.changes import CHANGES
from verkosto_desktop.data.exchange.changeset import FORMAT, ChangeSet
from verkosto_desktop.data.exchange.erased import known_hashes
from verkosto_desktop.data.exchange.hlc import (
    SelfSite,
    load_self,
    observe,
    refresh_vector,
    vector_id_for,
)
from verkosto_desktop.data.exchange.materialise import Materialiser, set_pending
from verkosto_desktop.data.exchange.one_primary import settle_primaries
from verkosto_desktop.data.models import (
    BundleLog,
    ChangeRecord,
    Contact,
    ErasedIdentifier,
    Erasure,
    PeerKnowledge,
    PendingRecord,
    Site,
)
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.coverage_cells import TriggersSetAside
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain import hlc
from verkosto_desktop.domain.merge_rules import SNAPSHOT
from verkosto_desktop.domain.provenance import merged_by
from verkosto_desktop.i18n import _

_REINDEX_ALL_ABOVE = 2000
_RECOUNT_COVERAGE_ABOVE = 2_000  # changes received
_LARGE_MERGE_CACHE_KIB = 64 * 1024  # SQLite's page cache while a large set is merged


class BundleRefused(StoreError):
    """A bundle that cannot be merged into this file; the file is unchanged."""


@dataclass
class MergeSummary:
    """What a merge did (or, in a dry run, would do)."""

    sender: str
    made_at: datetime
    full: bool
    changes: int = 0  # changes not here before
    new: int = 0
    changed: int = 0
    deleted: int = 0
    erased: int = 0
    conflicts: int = 0  # conflicts found by this merge
    skewed: int = 0  # changes stamped more than a day ahead of this laptop's clock
    waiting: int = 0  # records waiting for their owner record
    by_kind: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sender": self.sender,
            "made_at": self.made_at.isoformat(),
            "full": self.full,
            "changes": self.changes,
            "new": self.new,
            "changed": self.changed,
            "deleted": self.deleted,
            "erased": self.erased,
            "conflicts": self.conflicts,
            "skewed": self.skewed,
            "waiting": self.waiting,
        }


class _DryRun(Exception):
    pass


def check_acceptable(change_set: ChangeSet, known_revisions: set[str]) -> None:
    """Refuse a bundle of a newer format or schema, with a sentence saying what to do."""
    if change_set.format > FORMAT or change_set.schema not in known_revisions:
        raise BundleRefused(
            _(
                "The bundle was made by a newer version of Verkosto. Update the program on this "
                "laptop to receive it; nothing was changed."
            )
        )


def _site_ids(connection: Connection, change_set: ChangeSet) -> dict[str, int]:
    ids = {row.uuid: row.id for row in connection.execute(select(Site.id, Site.uuid))}
    names = dict(change_set.sites)
    names[change_set.site] = change_set.site_name
    for uuid, name in names.items():
        if uuid not in ids:
            key = connection.execute(
                insert(Site).values(
                    uuid=uuid, name=name, is_self=False, clock=0, bound_to="", created_at=utcnow()
                )
            ).inserted_primary_key
            assert key is not None
            ids[uuid] = int(key[0])
    # The sender names itself; other names are hearsay and only fill blanks.
    connection.execute(
        update(Site)
        .where(Site.uuid == change_set.site, Site.is_self.is_(False))
        .values(name=change_set.site_name)
    )
    return ids


def _apply_erasures(session: Session, change_set: ChangeSet) -> tuple[int, set[tuple[str, str]]]:
    from verkosto_desktop.data.register.privacy import erase_in_session

    connection = session.connection()
    known = {
        (row.entity, row.record_id)
        for row in connection.execute(select(Erasure.entity, Erasure.record_id))
    }
    new = [(e, r, t, s) for e, r, t, s in change_set.erasures if (e, r) not in known]
    for entity, record_id, erased_at, site in new:
        connection.execute(
            insert(Erasure).values(
                entity=entity,
                record_id=record_id,
                erased_at=datetime.fromisoformat(erased_at),
                erased_by=merged_by(change_set.site_name, change_set.made_at),
                origin_site=site,
            )
        )
    hashes = set(change_set.erased_identifiers) - known_hashes(
        session, change_set.erased_identifiers
    )
    if hashes:
        connection.execute(
            insert(ErasedIdentifier), [{"hash": h, "erased_at": utcnow()} for h in sorted(hashes)]
        )
    # Only the people this file holds are erased here (the erasure records of the others are
    # kept above); what erase_in_session returns is not needed.
    contacts = [r for e, r, _t, _s in new if e == "contact"]
    present = (
        list(session.scalars(select(Contact.id).where(Contact.id.in_(contacts))))
        if contacts
        else []
    )
    if present:
        erase_in_session(session, present)
    erased_now = len(present)
    if new:  # (erasures travel in every change set; those already here were purged then)
        changes.purge_records(connection, [(e, r) for e, r, _t, _s in new])
    return erased_now, known | {(e, r) for e, r, _t, _s in new}


@dataclass
class _Incoming:
    """The changes of a set not here yet, as rows to insert, and what they touch."""

    rows: list[dict[str, Any]]
    touched: dict[str, set[str]]
    highest: int
    # Records whose only new changes are snapshots, with those snapshots' values.
    snapshots_only: dict[tuple[str, str], list[dict[str, Any]]]


def _new_changes(
    connection: Connection,
    change_set: ChangeSet,
    site_ids: dict[str, int],
    erased: set[tuple[str, str]],
    bundle_id: int,
) -> _Incoming:
    """The changes of ``change_set`` this file does not hold yet (importing twice adds none)."""
    vector_ids = [vector_id_for(connection, vector) for vector in change_set.vectors]
    by_site: dict[int, list[tuple[str, str, str, Any, int, int | None]]] = defaultdict(list)
    for entity, record_id, name, value, stamp, site_index, vector_index in change_set.changes:
        if (entity, record_id) in erased:
            continue
        site_id = site_ids[change_set.sites[site_index][0]]
        vector = None if vector_index is None else vector_ids[vector_index]
        by_site[site_id].append((entity, record_id, name, value, stamp, vector))
    incoming = _Incoming([], defaultdict(set), 0, {})
    fields_changed: set[tuple[str, str]] = set()
    snapshots: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for site_id, items in by_site.items():
        low, high = min(i[4] for i in items), max(i[4] for i in items)
        have = {
            (r.hlc, r.entity, r.record_id, r.field)
            for r in connection.execute(
                select(
                    ChangeRecord.hlc,
                    ChangeRecord.entity,
                    ChangeRecord.record_id,
                    ChangeRecord.field,
                ).where(
                    ChangeRecord.site_id == site_id,
                    ChangeRecord.hlc >= low,
                    ChangeRecord.hlc <= high,
                )
            )
        }
        for entity, record_id, name, value, stamp, vector in items:
            if (stamp, entity, record_id, name) in have:
                continue
            have.add((stamp, entity, record_id, name))
            incoming.rows.append(
                {
                    "entity": entity,
                    "record_id": record_id,
                    "field": name,
                    "value": value,
                    "hlc": stamp,
                    "site_id": site_id,
                    "vector_id": vector,
                    "bundle_id": bundle_id,
                }
            )
            incoming.touched[entity].add(record_id)
            if stamp > incoming.highest:
                incoming.highest = stamp
            if name == SNAPSHOT and isinstance(value, dict):
                snapshots[(entity, record_id)].append(value)
            else:
                fields_changed.add((entity, record_id))
    incoming.snapshots_only = {
        key: values for key, values in snapshots.items() if key not in fields_changed
    }
    return incoming


def _store(connection: Connection, incoming: _Incoming, agreeing: set[tuple[str, str]]) -> None:
    """Insert the new changes; a snapshot saying what its record's row already holds is kept
    without its value, as this file's own snapshots are (``changes.seal``)."""
    rows = incoming.rows
    for row in rows:
        if row["field"] == SNAPSHOT and (row["entity"], row["record_id"]) in agreeing:
            row["value"] = None
    insert_many(connection, CHANGES, rows)


def _single_snapshots(incoming: _Incoming) -> dict[tuple[str, str], tuple[Any, int, int]]:
    """{(entity, record id): (value, stamp, site id)} of the records this set brings exactly
    one change of, a snapshot with its value (on a first sync: every record)."""
    counts = Counter((row["entity"], row["record_id"]) for row in incoming.rows)
    return {
        (row["entity"], row["record_id"]): (row["value"], row["hlc"], row["site_id"])
        for row in incoming.rows
        if row["field"] == SNAPSHOT
        and isinstance(row["value"], dict)
        and counts[(row["entity"], row["record_id"])] == 1
    }


def _update_knowledge(
    connection: Connection, change_set: ChangeSet, site_ids: dict[str, int], me: SelfSite
) -> None:
    clocks = dict(connection.execute(select(Site.uuid, Site.clock)).all())
    for origin, upto in change_set.known.items():
        if origin == me.uuid:
            continue
        # The bundle holds every change of ``origin`` above ``base``: that fills our gap only
        # when we already had everything up to ``base`` (a bundle made for another laptop
        # may not).
        if change_set.base.get(origin, -1) <= clocks.get(origin, 0) < upto:
            connection.execute(update(Site).where(Site.uuid == origin).values(clock=upto))
    sender = site_ids[change_set.site]
    have = dict(
        connection.execute(
            select(PeerKnowledge.origin_id, PeerKnowledge.clock).where(
                PeerKnowledge.peer_id == sender
            )
        ).all()
    )
    for origin, upto in change_set.known.items():
        origin_id = site_ids.get(origin)
        if origin_id is None:
            continue
        if origin_id not in have:
            connection.execute(
                insert(PeerKnowledge).values(peer_id=sender, origin_id=origin_id, clock=upto)
            )
        elif have[origin_id] < upto:
            connection.execute(
                update(PeerKnowledge)
                .where(PeerKnowledge.peer_id == sender, PeerKnowledge.origin_id == origin_id)
                .values(clock=upto)
            )
    connection.execute(update(Site).where(Site.id == sender).values(last_received_at=utcnow()))
    refresh_vector(connection)


def _defer_foreign_keys(connection: Connection) -> None:
    # Records of one kind may point at each other in any order within a bundle; the keys are
    # checked at commit instead. (SQLite; other databases would use deferrable constraints.)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


def merge(
    store: Store, change_set: ChangeSet, *, dry_run: bool = False, wall: int | None = None
) -> MergeSummary:
    """Merge ``change_set`` into ``store`` (see the module docstring)."""
    from verkosto_desktop.data.storage.migrate import known_revisions

    check_acceptable(change_set, known_revisions())
    summary = MergeSummary(change_set.site_name, change_set.made_at, change_set.full)
    wall = hlc.now_ms() if wall is None else wall
    try:
        with store.write() as session, contextlib.ExitStack() as stack:
            changes.pause(session)
            connection = session.connection()
            _defer_foreign_keys(connection)
            if len(change_set.changes) > _RECOUNT_COVERAGE_ABOVE:
                stack.enter_context(large_cache(connection, _LARGE_MERGE_CACHE_KIB))
            me = load_self(connection)
            if me is None:
                raise BundleRefused(_("This file has no site yet; open it for writing."))
            if change_set.site == me.uuid:
                raise BundleRefused(
                    _("This bundle was made by this very file; nothing to receive.")
                )
            site_ids = _site_ids(connection, change_set)
            summary.erased, erased = _apply_erasures(session, change_set)
            bundle_id = connection.execute(
                insert(BundleLog).values(
                    direction="in",
                    site_id=site_ids[change_set.site],
                    made_at=change_set.made_at,
                    full=change_set.full,
                    counts={},
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            incoming = _new_changes(connection, change_set, site_ids, erased, bundle_id)
            touched, highest = incoming.touched, incoming.highest
            summary.changes = len(incoming.rows)
            author = merged_by(change_set.site_name, change_set.made_at)
            materialiser = Materialiser(connection, erased, author, utcnow())
            agreeing = materialiser.agreeing(incoming.snapshots_only)
            # A record held here whose snapshot in the bundle says otherwise enters the log
            # (as this file's snapshot) first: the difference is then a conflict, whichever
            # laptop sent first, never a silent overwrite.
            differing = {
                (row["entity"], row["record_id"])
                for row in incoming.rows
                if row["field"] == SNAPSHOT
            } - agreeing
            if differing and changes.seal_records(connection, me, differing):
                me = load_self(connection) or me
            _store(connection, incoming, agreeing)
            materialiser.alone = _single_snapshots(incoming)
            summary.skewed = sum(1 for c in change_set.changes if hlc.is_ahead(c[4], wall))
            if highest:
                observe(connection, me, highest, wall)
            _update_knowledge(connection, change_set, site_ids, me)
            for row in connection.execute(select(PendingRecord.entity, PendingRecord.record_id)):
                touched[row.entity].add(row.record_id)
            skip: dict[str, set[str]] = defaultdict(set)
            for entity, record_id in agreeing:
                skip[entity].add(record_id)
            # Many records at once (a first sync, a full bundle): the file's coverage counts
            # are made afresh once instead of by their triggers for every link row written.
            aside = (
                TriggersSetAside(connection)
                if len(incoming.rows) > _RECOUNT_COVERAGE_ABOVE and not store.is_server
                else None
            )
            outcome = materialiser.run({e: ids - skip[e] for e, ids in touched.items()})
            if aside is not None:
                aside.restore()
            settled = {(e, r) for e, ids in touched.items() for r in ids} - agreeing
            set_pending(connection, outcome.waiting, settled)
            if outcome.dropped:
                changes.purge_records(connection, outcome.dropped)
            summary.conflicts = conflicts.replace(
                connection, settled - outcome.waiting, outcome.conflicts
            )
            if not store.is_server:  # laptops settle it; the server keeps what they send
                settle_primaries(session, me, outcome.actors)
            summary.new, summary.changed = len(outcome.created), len(outcome.changed)
            summary.deleted, summary.waiting = len(outcome.deleted), len(outcome.waiting)
            if len(outcome.actors) > _REINDEX_ALL_ABOVE:
                search_index.rebuild(session)
            else:
                search_index.reindex(session, outcome.actors)
            connection.execute(
                update(BundleLog).where(BundleLog.id == bundle_id).values(counts=summary.as_dict())
            )
            # The window is told about what was written, not about everything the bundle held.
            for entity, record_id in outcome.created | outcome.changed | outcome.deleted:
                kind = F.change_kind(F.BY_NAME[entity])
                if kind is not ChangeKind.ACTOR:
                    record_change(session, kind, record_id)
            record_change(session, ChangeKind.ACTOR, *outcome.actors)
            record_change(session, ChangeKind.SITE, change_set.site)
            record_change(session, ChangeKind.CONFLICT)
            if dry_run:
                raise _DryRun
    except _DryRun:
        return summary
    if summary.erased:
        store.checkpoint()
    return summary
