"""The print packs made, and how old the newest one is: "Tulostuspaketti 12 päivää vanha, 40
muutosta sen jälkeen" on the dashboard.

A change is one edit of a printed record (each keeps its previous version in the history, see
``data.recording``) or one new record (a new actor, contact, log entry …) in what the sheets are
made of (:data:`data.network.info.PRINTED_DATA`), made after the pack was started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import History, PrintPack
from verkosto_desktop.data.network.info import PRINTED_DATA
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.clock import to_local


@dataclass(frozen=True)
class PackRecord:
    """One print pack written: when it was started, the data's time in it, where, how many
    documents."""

    made_at: datetime
    data_changed_at: datetime | None
    folder: str
    documents: int


@dataclass(frozen=True)
class PackFreshness:
    """How old the newest print pack is: ``days`` (calendar days in local time, 0 = today) and
    ``changes`` made since it was started."""

    pack: PackRecord
    days: int
    changes: int


def record_print_pack(
    store: Store,
    made_at: datetime,
    folder: Path | str,
    documents: int,
    data_changed_at: datetime | None = None,
) -> PackRecord:
    """Remember a print pack written to ``folder`` (started at ``made_at``)."""
    with store.write() as session:
        row = PrintPack(
            made_at=made_at,
            data_changed_at=data_changed_at,
            folder=str(folder),
            documents=documents,
        )
        session.add(row)
        session.flush()
        record_change(session, ChangeKind.PRINT_PACK, row.id)
        return _record(row)


def _record(row: PrintPack) -> PackRecord:
    return PackRecord(row.made_at, row.data_changed_at, row.folder, row.documents)


def last_print_pack(store: Store) -> PackRecord | None:
    """The newest print pack made from this file, or None."""
    with store.read() as session:
        return _last(session)


def _last(session: Session) -> PackRecord | None:
    row = session.scalar(select(PrintPack).order_by(PrintPack.made_at.desc()).limit(1))
    return _record(row) if row is not None else None


def changes_since(session: Session, moment: datetime) -> int:
    """Edits and new records of the printed data after ``moment``."""
    entities = [model.__tablename__ for model in PRINTED_DATA]
    total = (
        session.scalar(
            select(func.count())
            .select_from(History)
            .where(History.replaced_at > moment, History.entity.in_(entities))
        )
        or 0
    )
    for model in PRINTED_DATA:
        total += (
            session.scalar(select(func.count()).select_from(model).where(model.created_at > moment))
            or 0
        )
    return total


def pack_freshness(session: Session, now: datetime) -> PackFreshness | None:
    """How old the newest print pack is at ``now`` and how many changes it lacks (None before
    the first pack). Read inside the caller's session (the dashboard reads it with the rest)."""
    pack = _last(session)
    if pack is None:
        return None
    days = (to_local(now).date() - to_local(pack.made_at).date()).days
    return PackFreshness(pack, max(days, 0), changes_since(session, pack.made_at))
