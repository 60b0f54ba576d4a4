"""Forgetting the networks a laptop no longer receives.

A laptop holds a neighbouring network only while it is chosen (``data.exchange.networks``):
its contact persons are personal data that the laptop has no reason to keep once nobody there
asked for them. When a neighbour is no longer chosen, its records go from the file at once, in
one transaction with the new choice: the rows and everything belonging to them, their past
versions, their changes in the change log, their conflicts and waiting records, and their
search documents; ``secure_delete`` zeroes the freed pages and the WAL is truncated after.

Forgetting is not a deletion: nothing is recorded, nothing travels, and the network's own
laptops and the regional register keep every record. Chosen again, the network comes whole at
the next sync (it is no longer among those received).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, text
from sqlalchemy.orm import Session

from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.models import Base
from verkosto_desktop.data.models.types import RecordId
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.server.access import CHILD_TABLES, NETWORK_TABLES
from verkosto_desktop.data.storage.coverage_cells import TriggersSetAside
from verkosto_desktop.data.storage.store import record_change

_CHUNK = 500
# Above this many actors the coverage counts are made afresh once, instead of by their
# triggers for every row that goes.
_RECOUNT_ABOVE = 200
# Above this many records, the columns that refer to them get an index for the time of the
# transaction (``_helper_indexes``).
_HELPERS_ABOVE = 50
# The incident log is append-only in the file (migration 0001's triggers); forgetting a whole
# neighbour's incident is the one time its entries leave, so its guard is lifted meanwhile.
_LOG_GUARD = "incident_log_no_delete"
# Records of these tables that reference a forgotten record without belonging to it (a call
# of this laptop's own round to a neighbour's contact person) go with it.
_REFERRING = (("call_round_entry", "contact_id", "contact"),)


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _values(of_ids: bool = True) -> BindParameter[Any]:
    # Ids are bound as their column keeps them (16 bytes on SQLite): untyped, the text would
    # match nothing.
    return bindparam("values", expanding=True, type_=RecordId() if of_ids else None)


def _select_ids(
    connection: Connection, sql: str, values: Sequence[str], *, of_ids: bool = True
) -> list[str]:
    statement = text(sql).bindparams(_values(of_ids)).columns(id=RecordId())
    found: list[str] = []
    for chunk in _chunks(list(values)):
        found += [str(row[0]) for row in connection.execute(statement, {"values": list(chunk)})]
    return found


def _is_record(table: str) -> bool:
    # Records of their own in the change log (link rows travel inside their owner's changes).
    return table in F.BY_NAME and "id" in Base.metadata.tables[table].c


def records_of_networks(connection: Connection, keep: Iterable[str]) -> dict[str, list[str]]:
    """The ids of the records (per table) of every network not in ``keep``, and of the records
    belonging to them; records of no network are always kept."""
    kept = sorted({"", *keep})
    doomed: dict[str, list[str]] = {}
    for table in NETWORK_TABLES:
        doomed[table] = _select_ids(
            connection, f"SELECT id FROM {table} WHERE network NOT IN :values", kept, of_ids=False
        )
    for table, parent, key in CHILD_TABLES:
        if _is_record(table) and doomed.get(parent):
            doomed[table] = _select_ids(
                connection, f"SELECT id FROM {table} WHERE {key} IN :values", doomed[parent]
            )
    for table, key, referred in _REFERRING:
        if doomed.get(referred):
            found = _select_ids(
                connection, f"SELECT id FROM {table} WHERE {key} IN :values", doomed[referred]
            )
            doomed[table] = sorted({*doomed.get(table, []), *found})
    return {table: ids for table, ids in doomed.items() if ids}


def _delete(connection: Connection, sql: str, values: Sequence[str], **bound: str) -> None:
    statement = text(sql).bindparams(_values())
    for chunk in _chunks(list(values)):
        connection.execute(statement, {"values": list(chunk), **bound})


def _indexed_first(connection: Connection, table: str) -> set[str]:
    """The columns that begin an index of ``table`` (its primary key's included)."""
    first: set[str] = set()
    for row in connection.exec_driver_sql(f"PRAGMA index_list('{table}')").fetchall():
        columns = connection.exec_driver_sql(f"PRAGMA index_info('{row[1]}')").fetchall()
        if columns:
            first.add(str(columns[0][2]))
    return first


def _helper_indexes(connection: Connection, doomed: dict[str, list[str]]) -> list[str]:
    """Indexes made for the time of the transaction on the columns that refer to the rows
    about to go and have none: SQLite looks for the rows that refer to each deleted row
    (to clear or delete them), and without an index it reads the whole table each time — a
    capability's contact person, an actor's inviter: minutes for a neighbour of a few
    thousand actors. Dropped again before the commit, so the file keeps none of them."""
    made: list[str] = []
    for table in Base.metadata.sorted_tables:
        indexed: set[str] | None = None
        for key in table.foreign_keys:
            if key.column.table.name not in doomed:
                continue
            if indexed is None:
                indexed = _indexed_first(connection, table.name)
            column = key.parent.name
            if column in indexed:
                continue
            name = f"forgetting_{table.name}_{column}"
            connection.exec_driver_sql(f'CREATE INDEX "{name}" ON {table.name} ({column})')
            indexed.add(column)
            made.append(name)
    return made


def forget_networks(session: Session, keep: Iterable[str]) -> int:
    """Remove from this laptop's file, in the caller's write session, every record of the
    networks not in ``keep`` (see the module); returns how many actors went."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":  # the regional register forgets nothing
        return 0
    doomed = records_of_networks(connection, keep)
    if not doomed:
        return 0
    for table, ids in doomed.items():
        for bookkeeping in ("change", "history", "conflict", "pending_record"):
            _delete(
                connection,
                f"DELETE FROM {bookkeeping} WHERE entity = :entity AND record_id IN :values",
                ids,
                entity=table,
            )
    actors = doomed.get("actor", [])
    search_index.remove_actors(session, actors)
    # Checked at the commit: the rows go owner by owner, and between two statements a row may
    # still name one already gone.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    helpers = (
        _helper_indexes(connection, doomed)
        if sum(map(len, doomed.values())) > _HELPERS_ABOVE
        else []
    )
    aside = TriggersSetAside(connection) if len(actors) > _RECOUNT_ABOVE else None
    guard = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_LOG_GUARD,)
    ).scalar()
    if guard is not None:
        connection.exec_driver_sql(f"DROP TRIGGER {_LOG_GUARD}")
    # What belongs to the networks' records first (an incident's log does not go by itself),
    # the owners last; link rows go with their owners (ON DELETE CASCADE).
    owners_last = [t for t in doomed if t not in NETWORK_TABLES] + [
        t for t in reversed(NETWORK_TABLES) if t in doomed
    ]
    for table in owners_last:
        _delete(connection, f"DELETE FROM {table} WHERE id IN :values", doomed[table])
    if guard is not None:
        connection.exec_driver_sql(str(guard))
    for name in helpers:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    if aside is not None:
        aside.restore()
    search_index.purge_old_tokens(session)  # their words leave the index's pages too
    for table, ids in doomed.items():
        record_change(session, F.change_kind(F.BY_NAME[table]), *ids)
    return len(actors)
