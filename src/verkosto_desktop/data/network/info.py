"""The network's own information (name, area, how it works)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from verkosto_desktop.data.models import (
    NetworkInfo,
)
from verkosto_desktop.data.models.created_indexes import PRINTED_TABLES
from verkosto_desktop.data.models.types import stable_id
from verkosto_desktop.data.recording import apply_change
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.records import NETWORK_FIELDS, clean
from verkosto_desktop.domain.writes import NetworkFields


@dataclass(frozen=True)
class NetworkDetail:
    id: str
    name: str
    area: str
    description: str
    how_it_works: str
    coordinator: str
    stale_after_months: int


def network_info(store: Store) -> NetworkDetail:
    """The network described in this file (every file has one row, made when it is created)."""
    with store.read() as session:
        row = session.scalar(select(NetworkInfo).order_by(NetworkInfo.created_at).limit(1))
        if row is None:
            return NetworkDetail("", "", "", "", "", "", 12)
        return NetworkDetail(
            row.id,
            row.name,
            row.area,
            row.description,
            row.how_it_works,
            row.coordinator,
            row.stale_after_months,
        )


def update_network_info(store: Store, fields: NetworkFields) -> NetworkDetail:
    """Change the network's own information."""
    values = clean(NETWORK_FIELDS, fields)
    with store.write() as session:
        row = session.scalar(select(NetworkInfo).order_by(NetworkInfo.created_at).limit(1))
        if row is None:
            row = NetworkInfo(id=stable_id("network_info"))
            session.add(row)
            session.flush()
        if apply_change(session, row, values):
            record_change(session, ChangeKind.NETWORK_INFO, row.id)
    return network_info(store)


# What printed sheets are made of: the register, the action plan and incidents with their logs.
PRINTED_DATA = PRINTED_TABLES


def last_change_at(store: Store) -> datetime | None:
    """When the data was last changed (printed sheets say "tiedot päivitetty …"): the newest
    change in :data:`PRINTED_DATA`."""
    with store.read() as session:
        times = [session.scalar(select(func.max(model.updated_at))) for model in PRINTED_DATA]
    known = [t for t in times if t is not None]
    return max(known) if known else None
