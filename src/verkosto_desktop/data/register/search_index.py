"""The full-text index: one document per live actor, holding every text a user may search for.

Phone numbers go in as digit tokens (every suffix of the national form plus the international
form), so that a prefix search on the digits typed finds a number written in any format.

The documents' ids follow the actors' name order (``name_key``, then id): the index hands out its
matches in id order, so the register's first screenful of a search is read without looking at
the other matches. New documents take an id between their neighbours'; where two neighbours'
ids leave no room, the documents around them are spread out again (``_respread``).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy.orm import Session

from verkosto_desktop.data.storage.schema_extras import SEARCH_TABLE
from verkosto_desktop.domain.phones import search_tokens

# Room between neighbouring documents' ids when the index is built: five documents can be put
# between two neighbours before any other document moves. Small gaps keep the index small (its
# lists store the differences between ids).
GAP = 32
# Plenty for 2**58 documents, and far from SQLite's limit on row ids.
_LAST_ID = 2**62
_CHUNK = 500  # ids per IN (…) list: well under SQLite's limit on bound values

Key = tuple[str, str]  # (name_key, actor_id): the order of the documents' ids


def _phones(*numbers: str | None) -> list[str]:
    tokens: list[str] = []
    for number in numbers:
        if number:
            tokens.extend(search_tokens(number))
    return tokens


def _join(parts: Iterable[str | None]) -> str:
    return " ".join(p for p in parts if p)


def _cursor(session: Session) -> sqlite3.Cursor:
    # The driver's own cursor: indexing a national register builds 100,000 documents from
    # a million rows, which through the ORM took minutes. It sees only what was flushed.
    session.flush()
    return session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr,no-any-return]


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _rows(
    cursor: sqlite3.Cursor, sql: str, column: str, ids: Sequence[str] | None
) -> Iterator[tuple]:  # type: ignore[type-arg]
    """Rows of ``sql`` (whose condition ends in ``{ids}``) of the actors with the given ids in
    ``column``, or of all actors when ``ids`` is None."""
    if ids is None:
        yield from cursor.execute(sql.format(ids="1 = 1"))
        return
    for chunk in _chunks(ids):
        condition = f"{column} IN ({','.join('?' * len(chunk))})"
        yield from cursor.execute(sql.format(ids=condition), list(chunk))


_ACTORS = (
    "SELECT id, name_key, name, area, description, basic_activity, address, email, website, "
    "phone FROM actor WHERE deleted_at IS NULL AND {ids}"
)
_CONTACTS = (
    "SELECT actor_id, name, role, email, radio, mobile, landline FROM contact "
    "WHERE deleted_at IS NULL AND {ids}"
)
_CAPABILITIES = (
    "SELECT actor_id, category_key, description, capacity_unit FROM capability "
    "WHERE deleted_at IS NULL AND {ids}"
)
_FACILITIES = (
    "SELECT actor_id, name, address, heating, backup_power_kind, notes FROM facility "
    "WHERE deleted_at IS NULL AND {ids}"
)


def _documents(session: Session, actor_ids: Sequence[str] | None) -> dict[str, tuple[str, str]]:
    """Search text and name sort key of each given live actor (all live actors when
    ``actor_ids`` is None)."""
    cursor = _cursor(session)
    try:
        categories = {
            key: _join((fi, sv, en))
            for key, fi, sv, en in cursor.execute(
                "SELECT key, name_fi, name_sv, name_en FROM capability_category"
            )
        }
        parts: dict[str, list[str]] = defaultdict(list)
        live: dict[str, str] = {}
        for row in _rows(cursor, _ACTORS, "id", actor_ids):
            actor_id, name_key, *texts, phone = row
            live[actor_id] = name_key
            parts[actor_id].append(_join(texts))
            parts[actor_id].extend(_phones(phone))
        for actor_id, name, role, email, radio, mobile, landline in _rows(
            cursor, _CONTACTS, "actor_id", actor_ids
        ):
            parts[actor_id].append(_join((name, role, email, radio)))
            parts[actor_id].extend(_phones(mobile, landline))
        for actor_id, category, description, unit in _rows(
            cursor, _CAPABILITIES, "actor_id", actor_ids
        ):
            parts[actor_id].append(_join((categories.get(category, ""), description, unit)))
        for actor_id, *texts in _rows(cursor, _FACILITIES, "actor_id", actor_ids):
            parts[actor_id].append(_join(texts))
    finally:
        cursor.close()
    return {actor_id: (" ".join(parts[actor_id]), key) for actor_id, key in live.items()}


def _key_of(row: tuple[int, str, str]) -> Key:
    return (row[1], row[2])


def _doc_after(cursor: sqlite3.Cursor, low: int, high: int) -> tuple[int, str, str] | None:
    """The first document with an id in [low, high), if any."""
    return cursor.execute(
        "SELECT doc_id, name_key, actor_id FROM search_doc "
        "WHERE doc_id >= ? AND doc_id < ? ORDER BY doc_id LIMIT 1",
        (low, high),
    ).fetchone()


def _doc_before(cursor: sqlite3.Cursor, low: int, high: int) -> tuple[int, str, str] | None:
    """The last document with an id in (low, high), if any."""
    return cursor.execute(
        "SELECT doc_id, name_key, actor_id FROM search_doc "
        "WHERE doc_id > ? AND doc_id < ? ORDER BY doc_id DESC LIMIT 1",
        (low, high),
    ).fetchone()


def _neighbours(cursor: sqlite3.Cursor, key: Key) -> tuple[int, int | None]:
    """The ids of the documents just before and just after ``key`` in name order (0 when none
    comes before, None when none comes after): a binary search over the ids, which are in the
    same order as the keys."""
    low, high = (
        0,
        _LAST_ID,
    )  # no document before key has an id above low's; none after, below high's
    found_high = False
    while True:
        middle = (low + high + 1) // 2
        row = _doc_after(cursor, middle, high) or _doc_before(cursor, low, middle)
        if row is None:
            return low, high if found_high else None
        if _key_of(row) < key:
            low = row[0]
        else:
            high, found_high = row[0], True


def _place(cursor: sqlite3.Cursor, key: Key, old_id: int | None) -> int | None:
    """An id for the document of ``key``: its old id while that is still in its place, else one
    between its neighbours; None when the neighbours leave no room."""
    if old_id is not None:
        before = _doc_before(cursor, 0, old_id)
        after = _doc_after(cursor, old_id + 1, _LAST_ID)
        if (before is None or _key_of(before) < key) and (after is None or key < _key_of(after)):
            return old_id
    low, high = _neighbours(cursor, key)
    if high is None:
        return low + GAP
    if high - low >= 2:
        return (low + high) // 2
    return None


def _respread(cursor: sqlite3.Cursor, key: Key) -> None:
    """Give the documents around ``key`` ids far enough apart that one more fits between each
    two: a window of documents around it, widened until its ids leave the room."""
    low, high = _neighbours(cursor, key)
    width = 8
    while True:
        before = cursor.execute(
            "SELECT doc_id FROM search_doc WHERE doc_id <= ? ORDER BY doc_id DESC LIMIT ?",
            (low, width + 1),
        ).fetchall()
        after = cursor.execute(
            "SELECT doc_id FROM search_doc WHERE doc_id >= ? ORDER BY doc_id LIMIT ?",
            (high if high is not None else _LAST_ID, width + 1),
        ).fetchall()
        # The window is the documents strictly inside (floor, ceiling); the ends stay put.
        floor = before[-1][0] if len(before) > width else 0
        ceiling = after[-1][0] if len(after) > width else None
        moving = [r[0] for r in before[: width if len(before) > width else None]]
        moving += [r[0] for r in after[: width if len(after) > width else None]]
        slots = len(moving) + 2  # one more slot for the new document, and room at both ends
        step = GAP if ceiling is None else (ceiling - floor) // slots
        if step >= 2:
            break
        width *= 4
    _move_documents(cursor, sorted(moving), floor, step)


def _move_documents(cursor: sqlite3.Cursor, ids: list[int], floor: int, step: int) -> None:
    """Renumber the documents ``ids`` to ``floor + step``, ``floor + 2 step``, … in their order
    (their order, and so the index's, stays the same)."""
    rows = []
    for chunk in _int_chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows += cursor.execute(
            f"SELECT d.doc_id, d.actor_id, d.name_key, s.body FROM search_doc d "
            f"JOIN {SEARCH_TABLE} s ON s.rowid = d.doc_id WHERE d.doc_id IN ({marks})",
            chunk,
        ).fetchall()
    rows.sort()
    for doc_id, *_rest in rows:
        _remove(cursor, doc_id)
    for position, (_doc_id, actor_id, name_key, body) in enumerate(rows, start=1):
        _insert(cursor, floor + position * step, actor_id, name_key, body)


def _int_chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _remove(cursor: sqlite3.Cursor, doc_id: int) -> None:
    cursor.execute(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = ?", (doc_id,))
    cursor.execute("DELETE FROM search_doc WHERE doc_id = ?", (doc_id,))


def _insert(cursor: sqlite3.Cursor, doc_id: int, actor_id: str, name_key: str, body: str) -> None:
    cursor.execute(
        "INSERT INTO search_doc (doc_id, actor_id, name_key) VALUES (?, ?, ?)",
        (doc_id, actor_id, name_key),
    )
    cursor.execute(f"INSERT INTO {SEARCH_TABLE} (rowid, body) VALUES (?, ?)", (doc_id, body))


def reindex(session: Session, actor_ids: Iterable[str]) -> None:
    """Rewrite the index documents of these actors (removing those deleted or erased)."""
    ids = sorted(set(actor_ids))
    if not ids:
        return
    documents = _documents(session, ids)
    cursor = _cursor(session)
    try:
        existing: dict[str, int] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            existing.update(
                cursor.execute(
                    f"SELECT actor_id, doc_id FROM search_doc WHERE actor_id IN ({marks})", chunk
                ).fetchall()
            )
        for actor_id in ids:
            old_id = existing.get(actor_id)
            if old_id is not None:
                _remove(cursor, old_id)
            document = documents.get(actor_id)
            if document is None:
                continue
            body, name_key = document
            key = (name_key, actor_id)
            doc_id = _place(cursor, key, old_id)
            if doc_id is None:
                _respread(cursor, key)
                doc_id = _place(cursor, key, None)
                assert doc_id is not None, "spreading the documents leaves room"
            _insert(cursor, doc_id, actor_id, name_key, body)
    finally:
        cursor.close()


def rebuild(session: Session) -> int:
    """Rebuild the whole index from the register (after a bulk load); returns documents written."""
    documents = _documents(session, None)
    ordered = sorted((key, actor_id, body) for actor_id, (body, key) in documents.items())
    cursor = _cursor(session)
    try:
        cursor.execute(f"DELETE FROM {SEARCH_TABLE}")
        cursor.execute("DELETE FROM search_doc")
        cursor.executemany(
            "INSERT INTO search_doc (doc_id, actor_id, name_key) VALUES (?, ?, ?)",
            ((GAP * (i + 1), actor_id, key) for i, (key, actor_id, _body) in enumerate(ordered)),
        )
        cursor.executemany(
            f"INSERT INTO {SEARCH_TABLE} (rowid, body) VALUES (?, ?)",
            ((GAP * (i + 1), body) for i, (_key, _actor_id, body) in enumerate(ordered)),
        )
        cursor.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')")
    finally:
        cursor.close()
    return len(ordered)


def purge_old_tokens(session: Session) -> None:
    """Merge the index so that deleted documents' tokens leave the file (used by erasure)."""
    cursor = _cursor(session)
    try:
        cursor.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')")
    finally:
        cursor.close()
