"""Which networks a laptop holds: its own, which it writes, and — if chosen — neighbouring
networks, received from the regional register read-only.

The choice is kept in the file (the site's ``networks``): the network the laptop's user writes
(learnt at each sync), the neighbouring networks chosen (``verkosto sync --also``, or the sync
settings in the window) and those received at the last sync. A sync asks the server only for
the records of the laptop's own network and the chosen ones; a network newly chosen is received
whole once (the laptop's knowledge of the server says nothing about records it was never sent).

On the laptop a record of another network cannot be changed: every write session checks, before
it reaches the file, that the records it adds, changes, removes or erases (and the records
belonging to them: an actor's contacts, capabilities and premises; an incident's log; an
activity's attendance, an action item's status changes, a call round's calls) are of the
laptop's own network, and refuses with the record's network named. Merging received changes is
not a local edit and is not checked. Before the first sync a laptop has no network and every
record is its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    bindparam,
    event,
    inspect,
    select,
    text,
    true,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.data.models import Site
from verkosto_desktop.data.models.types import RecordId
from verkosto_desktop.data.server.access import CHILD_TABLES, NETWORK_TABLES
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.storage.store import Store

_KEY = re.compile(r"[a-z0-9][a-z0-9_]{0,29}")
_PARENT = {table: (parent, key) for table, parent, key in CHILD_TABLES}
_CHUNK = 500
# Set on a write session by ``changes.begin`` (a local edit) and removed by ``changes.pause``
# (a merge): only local edits are checked.
_RECORDING = "exchange_pending"
_OWN = "networks_own"
_WATCHED = "networks_watched"


class BadNetworkKey(VerkostoError):
    """A network key that cannot be one (lower-case letters, digits and _, at most 30)."""


@dataclass(frozen=True)
class NetworkChoice:
    """The laptop's networks: ``own`` ('' before the first sync), ``also`` chosen to be
    received read-only, ``received`` at the last sync (None: never synced with a choice)."""

    own: str = ""
    also: tuple[str, ...] = ()
    received: tuple[str, ...] | None = None

    def wanted(self) -> tuple[str, ...]:
        """The networks a sync receives: the own one, the chosen ones and '' (no network)."""
        return tuple(sorted({"", self.own, *self.also}))

    def newly_chosen(self) -> bool:
        """Whether a chosen network has not been received yet (it is then received whole)."""
        return self.received is not None and not set(self.wanted()) <= set(self.received)


def _load(connection: Connection) -> NetworkChoice:
    data = connection.execute(select(Site.networks).where(Site.is_self.is_(True))).scalar()
    if not data:
        return NetworkChoice()
    received = data.get("received")
    return NetworkChoice(
        str(data.get("own", "")),
        tuple(data.get("also", ())),
        None if received is None else tuple(received),
    )


def _save(connection: Connection, choice: NetworkChoice) -> None:
    data: dict[str, Any] = {"own": choice.own, "also": list(choice.also)}
    if choice.received is not None:
        data["received"] = list(choice.received)
    connection.execute(update(Site).where(Site.is_self.is_(True)).values(networks=data))


def network_choice(store: Store) -> NetworkChoice:
    """The laptop's networks as kept in its file."""
    with store.read() as session:
        return _load(session.connection())


def parse_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """Network keys as given (spaces and commas separate them), checked and sorted."""
    found = {part for key in keys for part in re.split(r"[\s,]+", key.strip().lower()) if part}
    for key in found:
        if not _KEY.fullmatch(key):
            raise BadNetworkKey(
                _(
                    "'{key}' is not a network key: use lower-case letters a–z, digits and _, "
                    "at most 30."
                ).format(key=key)
            )
    return tuple(sorted(found))


def choose_networks(store: Store, also: Iterable[str]) -> NetworkChoice:
    """Choose the neighbouring networks the laptop receives read-only (replacing the choice).

    The records of a network no longer chosen leave the file at once (``forgetting``)."""
    keys = parse_keys(also)
    with store.write() as session:
        connection = session.connection()
        choice = _load(connection)
        chosen = NetworkChoice(
            choice.own, tuple(k for k in keys if k != choice.own), choice.received
        )
        chosen = _forget_unwanted(session, chosen)
        _save(connection, chosen)
    store.checkpoint()  # the freed pages are zeroed; the WAL keeps no copy either
    return chosen


def _forget_unwanted(session: Session, choice: NetworkChoice) -> NetworkChoice:
    """``choice`` after forgetting the networks it does not want (a laptop of no network yet
    holds only its own records: nothing to forget). Only the user's choice forgets: a sync
    never removes records on its own."""
    from verkosto_desktop.data.exchange.forgetting import forget_networks

    if not choice.own:
        return choice
    forget_networks(session, choice.wanted())
    if choice.received is None:
        return choice
    # A network forgotten is no longer held: chosen again, it comes whole.
    received = tuple(n for n in choice.received if n in choice.wanted())
    return NetworkChoice(choice.own, choice.also, received)


def note_received(store: Store, own: str, wanted: Sequence[str]) -> None:
    """After a sync received ``wanted`` as a writer of ``own``: remember both."""
    with store.write() as session:
        connection = session.connection()
        choice = _load(connection)
        also = tuple(k for k in choice.also if k != own)
        _save(connection, NetworkChoice(own, also, tuple(wanted)))


# -- which network a record belongs to ---------------------------------------------------------


def _network_query(entity: str) -> str | None:
    if entity in NETWORK_TABLES:
        return f"SELECT id, network FROM {entity} WHERE id IN :ids"
    parent = _PARENT.get(entity)
    if parent is None:
        return None
    table, key = parent
    if table in NETWORK_TABLES:
        return (
            f"SELECT c.id, p.network FROM {entity} c JOIN {table} p ON p.id = c.{key} "
            "WHERE c.id IN :ids"
        )
    grand, grand_key = _PARENT[table]
    return (
        f"SELECT c.id, g.network FROM {entity} c JOIN {table} p ON p.id = c.{key} "
        f"JOIN {grand} g ON g.id = p.{grand_key} WHERE c.id IN :ids"
    )


def record_networks(connection: Connection, entity: str, ids: Iterable[str]) -> dict[str, str]:
    """The network of each record of ``entity`` among ``ids`` that belongs to one (records of
    kinds that belong to no network, or not found, are left out)."""
    sql = _network_query(entity)
    if sql is None:
        return {}
    # Typed: ids are bound and read as their columns keep them (16 bytes on SQLite).
    statement = (
        text(sql)
        .bindparams(bindparam("ids", expanding=True, type_=RecordId()))
        .columns(id=RecordId(), network=String)
    )
    wanted = list(dict.fromkeys(ids))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = connection.execute(statement, {"ids": wanted[start : start + _CHUNK]})
        found.update({str(row[0]): str(row[1]) for row in rows})
    return found


def only_networks(
    connection: Connection,
    rows: list[tuple[Any, ...]],
    wanted: Sequence[str],
) -> list[tuple[Any, ...]]:
    """The change rows (entity, record id, …) of records of the ``wanted`` networks, and of
    records that belong to no network."""
    ids: dict[str, set[str]] = {}
    for row in rows:
        ids.setdefault(str(row[0]), set()).add(str(row[1]))
    allowed = set(wanted)
    refused = {
        (entity, record)
        for entity, records in ids.items()
        for record, network in record_networks(connection, entity, records).items()
        if network not in allowed
    }
    return [row for row in rows if (row[0], row[1]) not in refused] if refused else rows


def read_only_network(store: Store, entity: str, record_id: str) -> str | None:
    """The network of a record this laptop holds read-only (another network's), else None."""
    with store.read() as session:
        connection = session.connection()
        own = own_network(connection)
        if not own:
            return None
        network = record_networks(connection, entity, [record_id]).get(record_id, "")
    return held_for(own, network) or None


def own_network(connection: Connection) -> str:
    """The network this laptop writes: empty when none is set, and for a file from before
    networks opened read-only (without migrating it: the table or column is not there yet)."""
    try:
        return _load(connection).own
    except OperationalError:
        return ""


def of_own_network(session: Session, table: Any) -> ColumnElement[bool]:
    """A condition keeping the rows of ``table`` (activities, action items, call rounds) of
    this laptop's own network and of no network: the network section shows the network's own
    life, not a neighbour's. Always true before the first sync and on the regional register.
    (An older file opened read-only is read through an updated copy, ``storage.reading``, so
    the column is always there.)"""
    connection = session.connection()
    own = own_network(connection) if connection.dialect.name == "sqlite" else ""
    return table.c.network.in_(("", own)) if own else true()


def held_for(own: str, network: str) -> str:
    """``network`` when it is another network's than the laptop's ``own`` (so held read-only);
    empty when the laptop may change the record."""
    return network if own and network not in ("", own) else ""


# -- refusing local edits of another network's records -----------------------------------------


def _committed_network(obj: Any) -> str:
    state = inspect(obj)
    history = state.attrs.network.history
    if history.deleted:
        return str(history.deleted[0])
    return str(obj.network or "")


def _network_of_object(connection: Connection, obj: Any) -> str:
    table = obj.__table__.name
    if table in NETWORK_TABLES:
        return "" if inspect(obj).pending else _committed_network(obj)
    parent_table, key = _PARENT[table]
    parent_id = getattr(obj, key)
    if parent_id is None:
        return ""
    return record_networks(connection, parent_table, [parent_id]).get(parent_id, "")


def refuse_other_networks(session: Session, entity: str, ids: Iterable[str]) -> None:
    """Raise ``WriteFailed`` when a record among ``ids`` is of another network than the
    laptop's own (for writes made with plain statements, such as an erasure)."""
    connection = session.connection()
    own = _load(connection).own if connection.dialect.name == "sqlite" else ""
    if not own:
        return
    for network in record_networks(connection, entity, ids).values():
        if network not in ("", own):
            raise _refusal(network)


def _refusal(network: str) -> WriteFailed:
    return WriteFailed(
        _(
            "This record belongs to the network '{network}', which this laptop receives "
            "read-only from the regional register: it is changed on that network's laptops or "
            "on the register. Nothing was saved."
        ).format(network=network),
        "other_network",
    )


def watch(session: Session) -> None:
    """Check the local edits of this write session (``changes.begin`` calls it)."""
    session.info[_WATCHED] = True


def _guarded(obj: object) -> bool:
    table = getattr(obj, "__table__", None)
    return table is not None and (table.name in NETWORK_TABLES or table.name in _PARENT)


@event.listens_for(Session, "before_flush")
def _guard(session: Session, _context: object, _instances: object) -> None:
    if _RECORDING not in session.info or _WATCHED not in session.info:
        return
    guarded = [obj for obj in (*session.new, *session.deleted) if _guarded(obj)] + [
        obj for obj in session.dirty if _guarded(obj) and session.is_modified(obj)
    ]
    if not guarded:
        return
    connection = session.connection()
    if _OWN not in session.info:
        if connection.dialect.name != "sqlite":  # the server has its own rules
            session.info[_OWN] = ""
        else:
            session.info[_OWN] = _load(connection).own
    own = session.info[_OWN]
    if not own:
        return
    with session.no_autoflush:
        for obj in guarded:
            network = _network_of_object(connection, obj)
            if network not in ("", own):
                raise _refusal(network)
