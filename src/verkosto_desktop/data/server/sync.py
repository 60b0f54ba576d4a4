"""A laptop and the regional register exchange changes: the server is one more site.

Exactly as with a bundle (``data.exchange``), without the file: the server's change set for
this laptop (what it has not seen, from what the server knows of it) is merged into the laptop,
then the laptop's change set for the server is merged into the server. Conflicts, deletions,
erasures and clocks follow the exchange's rules.

Each step is one transaction on one side (collecting seals the sender's records; merging writes
the receiver and what it now knows of the sender), so a sync cut at any moment — network gone,
the program killed — leaves both sides consistent, and the next sync sends again whatever the
other side did not acknowledge. Two laptops syncing at once queue on the server's write lock.

Before the server's changes are merged into the laptop, the laptop's file is backed up (reason
``sync``), as before receiving a bundle; a sync that brings nothing makes no backup.

A writer's laptop receives only its own network and the neighbouring networks chosen
(``data.exchange.networks``), which it holds read-only.

Before sending, the laptop's records of no network (made here since the last sync) are given
the network its user writes, as an ordinary change: they travel with it, and every site learns
whose records they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import cast

from sqlalchemy import select, text

from verkosto_desktop.data.exchange.changeset import ChangeSet, collect, mark_sent
from verkosto_desktop.data.exchange.merge import MergeSummary, merge
from verkosto_desktop.data.exchange.networks import network_choice, note_received
from verkosto_desktop.data.exchange.site import this_site
from verkosto_desktop.data.models import (
    ActionItem,
    Activity,
    Actor,
    CallRound,
    ErasedIdentifier,
    Erasure,
    Incident,
)
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class SyncResult:
    """What a sync did: the network written as, what came in and what went out."""

    network: str
    claimed: int  # records made here that now carry the network
    pulled: MergeSummary
    pushed: MergeSummary


def writer_network(server: ServerStore) -> str:
    """The network the server's user writes ('' for its administrator)."""
    with server.read() as session:
        found = session.execute(text("SELECT coalesce((verkosto_writes_for())[1], '')"))
        return str(found.scalar_one())


# The records that carry their network (``data.server.access.NETWORK_TABLES``).
_Networked = Actor | Incident | Activity | ActionItem | CallRound
_NETWORKED: tuple[type[_Networked], ...] = (Actor, Incident, Activity, ActionItem, CallRound)


def claim_own_records(laptop: Store, network: str) -> int:
    """Give the laptop's records of no network ``network`` (recorded, so they travel)."""
    count = 0
    with laptop.write() as session:
        records = [
            cast(_Networked, record)
            for model in _NETWORKED
            for record in session.scalars(select(model).where(model.network == ""))
        ]
        for record in records:
            record.network = network
            count += 1
    return count


def _writes_laptop(laptop: Store, incoming: ChangeSet, network: str) -> bool:
    """Whether syncing will change the laptop's records: changes or erasures it does not hold
    come in, or its records of no network are to take ``network``."""
    if incoming.changes:
        return True
    with laptop.read() as session:
        erased = {(e, r) for e, r in session.execute(select(Erasure.entity, Erasure.record_id))}
        if any((entity, record) not in erased for entity, record, *_ in incoming.erasures):
            return True
        hashes = set(session.scalars(select(ErasedIdentifier.hash)))
        if not hashes.issuperset(incoming.erased_identifiers):
            return True
        if not network:
            return False
        return any(
            session.scalar(select(model.id).where(model.network == "").limit(1)) is not None
            for model in _NETWORKED
        )


def _step(progress: Progress | None, done: int, message: str) -> None:
    if progress is not None:
        progress.update(done, 4, message)


def sync(
    laptop: Store,
    server: ServerStore,
    progress: Progress | None = None,
    *,
    backup: bool = True,
) -> SyncResult:
    """Pull what ``laptop`` has not seen from ``server``, then push its own changes; the
    laptop's file is backed up first when anything is to be merged into it (``backup``)."""
    _step(progress, 0, _("Connecting to the regional server"))
    here, there = this_site(laptop), this_site(server)
    network = writer_network(server)
    _step(progress, 1, _("Receiving changes"))
    # A network's writer receives its own network and the neighbouring ones chosen; the
    # region's administrator (no network) everything.
    choice = replace(network_choice(laptop), own=network)
    wanted = choice.wanted() if network else None
    incoming = collect(server, peer=here.uuid, full=choice.newly_chosen(), networks=wanted)
    if backup and not laptop.is_server and _writes_laptop(laptop, incoming, network):
        from verkosto_desktop.data.storage.backups import make_backup

        make_backup(laptop.path, "sync")
    claimed = claim_own_records(laptop, network) if network else 0
    pulled = merge(laptop, incoming)
    if wanted is not None:
        note_received(laptop, network, wanted)
    _step(progress, 2, _("Sending changes"))
    pushed = merge(server, collect(laptop, peer=there.uuid))
    mark_sent(laptop, there.uuid)
    _step(progress, 3, _("Synced"))
    return SyncResult(network, claimed, pulled, pushed)
