"""A laptop and the regional register exchange changes: the server is one more site.

Exactly as with a bundle (``data.exchange``), without the file: the server's change set for
this laptop (what it has not seen, from what the server knows of it) is merged into the laptop,
then the laptop's change set for the server is merged into the server. Conflicts, deletions,
erasures and clocks follow the exchange's rules.

Each step is one transaction on one side (collecting seals the sender's records; merging writes
the receiver and what it now knows of the sender), so a sync cut at any moment — network gone,
the program killed — leaves both sides consistent, and the next sync sends again whatever the
other side did not acknowledge. Two laptops syncing at once queue on the server's write lock.

Before sending, the laptop's records of no network (made here since the last sync) are given
the network its user writes, as an ordinary change: they travel with it, and every site learns
whose records they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text

from verkosto_desktop.data.exchange.changeset import collect, mark_sent
from verkosto_desktop.data.exchange.merge import MergeSummary, merge
from verkosto_desktop.data.exchange.site import this_site
from verkosto_desktop.data.models import Actor, Incident
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


def claim_own_records(laptop: Store, network: str) -> int:
    """Give the laptop's records of no network ``network`` (recorded, so they travel)."""
    count = 0
    with laptop.write() as session:
        records: list[Actor | Incident] = [
            *session.scalars(select(Actor).where(Actor.network == "")),
            *session.scalars(select(Incident).where(Incident.network == "")),
        ]
        for record in records:
            record.network = network
            count += 1
    return count


def _step(progress: Progress | None, done: int, message: str) -> None:
    if progress is not None:
        progress.update(done, 4, message)


def sync(laptop: Store, server: ServerStore, progress: Progress | None = None) -> SyncResult:
    """Pull what ``laptop`` has not seen from ``server``, then push its own changes."""
    _step(progress, 0, _("Connecting to the regional server"))
    here, there = this_site(laptop), this_site(server)
    network = writer_network(server)
    claimed = claim_own_records(laptop, network) if network else 0
    _step(progress, 1, _("Receiving changes"))
    pulled = merge(laptop, collect(server, peer=here.uuid))
    _step(progress, 2, _("Sending changes"))
    pushed = merge(server, collect(laptop, peer=there.uuid))
    mark_sent(laptop, there.uuid)
    _step(progress, 3, _("Synced"))
    return SyncResult(network, claimed, pulled, pushed)
