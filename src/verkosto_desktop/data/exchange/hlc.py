"""This file's clock and knowledge, kept in the site table and updated inside write transactions.

Stamps are issued inside the writing transaction (``BEGIN IMMEDIATE``), so two programs writing
one file never issue the same stamp and the order of stamps is the order of commits.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from verkosto_desktop.data.models import ClockVector, Site
from verkosto_desktop.domain import hlc


@dataclass(frozen=True)
class SelfSite:
    """This file's own site as the change log needs it."""

    id: int
    uuid: str
    clock: int
    vector_id: int | None


def load_self(connection: Connection) -> SelfSite | None:
    """This file's site, or None when it has none yet (a file never opened for writing)."""
    row = connection.execute(
        select(Site.id, Site.uuid, Site.clock, Site.vector_id).where(Site.is_self.is_(True))
    ).first()
    if row is None:
        return None
    return SelfSite(row.id, row.uuid, row.clock, row.vector_id)


def issue(connection: Connection, site: SelfSite, wall: int | None = None) -> int:
    """A new stamp for this site, recorded as its clock."""
    stamp = next_stamp(site, wall)
    record_clock(connection, site, stamp)
    return stamp


def next_stamp(site: SelfSite, wall: int | None = None) -> int:
    """The stamp ``issue`` would give now (nothing recorded: see ``record_clock``)."""
    return hlc.tick(site.clock, hlc.now_ms() if wall is None else wall)


def record_clock(connection: Connection, site: SelfSite, stamp: int) -> None:
    """Record ``stamp`` (from ``next_stamp``, used) as this site's clock."""
    connection.execute(update(Site).where(Site.id == site.id).values(clock=stamp))


def observe(connection: Connection, site: SelfSite, remote: int, wall: int | None = None) -> None:
    """Move this site's clock past a received stamp (within a day of the wall clock)."""
    clock = hlc.receive(site.clock, remote, hlc.now_ms() if wall is None else wall)
    if clock != site.clock:
        connection.execute(update(Site).where(Site.id == site.id).values(clock=clock))


def _digest(data: dict[str, int]) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def vector_id_for(connection: Connection, data: dict[str, int]) -> int:
    """The row id of a knowledge vector (stored once however many changes carry it)."""
    digest = _digest(data)
    found = connection.execute(select(ClockVector.id).where(ClockVector.digest == digest)).first()
    if found is not None:
        return int(found[0])
    key = connection.execute(
        insert(ClockVector).values(digest=digest, data=data)
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def knowledge(connection: Connection) -> dict[str, int]:
    """{site uuid: stamp} of every other site: everything it made up to that stamp is here."""
    rows = connection.execute(
        select(Site.uuid, Site.clock).where(Site.is_self.is_(False), Site.clock > 0)
    )
    return {row.uuid: int(row.clock) for row in rows}


def refresh_vector(connection: Connection) -> int:
    """Point this site at the vector of what it knows now (after a merge or a new site)."""
    vector_id = vector_id_for(connection, knowledge(connection))
    connection.execute(update(Site).where(Site.is_self.is_(True)).values(vector_id=vector_id))
    return vector_id
