"""What a bundle carries, as plain data: the manifest, the sites, the knowledge vectors, the
changes and every erasure. ``collect`` reads it from a file; ``merge`` writes it into another.

Incremental by default: for a peer whose knowledge is known (from its own bundles), only the
changes of each site above what the peer already holds; ``full`` sends everything. Erasures
always travel, all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.exchange import changes
from verkosto_desktop.data.exchange.hlc import knowledge, load_self
from verkosto_desktop.data.exchange.networks import only_networks
from verkosto_desktop.data.models import (
    ChangeRecord,
    ClockVector,
    ErasedIdentifier,
    Erasure,
    PeerKnowledge,
    Site,
)
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.i18n import _

FORMAT = 1


@dataclass
class ChangeSet:
    """The content of a bundle."""

    schema: str
    site: str  # the sending site's uuid
    site_name: str
    made_at: datetime
    full: bool
    for_peer: str | None
    # Per origin site: the stamp above which changes are included (what the peer had).
    base: dict[str, int]
    # Per origin site: the stamp below which the sender holds every change (its own: its clock).
    known: dict[str, int]
    sites: list[tuple[str, str]]  # (uuid, name), indexed by the changes
    vectors: list[dict[str, int]]
    # (entity, record id, field, value, stamp, site index, vector index or None)
    changes: list[tuple[str, str, str, Any, int, int, int | None]]
    erasures: list[tuple[str, str, str, str | None]]  # (entity, record id, erased at, site)
    # One-way hashes of erased people's phone numbers and e-mail addresses (no names): an
    # import on the receiving laptop never brings them back either.
    erased_identifiers: list[str] = field(default_factory=list)
    format: int = FORMAT
    counts: dict[str, int] = field(default_factory=dict)

    def manifest(self) -> dict[str, Any]:
        """The manifest: what the bundle is, from whom, for whom, and how much it holds."""
        return {
            "format": self.format,
            "schema": self.schema,
            "site": self.site,
            "site_name": self.site_name,
            "made_at": self.made_at.isoformat(),
            "full": self.full,
            "for_peer": self.for_peer,
            "base": self.base,
            "known": self.known,
            "counts": self.totals(),
        }

    def totals(self) -> dict[str, int]:
        """How many changes, records and erasures the set holds (counted once)."""
        if not self.counts:
            self.counts = {
                "changes": len(self.changes),
                "erasures": len(self.erasures),
                "records": len({(c[0], c[1]) for c in self.changes}),
            }
        return self.counts

    def to_data(self) -> dict[str, Any]:
        """Everything as JSON-ready data."""
        return {
            "manifest": self.manifest(),
            "sites": [list(s) for s in self.sites],
            "vectors": self.vectors,
            "changes": [list(c) for c in self.changes],
            "erasures": [list(e) for e in self.erasures],
            "erased_identifiers": self.erased_identifiers,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ChangeSet:
        """Read back what ``to_data`` wrote; ``ValueError`` or ``KeyError`` when malformed."""
        manifest = data["manifest"]
        return cls(
            schema=str(manifest["schema"]),
            site=str(manifest["site"]),
            site_name=str(manifest.get("site_name", "")),
            made_at=datetime.fromisoformat(manifest["made_at"]),
            full=bool(manifest["full"]),
            for_peer=manifest.get("for_peer"),
            base={str(k): int(v) for k, v in manifest["base"].items()},
            known={str(k): int(v) for k, v in manifest["known"].items()},
            sites=[(str(u), str(n)) for u, n in data["sites"]],
            vectors=[{str(k): int(v) for k, v in vector.items()} for vector in data["vectors"]],
            changes=[
                (str(e), str(r), str(f), v, int(h), int(s), None if x is None else int(x))
                for e, r, f, v, h, s, x in data["changes"]
            ],
            erasures=[
                (str(e), str(r), str(t), None if s is None else str(s))
                for e, r, t, s in data["erasures"]
            ],
            erased_identifiers=[str(h) for h in data.get("erased_identifiers", [])],
            format=int(manifest["format"]),
        )


def _schema(connection: Connection) -> str:
    return str(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one())


def _base_for(connection: Connection, peer_uuid: str | None) -> dict[str, int]:
    if peer_uuid is None:
        return {}
    peer_site = Site.__table__.alias("peer")
    rows = connection.execute(
        select(Site.uuid, PeerKnowledge.clock)
        .join(PeerKnowledge, PeerKnowledge.origin_id == Site.id)
        .join(peer_site, peer_site.c.id == PeerKnowledge.peer_id)
        .where(peer_site.c.uuid == peer_uuid)
    )
    return {row.uuid: int(row.clock) for row in rows}


def collect(
    store: Store,
    *,
    peer: str | None = None,
    full: bool = False,
    networks: Sequence[str] | None = None,
) -> ChangeSet:
    """The changes for ``peer`` (a site uuid) that it does not hold yet, or everything when
    ``full`` or when nothing is known of the peer; only of records of ``networks`` (and of
    records of no network) when given. Records never sent before get their snapshot first (a
    write)."""
    with store.write() as session:
        connection = session.connection()
        me = load_self(connection)
        if me is None:
            raise StoreError(_("This file has no site yet; open it for writing."))
        changes.seal(connection, me)
        me = load_self(connection)
        assert me is not None
        base = {} if full else _base_for(connection, peer)
        known = {**knowledge(connection), me.uuid: me.clock}
        sites = connection.execute(select(Site.id, Site.uuid, Site.name)).all()
        site_index: dict[int, int] = {}
        site_list: list[tuple[str, str]] = []
        vector_index: dict[int, int] = {}
        rows: list[tuple[str, str, str, Any, int, int, int | None]] = []
        for site in sites:
            above = base.get(site.uuid, -1)
            query = (
                select(
                    ChangeRecord.entity,
                    ChangeRecord.record_id,
                    ChangeRecord.field,
                    ChangeRecord.value,
                    ChangeRecord.hlc,
                    ChangeRecord.vector_id,
                )
                .where(ChangeRecord.site_id == site.id, ChangeRecord.hlc > above)
                .order_by(ChangeRecord.hlc)
            )
            for change in connection.execute(query):
                if site.id not in site_index:
                    site_index[site.id] = len(site_list)
                    site_list.append((site.uuid, site.name))
                vector = None
                if change.vector_id is not None:
                    vector = vector_index.setdefault(change.vector_id, len(vector_index))
                rows.append(
                    (
                        change.entity,
                        change.record_id,
                        change.field,
                        change.value,
                        int(change.hlc),
                        site_index[site.id],
                        vector,
                    )
                )
        if networks is not None:
            rows = only_networks(connection, rows, networks)
        filled = [list(row) for row in rows]
        changes.fill_snapshots(connection, filled)
        rows = [
            (e, r, f, v, h, s, x) for e, r, f, v, h, s, x in filled if not (f == "*" and v is None)
        ]
        vectors_by_id = dict(
            connection.execute(
                select(ClockVector.id, ClockVector.data).where(
                    ClockVector.id.in_(list(vector_index))
                )
            ).all()
        )
        vectors = [
            vectors_by_id[vid] for vid, _i in sorted(vector_index.items(), key=lambda kv: kv[1])
        ]
        erasures = [
            (e.entity, e.record_id, e.erased_at.isoformat(), e.origin_site or me.uuid)
            for e in connection.execute(
                select(
                    Erasure.entity, Erasure.record_id, Erasure.erased_at, Erasure.origin_site
                ).order_by(Erasure.id)
            )
        ]
        hashes = list(connection.execute(select(ErasedIdentifier.hash)).scalars())
        for uuid, name in ((s.uuid, s.name) for s in sites):
            if uuid not in {u for u, _n in site_list}:
                site_list.append((uuid, name))
        name = next(s.name for s in sites if s.uuid == me.uuid)
        return ChangeSet(
            schema=_schema(connection),
            site=me.uuid,
            site_name=name,
            made_at=utcnow(),
            full=not base,
            for_peer=peer,
            base=base,
            known=known,
            sites=site_list,
            vectors=vectors,
            changes=rows,
            erasures=erasures,
            erased_identifiers=hashes,
        )


def mark_sent(store: Store, peer: str | None) -> None:
    """Note that a bundle for ``peer`` was written (shown in the status bar)."""
    if peer is None:
        return
    with store.write() as session:
        session.execute(update(Site).where(Site.uuid == peer).values(last_sent_at=utcnow()))
