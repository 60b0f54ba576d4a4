"""This file's site: a UUID and a name, bound to one file on one machine.

A copy of the file (another path, another machine, a restored backup) becomes a new site the
first time it is opened for writing: two files never share a site, so no two laptops ever issue
the same stamp, and what peers know of one file never stands for another. The site the copy
came from stays in the file as a peer whose every change is already here — which is how a
network usually starts: the coordinator copies the file to the others.
"""

from __future__ import annotations

import contextlib
import os
import platform
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, insert, select, update

from verkosto_desktop.data.models import Site
from verkosto_desktop.data.models.types import device_user, utcnow
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _

_MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


@dataclass(frozen=True)
class SiteInfo:
    """A site as the window and the command line show it."""

    uuid: str
    name: str
    is_self: bool
    clock: int
    last_received_at: datetime | None
    last_sent_at: datetime | None


def machine_id() -> str:
    """An identifier of this machine read from local files only (no network lookup)."""
    for path in _MACHINE_ID_FILES:
        with contextlib.suppress(OSError):
            text = path.read_text(encoding="ascii").strip()
            if text:
                return text
    return platform.node() or "machine"


def binding(path: Path) -> str:
    """What a site is bound to: this machine, the file's path and the file's identity on disk."""
    resolved = path.resolve()
    try:
        stat = os.stat(resolved)
        inode = f"{stat.st_dev}:{stat.st_ino}"
    except OSError:
        inode = "?"
    return f"{machine_id()}|{resolved}|{inode}"


def _default_name(path: Path) -> str:
    return f"{device_user()} · {path.stem}"


def create_self(
    connection: Connection, path: Path | None, name: str | None = None, *, bound_to: str = ""
) -> int:
    """Make a new site for this file (``path``; the regional register gives ``name`` and
    ``bound_to`` instead); an earlier own site becomes a peer (its changes are all here).
    Returns the new site's row id."""
    previous = connection.execute(select(Site.id, Site.name).where(Site.is_self.is_(True))).first()
    if previous is not None:
        connection.execute(update(Site).where(Site.id == previous.id).values(is_self=False))
    site_id = connection.execute(
        insert(Site).values(
            uuid=str(uuid.uuid4()),
            name=name or _default_name(path or Path("?")),
            is_self=True,
            clock=0,
            bound_to=binding(path) if path is not None else bound_to,
            created_at=utcnow(),
        )
    ).inserted_primary_key
    assert site_id is not None
    from verkosto_desktop.data.exchange.hlc import refresh_vector

    refresh_vector(connection)
    return int(site_id[0])


def ensure_bound(store: Store, *, force_new: bool = False) -> bool:
    """Give the file its own site if it has none, or a new one if it is a copy (bound to another
    path, machine or file); ``force_new`` after a restore. True when a new site was made."""
    if store.readonly:
        return False
    wanted = binding(store.path)
    with store.engine.connect() as connection:
        row = connection.execute(select(Site.bound_to).where(Site.is_self.is_(True))).first()
    if row is not None and row.bound_to == wanted and not force_new:
        return False
    with store.write() as session:
        connection = session.connection()
        row = connection.execute(select(Site.bound_to).where(Site.is_self.is_(True))).first()
        if row is not None and row.bound_to == wanted and not force_new:
            return False
        create_self(connection, store.path)
    store.notify(Change(ChangeKind.SITE, frozenset()))
    return True


def sharing_available(store: Store) -> bool:
    """False for a file from before sharing opened read-only (it was not updated, so it has no
    sites, changes or conflicts to show)."""
    from sqlalchemy import inspect

    with store.engine.connect() as connection:
        return bool(inspect(connection).has_table(Site.__tablename__))


def this_site(store: Store) -> SiteInfo:
    """This file's site."""
    with store.read() as session:
        row = session.scalars(select(Site).where(Site.is_self.is_(True))).first()
        if row is None:
            raise ValidationError("site", _("This file has no site yet; open it for writing."))
        return _info(row)


def _info(row: Site) -> SiteInfo:
    return SiteInfo(
        uuid=row.uuid,
        name=row.name,
        is_self=row.is_self,
        clock=row.clock,
        last_received_at=row.last_received_at,
        last_sent_at=row.last_sent_at,
    )


def peers(store: Store) -> list[SiteInfo]:
    """Every other site heard of, by name."""
    with store.read() as session:
        rows = session.scalars(select(Site).where(Site.is_self.is_(False)).order_by(Site.name))
        return [_info(row) for row in rows]


def rename(store: Store, name: str) -> SiteInfo:
    """Set this site's name (shown to the others in their merge summaries and histories)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("name", _("Give the site a name"))
    if len(name) > 300:
        raise ValidationError("name", _("The name is too long"))
    with store.write() as session:
        row = session.scalars(select(Site).where(Site.is_self.is_(True))).one()
        row.name = name
        info = _info(row)
    store.notify(Change(ChangeKind.SITE, frozenset()))
    return info


def find_peer(store: Store, name_or_uuid: str) -> SiteInfo:
    """The peer named ``name_or_uuid`` (its full name, or its UUID or a unique beginning of it)."""
    wanted = name_or_uuid.strip()
    candidates = [p for p in peers(store) if wanted in (p.name, p.uuid)]
    if not candidates:
        candidates = [
            p
            for p in peers(store)
            if p.uuid.startswith(wanted) or p.name.casefold() == wanted.casefold()
        ]
    if len(candidates) != 1:
        names = ", ".join(sorted(p.name for p in peers(store))) or "—"
        message = (
            _("No other site is called {name}. Known sites: {names}")
            if not candidates
            else _("Several sites are called {name}; give its id instead. Known sites: {names}")
        )
        raise ValidationError("peer", message.format(name=wanted, names=names))
    return candidates[0]
