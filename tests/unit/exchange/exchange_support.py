"""Helpers of the import tests: a plan from bytes, and the register's live content in plain rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping as MappingType
from pathlib import Path

from verkosto_desktop.data.exchange.batches import initial_mapping
from verkosto_desktop.data.exchange.mapping import Mapping
from verkosto_desktop.data.exchange.reading import ReadOptions, read_table
from verkosto_desktop.data.exchange.results import ImportPlan
from verkosto_desktop.data.storage.store import Store


def plan_for(
    store: Store,
    data: bytes | str,
    name: str = "lista.csv",
    *,
    mapping: Mapping | None = None,
    decisions: MappingType[str, str] | None = None,
    default_action: str = "fill",
    options: ReadOptions = ReadOptions(),  # noqa: B008 - frozen
) -> ImportPlan:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    table = read_table(raw, options, name)
    if mapping is None:
        mapping, _batch = initial_mapping(store, table)
    return ImportPlan(table, mapping, name, dict(decisions or {}), default_action)


def live_register(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Live actors, contacts and capabilities with their content fields (no bookkeeping)."""
    connection = sqlite3.connect(path)
    try:
        return {
            "actors": sorted(
                connection.execute(
                    "SELECT name, kind, area, address, website, email, phone, notes, "
                    "membership_status FROM actor WHERE deleted_at IS NULL"
                ).fetchall()
            ),
            "contacts": sorted(
                connection.execute(
                    "SELECT a.name, c.name, c.role, c.mobile, c.landline, c.email, c.notes, "
                    "c.is_primary FROM contact c JOIN actor a ON a.id = c.actor_id "
                    "WHERE c.deleted_at IS NULL AND a.deleted_at IS NULL"
                ).fetchall()
            ),
            "capabilities": sorted(
                connection.execute(
                    "SELECT a.name, c.category_key, c.description, c.capacity, "
                    "(SELECT group_concat(phase) FROM capability_phase p "
                    " WHERE p.capability_key = c.link_key) "
                    "FROM capability c JOIN actor a ON a.id = c.actor_id "
                    "WHERE c.deleted_at IS NULL AND a.deleted_at IS NULL"
                ).fetchall(),
                key=repr,
            ),
        }
    finally:
        connection.close()
