"""The readiness picture: everything the dashboard ("Tilannekuva") and the printed
"Valmiustilanne" sheet show, as one frozen value read in one consistent snapshot of the file.

``ReadinessTracker`` keeps the health and premises tallies between refreshes: told which records
changed (the store's ``Change`` reports), it re-reads only the actors concerned, which keeps a
refresh on a 10,000-actor register well under a tenth of a second. The coverage is kept by the
file itself (``coverage_cell``) and read whole each time: a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.catalogues import entries_in
from verkosto_desktop.data.dashboard.coverage import Coverage, CoverageTally, coverage_from
from verkosto_desktop.data.dashboard.glance import (
    IncidentSummary,
    OpenAction,
    UpcomingActivity,
    active_incidents,
    open_action_items,
    upcoming_activities,
)
from verkosto_desktop.data.dashboard.health import HealthTally, RegisterHealth, health_from
from verkosto_desktop.data.dashboard.premises import AreaPremises, PremisesTally
from verkosto_desktop.data.models import NetworkInfo
from verkosto_desktop.data.network.founding import FoundingProgress, progress_of, steps_in
from verkosto_desktop.data.printouts.packs import PackFreshness, pack_freshness
from verkosto_desktop.data.storage.store import REGISTER_KINDS, Change, ChangeKind, Store
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.clock import to_local

# Beyond this many changed actors (an import, a restore) reading everything is quicker.
FULL_READ_ABOVE = 1000
ALL = "*"


@dataclass(frozen=True)
class ReadinessPicture:
    network_name: str
    computed_at: datetime
    situations: tuple[CatalogueEntry, ...]
    categories: tuple[CatalogueEntry, ...]
    coverage: Coverage
    health: RegisterHealth
    incidents: tuple[IncidentSummary, ...]
    activities: tuple[UpcomingActivity, ...]
    actions: tuple[OpenAction, ...]
    founding: FoundingProgress
    premises: tuple[AreaPremises, ...] = ()
    pack: PackFreshness | None = None  # the newest print pack's age; None before the first

    def situation(self, key: str) -> CatalogueEntry | None:
        return next((s for s in self.situations if s.key == key), None)


def _network(session: Session) -> tuple[str, int]:
    row = session.execute(
        select(NetworkInfo.name, NetworkInfo.stale_after_months)
        .order_by(NetworkInfo.created_at)
        .limit(1)
    ).first()
    if row is None:
        return "", 12
    return row.name, row.stale_after_months or 12


def changed_actors(changes: Iterable[Change]) -> set[str] | None:
    """The actors whose records changed, or None when everything must be read again."""
    actors: set[str] = set()
    kinds: set[ChangeKind] = set()
    for change in changes:
        kinds.add(change.kind)
        if change.kind is ChangeKind.ACTOR:
            actors.update(change.ids)
    if ALL in actors or len(actors) > FULL_READ_ABOVE or ChangeKind.RESTORED in kinds:
        return None
    if (kinds & REGISTER_KINDS) - {ChangeKind.ACTOR} and not actors:
        return None  # a register record changed without naming its actor: play safe
    return actors


class ReadinessTracker:
    """Keeps the readiness picture of one store current (used by one thread at a time)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._coverage = CoverageTally()
        self._health = HealthTally()
        self._premises = PremisesTally()

    @property
    def prepared(self) -> bool:
        """Whether a refresh after an edit re-reads only the actors it names (see ``prepare``)."""
        return self._health.prepared

    def prepare(self) -> None:
        """After the first picture: read what each actor contributes to the register health,
        so that the first refresh after an edit does not have to (a no-op when done)."""
        if self._health.loaded and not self._health.prepared:
            with self.store.read() as session:
                self._health.prepare(session)

    def refresh(
        self, changes: Iterable[Change] | None = None, now: datetime | None = None
    ) -> ReadinessPicture:
        """The picture now; ``changes`` (what changed since the last refresh) narrows the
        re-reading to the actors concerned, None reads everything."""
        moment = now or datetime.now(UTC)
        today = to_local(moment).date()
        actors = changed_actors(changes) if changes is not None else None
        with self.store.read() as session:
            name, months = _network(session)
            situations, categories = entries_in(session)
            if actors is None or actors or not self._coverage.loaded:
                self._coverage.load(session)
            if actors is None or not self._health.loaded:
                self._health.load(session, today, months)
            else:
                self._health.load(session, today, months, actors)
            if actors is None or not self._premises.loaded:
                self._premises.load(session)
            elif actors:
                self._premises.load(session, actors)
            return ReadinessPicture(
                network_name=name,
                computed_at=moment,
                situations=tuple(situations),
                categories=tuple(categories),
                coverage=coverage_from(self._coverage, situations, categories),
                health=health_from(self._health, session),
                incidents=tuple(active_incidents(session)),
                activities=tuple(upcoming_activities(session, moment)),
                actions=tuple(open_action_items(session)),
                founding=progress_of(steps_in(session)),
                premises=tuple(self._premises.by_area()),
                pack=pack_freshness(session, moment),
            )


def read_readiness(store: Store, now: datetime | None = None) -> ReadinessPicture:
    """The readiness picture read from scratch (for printing and the command line)."""
    return ReadinessTracker(store).refresh(None, now)
