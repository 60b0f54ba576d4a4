"""Built-in rows every file has: the catalogues, the founding steps and the network's own row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from verkosto_desktop.data.dialects import marks
from verkosto_desktop.data.models import (
    CapabilityCategory,
    FoundingStep,
    NetworkInfo,
    SituationType,
)
from verkosto_desktop.data.models.types import stable_id
from verkosto_desktop.domain.catalogues import CAPABILITY_CATEGORIES, SITUATION_TYPES
from verkosto_desktop.domain.founding import FOUNDING_STEPS

if TYPE_CHECKING:
    from verkosto_desktop.data.storage.store import Store


def _complete(store: Store) -> bool:
    # One plain query: this runs at every open, before the window can show anything.
    groups = (
        ("situation_type", [e.key for e in SITUATION_TYPES]),
        ("capability_category", [e.key for e in CAPABILITY_CATEGORIES]),
        ("founding_step", [s.key for s in FOUNDING_STEPS]),
    )
    params = tuple(key for _table, keys in groups for key in keys)
    with store.read() as session:
        parts = [
            f"(SELECT count(*) FROM {table} WHERE key IN ({marks(session, len(keys))}))"
            for table, keys in groups
        ]
        sql = f"SELECT {', '.join(parts)}, (SELECT count(*) FROM network_info)"
        counts = session.connection().exec_driver_sql(sql, params).one()
    wanted = [len(keys) for _table, keys in groups]
    return list(counts[:3]) == wanted and counts[3] > 0


def ensure_builtins(store: Store) -> None:
    """Insert whatever built-in rows are missing (a new file, or a newer program's additions)."""
    if _complete(store):
        return
    with store.read() as session:
        situations = set(session.scalars(select(SituationType.key)))
        categories = set(session.scalars(select(CapabilityCategory.key)))
        steps = set(session.scalars(select(FoundingStep.key)))
        has_network = session.scalar(select(NetworkInfo.id).limit(1)) is not None
    missing_situations = [e for e in SITUATION_TYPES if e.key not in situations]
    missing_categories = [e for e in CAPABILITY_CATEGORIES if e.key not in categories]
    missing_steps = [(i, s) for i, s in enumerate(FOUNDING_STEPS) if s.key not in steps]
    if not (missing_situations or missing_categories or missing_steps) and has_network:
        return
    with store.write() as session:
        for entry in missing_situations:
            session.add(
                SituationType(
                    key=entry.key,
                    name_fi=entry.name_fi,
                    name_sv=entry.name_sv,
                    name_en=entry.name_en,
                    builtin=True,
                    position=entry.position,
                )
            )
        for entry in missing_categories:
            session.add(
                CapabilityCategory(
                    key=entry.key,
                    name_fi=entry.name_fi,
                    name_sv=entry.name_sv,
                    name_en=entry.name_en,
                    builtin=True,
                    position=entry.position,
                )
            )
        for position, step in missing_steps:
            session.add(
                FoundingStep(
                    id=stable_id("founding_step", step.key), key=step.key, position=position
                )
            )
        if not has_network:
            session.add(NetworkInfo(id=stable_id("network_info"), name=""))
