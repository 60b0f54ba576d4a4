"""The full-text index: one document per live actor, holding every text a user may search for.

Phone numbers are searched by the digits typed, whatever the format: on PostgreSQL they go in as
digit tokens (every suffix of the national form plus the international form), on the laptop as
short digit words in an index of their own (``search_phones``), which find the same numbers.

The documents' ids follow the actors' name order (``name_key``, then id): the index hands out its
matches in id order, so the register's first screenful of a search is read without looking at
the other matches. New documents take an id between their neighbours'; where two neighbours'
ids leave no room, the documents around them are spread out again (``_respread``).

The index keeps no copy of the documents (it is contentless): each text and its phone numbers
are kept compressed in ``search_body`` under the document's id, because taking a document out of
a contentless index needs the very text it was written with, and the register may have changed
since.

On PostgreSQL the documents are written by ``server_index`` (with their words as a ``tsvector``).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any

from sqlalchemy.orm import Session

from verkosto_desktop.data import dialects
from verkosto_desktop.data.register import server_index
from verkosto_desktop.data.register.search_phones import digit_words, phone_text
from verkosto_desktop.data.storage.driver import driver_cursor
from verkosto_desktop.data.storage.schema_extras import (
    PHONE_TABLE,
    SEARCH_BODY_TABLE,
    SEARCH_TABLE,
)
from verkosto_desktop.data.stored_ids import id_from_stored, id_stored
from verkosto_desktop.domain.phones import search_tokens

# Room between neighbouring documents' ids when the index is built: five documents can be put
# between two neighbours before any other document moves. Small gaps keep the index small (its
# lists store the differences between ids).
GAP = 32
# Plenty for 2**58 documents, and far from SQLite's limit on row ids.
_LAST_ID = 2**62
_CHUNK = 500  # ids per IN (…) list: well under SQLite's limit on bound values

Key = tuple[str, str]  # (name_key, actor_id): the order of the documents' ids

# Raw deflate with a 4 KB window: about half the size for texts of about 1 KB, and cheap to set
# up (a national register packs 100,000 texts in about 2 s).
_WINDOW_BITS = 12
_MEMORY_LEVEL = 5
# The first byte of a packed document: how the rest is laid out. Revision 0024's layout: how
# many phone numbers and digit words, the numbers, the words and the text, apart by NUL (the
# phone index's text is made again from the numbers and words); deflated as it is (1), or with
# ``_DICTIONARY`` preset (2, what is written).
_PLAIN = b"\x01"
_WITH_DICTIONARY = b"\x02"
# Deflate's preset dictionary: text most documents hold, which each document can then refer to
# instead of spelling it out (a quarter off the texts of a national register). It is the
# program's own text, the capability categories' names in the three languages as this version
# names them, and the Finnish country code; frozen, since packed documents need it to unpack:
# other text is for a new layout.
_DICTIONARY = (
    "Tilat Lokaler Premises "
    "Ruokahuolto Matförsörjning Catering "
    "Kuljetus Transport Transport "
    "Ensiapu Första hjälpen First aid "
    "Henkinen tuki Psykosocialt stöd Psychosocial support "
    "Haavoittuvien asukkaiden tavoittaminen Att nå sårbara invånare Reaching vulnerable residents "
    "Tiedottaminen Information Information "
    "Lastenhoito Barnomsorg Childcare "
    "Tulkkaus Tolkning Interpreting "
    "Varavoima Reservkraft Generators and power "
    "Lämmitys Uppvärmning Heating "
    "Vedenjakelu Vattenutdelning Water supply "
    "Viestiyhteydet (radio) Radiokommunikation Radio communications "
    "Kerhot ja tapahtumat Klubbar och evenemang Clubs and events "
    "Vertaistuki Kamratstöd Peer support "
    "Logistiikka Logistik Logistics "
    "Tietotekninen tuki IT-stöd IT support "
    "\x00+3584\x00+3585\x00+3589\x00+358"
).encode()

# A laptop document: its text, its phone numbers (E.164) in the order they were read, and its
# text's words that start with a digit (``search_phones.digit_words``).
Document = tuple[str, tuple[str, ...], tuple[str, ...]]


def pack_document(document: Document) -> bytes:
    """A document as kept in ``search_body``."""
    body, numbers, words = document
    packer = zlib.compressobj(6, zlib.DEFLATED, -_WINDOW_BITS, _MEMORY_LEVEL, zdict=_DICTIONARY)
    text = "\x00".join((str(len(numbers)), str(len(words)), *numbers, *words, body))
    return _WITH_DICTIONARY + packer.compress(text.encode("utf-8")) + packer.flush()


def unpack_document(data: bytes) -> Document:
    """The document :func:`pack_document` packed."""
    if data[:1] == _WITH_DICTIONARY:
        unpacker = zlib.decompressobj(-15, zdict=_DICTIONARY)
        text = (unpacker.decompress(data[1:]) + unpacker.flush()).decode("utf-8")
    elif data[:1] == _PLAIN:
        text = zlib.decompress(data[1:], -15).decode("utf-8")
    else:
        raise ValueError("a search document packed in an unknown layout")
    numbers_count, words_count, rest = text.split("\x00", 2)
    split = int(numbers_count)
    *items, body = rest.split("\x00", split + int(words_count))
    return body, tuple(items[:split]), tuple(items[split:])


def phone_document(document: Document) -> str:
    """The phone index's text of a document."""
    _body, numbers, words = document
    return phone_text(numbers, words)


# A document's parts in the order they were read: a text (phone None) or a phone number.
Parts = list[tuple[str, str | None]]


def _phone_parts(*numbers: str | None) -> Parts:
    return [("", number) for number in numbers if number]


def laptop_documents(documents: Sequence[Parts]) -> list[Document]:
    """The laptop's documents of these parts: the texts, the numbers apart, and the texts'
    words starting with a digit."""
    bodies = [" ".join(text for text, number in parts if number is None) for parts in documents]
    return [
        (body, tuple(number for _text, number in parts if number is not None), words)
        for body, parts, words in zip(bodies, documents, digit_words(bodies), strict=True)
    ]


def server_text(parts: Parts) -> str:
    """The regional register's document of these parts: each number as its search tokens where
    it stands among the texts."""
    return " ".join(
        text if number is None else " ".join(search_tokens(number)) for text, number in parts
    )


def _join(parts: Iterable[str | None]) -> str:
    return " ".join(p for p in parts if p)


def _cursor(session: Session) -> sqlite3.Cursor:
    # The driver's own cursor: indexing a national register builds 100,000 documents from
    # a million rows, which through the ORM took minutes. It sees only what was flushed.
    session.flush()
    return driver_cursor(session)


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _rows(
    session: Session, sql: str, column: str, ids: Sequence[str] | None
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``sql`` (whose condition ends in ``{ids}``) of the actors with the given ids in
    ``column``, or of all actors when ``ids`` is None (on either database's driver)."""
    cursor = _cursor(session)
    # SQLite keeps ids as 16 bytes: bound so, and the first column (the actor's id, or a
    # category's key, which stays text) read back as text.
    laptop = not dialects.is_postgresql(session)
    try:
        if ids is None:
            cursor.execute(sql.format(ids="1 = 1"))
            yield from _text_ids(cursor.fetchall()) if laptop else cursor.fetchall()
            return
        for chunk in _chunks(ids):
            condition = f"{column} IN ({dialects.marks(session, len(chunk))})"
            if laptop:
                cursor.execute(sql.format(ids=condition), [id_stored(i) for i in chunk])
                yield from _text_ids(cursor.fetchall())
            else:
                cursor.execute(sql.format(ids=condition), list(chunk))
                yield from cursor.fetchall()
    finally:
        cursor.close()


def _text_ids(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Rows whose first column is an id as SQLite keeps it, with that id as text."""
    for first, *rest in rows:
        yield (id_from_stored(first), *rest)


# The columns each document is made of, per table (the actor's first: id and name key).
SEARCHED: dict[str, tuple[str, ...]] = {
    "actor": (
        "id",
        "name_key",
        "name",
        "area",
        "description",
        "basic_activity",
        "address",
        "email",
        "website",
        "phone",
    ),
    "contact": ("actor_id", "name", "role", "email", "radio", "mobile", "landline"),
    "capability": ("actor_id", "category_key", "description", "capacity_unit"),
    "facility": ("actor_id", "name", "address", "heating", "backup_power_kind", "notes"),
}
_WHERE = "WHERE deleted_at IS NULL AND {ids}"
_ACTORS, _CONTACTS, _CAPABILITIES, _FACILITIES = (
    f"SELECT {', '.join(columns)} FROM {table} {_WHERE}" for table, columns in SEARCHED.items()
)
# Rows of ``SEARCHED``'s columns: actors, contacts, capabilities, premises.
Rows = Iterable[tuple[Any, ...]]


def _documents(session: Session, actor_ids: Sequence[str] | None) -> dict[str, tuple[Parts, str]]:
    """Search document parts and name sort key of each given live actor (all live actors when
    ``actor_ids`` is None)."""
    return _documents_of(
        _categories(session),
        _rows(session, _ACTORS, "id", actor_ids),
        _rows(session, _CONTACTS, "actor_id", actor_ids),
        _rows(session, _CAPABILITIES, "actor_id", actor_ids),
        _rows(session, _FACILITIES, "actor_id", actor_ids),
    )


def _categories(session: Session) -> dict[str, str]:
    return {
        key: _join((fi, sv, en))
        for key, fi, sv, en in _rows(
            session, "SELECT key, name_fi, name_sv, name_en FROM capability_category", "", None
        )
    }


def _documents_of(
    categories: Mapping[str, str],
    actor_rows: Rows,
    contact_rows: Rows,
    capability_rows: Rows,
    facility_rows: Rows,
) -> dict[str, tuple[Parts, str]]:
    # Each document's parts in the order of the rows (the tables' order when read back).
    parts: dict[str, Parts] = defaultdict(list)
    live: dict[str, str] = {}
    for row in actor_rows:
        actor_id, name_key, *texts, phone = row
        live[actor_id] = name_key
        parts[actor_id].append((_join(texts), None))
        parts[actor_id].extend(_phone_parts(phone))
    for actor_id, name, role, email, radio, mobile, landline in contact_rows:
        parts[actor_id].append((_join((name, role, email, radio)), None))
        parts[actor_id].extend(_phone_parts(mobile, landline))
    for actor_id, category, description, unit in capability_rows:
        parts[actor_id].append((_join((categories.get(category, ""), description, unit)), None))
    for actor_id, *texts in facility_rows:
        parts[actor_id].append((_join(texts), None))
    return {actor_id: (parts[actor_id], key) for actor_id, key in live.items()}


def _server_documents(documents: Mapping[str, tuple[Parts, str]]) -> dict[str, tuple[str, str]]:
    return {actor_id: (server_text(parts), key) for actor_id, (parts, key) in documents.items()}


def plan_ids(
    existing: Sequence[tuple[Key, int]],
    new: Sequence[Key],
    floor: int,
    ceiling: int | None,
    preferred: Mapping[Key, int] | None = None,
) -> tuple[dict[Key, int], dict[int, int]] | None:
    """Ids for new documents (``new``: their keys) among the documents ``existing`` ((key, id),
    their ids between ``floor`` and ``ceiling``, None for no upper end), with every id in key
    order: the new documents' ids, and new ids for the existing documents that move to make
    room. A new document keeps its ``preferred`` id (its old one) when that is still in place.
    None when the ids between ``floor`` and ``ceiling`` leave too little room."""
    preferred = preferred or {}
    merged: list[tuple[Key, int | None]] = sorted(
        [*existing, *((key, None) for key in new)], key=lambda item: item[0]
    )
    ids: list[int | None] = [doc_id for _key, doc_id in merged]
    placed = [doc_id is not None for doc_id in ids]
    count = len(merged)
    start = 0
    while start < count:
        if placed[start]:
            start += 1
            continue
        end = start
        while end < count and not placed[end]:
            end += 1
        wanted = [preferred.get(merged[j][0]) for j in range(start, end)]
        low = ids[start - 1] if start > 0 else floor
        high = ids[end] if end < count else ceiling
        assert low is not None
        if all(w is not None for w in wanted) and _in_order(low, wanted, high):
            for j, doc_id in zip(range(start, end), wanted, strict=True):
                ids[j], placed[j] = doc_id, True
            start = end
            continue
        widen_left = True
        while True:
            low = ids[start - 1] if start > 0 else floor
            high = ids[end] if end < count else ceiling
            assert low is not None
            if high is None:
                step = GAP
                break
            step = (high - low) // (end - start + 1)
            if step >= 2:
                break
            # No room for a later document: take in a neighbour on one side, then the other.
            if start > 0 and (widen_left or end >= count):
                start -= 1
            elif end < count:
                end += 1
                while end < count and not placed[end]:
                    end += 1
            elif step >= 1:
                break  # the whole window, packed tight
            else:
                return None
            widen_left = not widen_left
        for position, j in enumerate(range(start, end), start=1):
            ids[j], placed[j] = low + step * position, True
        start = end
    fresh = {key: ids[j] for j, (key, old) in enumerate(merged) if old is None}
    moved = {old: ids[j] for j, (_key, old) in enumerate(merged) if old is not None}
    return (
        {key: doc_id for key, doc_id in fresh.items() if doc_id is not None},
        {old: doc_id for old, doc_id in moved.items() if doc_id is not None and doc_id != old},
    )


def _in_order(low: int, wanted: Sequence[int | None], high: int | None) -> bool:
    values = [low, *wanted] + ([high] if high is not None else [])
    return all(a is not None and b is not None and a < b for a, b in pairwise(values))


def _document(row: tuple[int, str, bytes | str]) -> tuple[int, str, str]:
    """A ``search_doc`` row (doc_id, name_key, actor_id) with the actor's id as text."""
    return row[0], row[1], id_from_stored(row[2])


def _doc_after(cursor: sqlite3.Cursor, low: int, high: int) -> tuple[int, str, str] | None:
    """The first document with an id in [low, high), if any."""
    row = cursor.execute(
        "SELECT doc_id, name_key, actor_id FROM search_doc "
        "WHERE doc_id >= ? AND doc_id < ? ORDER BY doc_id LIMIT 1",
        (low, high),
    ).fetchone()
    return None if row is None else _document(row)


def _doc_before(cursor: sqlite3.Cursor, low: int, high: int) -> tuple[int, str, str] | None:
    """The last document with an id in (low, high), if any."""
    row = cursor.execute(
        "SELECT doc_id, name_key, actor_id FROM search_doc "
        "WHERE doc_id > ? AND doc_id < ? ORDER BY doc_id DESC LIMIT 1",
        (low, high),
    ).fetchone()
    return None if row is None else _document(row)


def _neighbours(cursor: sqlite3.Cursor, key: Key) -> tuple[int, int | None]:
    """The ids of the documents just before and just after ``key`` in name order (0 when none
    comes before, None when none comes after): a binary search over the ids, which are in the
    same order as the keys."""
    # Every document up to id ``low`` comes before key; every one from id ``high`` comes after.
    low, high = 0, _LAST_ID
    found_high = False
    while True:
        middle = (low + high + 1) // 2
        row = _doc_after(cursor, middle, high) or _doc_before(cursor, low, middle)
        if row is None:
            return low, high if found_high else None
        if (row[1], row[2]) < key:
            low = row[0]
        else:
            high, found_high = row[0], True


def _window(
    cursor: sqlite3.Cursor, key: Key, width: int
) -> tuple[list[tuple[Key, int]], int, int | None]:
    """Up to ``width`` documents on each side of ``key`` ((key, id) in order), and the ids of the
    documents just outside them (0, None: none)."""
    low, high = _neighbours(cursor, key)
    before = cursor.execute(
        "SELECT doc_id, name_key, actor_id FROM search_doc WHERE doc_id <= ? "
        "ORDER BY doc_id DESC LIMIT ?",
        (low, width + 1),
    ).fetchall()
    after = (
        cursor.execute(
            "SELECT doc_id, name_key, actor_id FROM search_doc WHERE doc_id >= ? "
            "ORDER BY doc_id LIMIT ?",
            (high, width + 1),
        ).fetchall()
        if high is not None
        else []
    )
    floor = before[width][0] if len(before) > width else 0
    ceiling = after[width][0] if len(after) > width else None
    inside = sorted(before[:width]) + after[:width]
    return (
        [((name_key, id_from_stored(actor_id)), doc_id) for doc_id, name_key, actor_id in inside],
        floor,
        ceiling,
    )


def _all_documents(cursor: sqlite3.Cursor) -> list[tuple[Key, int]]:
    return [
        ((name_key, id_from_stored(actor_id)), doc_id)
        for doc_id, name_key, actor_id in cursor.execute(
            "SELECT doc_id, name_key, actor_id FROM search_doc ORDER BY doc_id"
        )
    ]


# Up to this many documents are placed one by one, each among its neighbours; more are placed
# together in one pass over every document's id.
_ONE_BY_ONE = 64


def _place(
    cursor: sqlite3.Cursor, documents: Sequence[tuple[Key, Document]], preferred: Mapping[Key, int]
) -> None:
    """Write the documents ((key, document), in key order) with ids in name order among the
    others."""
    keys = [key for key, _body in documents]
    if len(keys) > _ONE_BY_ONE:
        plan = plan_ids(_all_documents(cursor), keys, 0, None, preferred)
        assert plan is not None, "with no upper end there is always room"
        _move(cursor, plan[1])
        _insert(cursor, [(plan[0][key], key[1], key[0], body) for key, body in documents])
        return
    for key, body in documents:
        width = 8
        while True:
            window, floor, ceiling = _window(cursor, key, width)
            plan = plan_ids(window, [key], floor, ceiling, preferred)
            if plan is not None:
                break
            width *= 4
        _move(cursor, plan[1])
        # Written now, so that the next one finds it among its neighbours.
        _insert(cursor, [(plan[0][key], key[1], key[0], body)])


def _bodies(cursor: sqlite3.Cursor, doc_ids: Sequence[int]) -> dict[int, Document]:
    """The documents as they were written into the index (those that are in it)."""
    bodies: dict[int, Document] = {}
    for chunk in _chunks(doc_ids):  # type: ignore[arg-type]
        marks = ",".join("?" * len(chunk))
        for doc_id, data in cursor.execute(
            f"SELECT doc_id, body FROM {SEARCH_BODY_TABLE} WHERE doc_id IN ({marks})", list(chunk)
        ):
            bodies[doc_id] = unpack_document(data)
    return bodies


def _move(cursor: sqlite3.Cursor, moves: Mapping[int, int]) -> None:
    """Give documents new ids (their texts move with them)."""
    if not moves:
        return
    rows: list[tuple[int, str, str]] = []
    old_ids = sorted(moves)
    for chunk in _chunks(old_ids):  # type: ignore[arg-type]
        marks = ",".join("?" * len(chunk))
        rows += cursor.execute(
            f"SELECT doc_id, actor_id, name_key FROM search_doc WHERE doc_id IN ({marks})",
            list(chunk),
        ).fetchall()
    bodies = _bodies(cursor, old_ids)
    _remove(cursor, old_ids, bodies)
    _insert(
        cursor,
        [
            (moves[old], id_from_stored(actor_id), name_key, bodies.get(old))
            for old, actor_id, name_key in rows
        ],
    )


def _remove(
    cursor: sqlite3.Cursor, doc_ids: Sequence[int], bodies: Mapping[int, Document] | None = None
) -> None:
    """Take documents out of the index (``bodies``: the documents, when already read)."""
    if bodies is None:
        bodies = _bodies(cursor, doc_ids)
    # A contentless index forgets a document only when told the words it was written with.
    cursor.executemany(
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, body) VALUES ('delete', ?, ?)",
        [(d, bodies[d][0]) for d in doc_ids if d in bodies],
    )
    phones = [(d, phone_document(bodies[d])) for d in doc_ids if d in bodies]
    cursor.executemany(
        f"INSERT INTO {PHONE_TABLE} ({PHONE_TABLE}, rowid, phones) VALUES ('delete', ?, ?)",
        [(d, text) for d, text in phones if text],
    )
    cursor.executemany(f"DELETE FROM {SEARCH_BODY_TABLE} WHERE doc_id = ?", [(d,) for d in doc_ids])
    cursor.executemany("DELETE FROM search_doc WHERE doc_id = ?", [(d,) for d in doc_ids])


def _insert(cursor: sqlite3.Cursor, rows: Sequence[tuple[int, str, str, Document | None]]) -> None:
    """Documents (id, actor id, name key, document)."""
    cursor.executemany(
        "INSERT INTO search_doc (doc_id, actor_id, name_key) VALUES (?, ?, ?)",
        [(doc_id, id_stored(actor_id), name_key) for doc_id, actor_id, name_key, _body in rows],
    )
    written = [(doc_id, body) for doc_id, _actor_id, _key, body in rows if body is not None]
    cursor.executemany(
        f"INSERT INTO {SEARCH_TABLE} (rowid, body) VALUES (?, ?)",
        [(doc_id, body[0]) for doc_id, body in written],
    )
    phones = [(doc_id, phone_document(body)) for doc_id, body in written]
    cursor.executemany(
        f"INSERT INTO {PHONE_TABLE} (rowid, phones) VALUES (?, ?)",
        [(doc_id, text) for doc_id, text in phones if text],
    )
    cursor.executemany(
        f"INSERT INTO {SEARCH_BODY_TABLE} (doc_id, body) VALUES (?, ?)",
        [(doc_id, pack_document(body)) for doc_id, body in written],
    )


def reindex(session: Session, actor_ids: Iterable[str]) -> None:
    """Rewrite the index documents of these actors (removing those deleted or erased).

    A few statements per 500 actors, so that an import renewing 10,000 stays quick and small."""
    ids = sorted(set(actor_ids))
    if not ids:
        return
    if dialects.is_postgresql(session):
        for chunk in _chunks(ids):
            server_index.rewrite(session, chunk, _server_documents(_documents(session, chunk)))
        return
    documents = _documents(session, ids)
    cursor = _cursor(session)
    try:
        existing: dict[str, int] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            existing.update(
                (id_from_stored(actor_id), doc_id)
                for actor_id, doc_id in cursor.execute(
                    f"SELECT actor_id, doc_id FROM search_doc WHERE actor_id IN ({marks})",
                    [id_stored(i) for i in chunk],
                )
            )
        _remove(cursor, sorted(existing.values()))
        keys = sorted((name_key, actor_id) for actor_id, (_parts, name_key) in documents.items())
        ordered = list(
            zip(keys, laptop_documents([documents[a][0] for _k, a in keys]), strict=True)
        )
        preferred = {key: existing[key[1]] for key, _body in ordered if key[1] in existing}
        _place(cursor, ordered, preferred)
    finally:
        cursor.close()


def remove_actors(session: Session, actor_ids: Iterable[str]) -> None:
    """Take these actors' documents out of the index before their rows go for good (a row
    deleted first would take its document's id with it, and the index would keep its words)."""
    ids = sorted(set(actor_ids))
    if not ids or dialects.is_postgresql(session):
        return
    cursor = _cursor(session)
    try:
        doc_ids: list[int] = []
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            doc_ids += [
                row[0]
                for row in cursor.execute(
                    f"SELECT doc_id FROM search_doc WHERE actor_id IN ({marks})",
                    [id_stored(i) for i in chunk],
                )
            ]
        _remove(cursor, sorted(doc_ids))
    finally:
        cursor.close()


# FTS5's merge settings: its defaults, and none while every document is written anew. Then
# the words are also gathered in memory (up to 256 MB: a national register fits)
# and written once, as one segment: written in 1 MB pieces and merged at the end, the pieces
# were left behind as free pages (15 MB of a national register's file).
MERGING = {"automerge": 4, "crisismerge": 16, "hashsize": 1 << 20}
BULK_MERGING = {"automerge": 0, "crisismerge": 2000, "hashsize": 1 << 28}


_INDEXES = (SEARCH_TABLE, PHONE_TABLE)


def _configure(cursor: sqlite3.Cursor, settings: Mapping[str, int]) -> None:
    for table in _INDEXES:
        for name, value in settings.items():
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", (name, value))


def _optimize(cursor: sqlite3.Cursor) -> None:
    for table in _INDEXES:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def rebuild(session: Session, written: tuple[Rows, Rows, Rows, Rows] | None = None) -> int:
    """Rebuild the whole index from the register (after a bulk load); returns documents written.

    ``written``: the live rows just written, of ``SEARCHED``'s columns (actors, contacts,
    capabilities, premises, each table's in the order of its rows), so that a generated
    register is not read back (a national one took seconds)."""
    if written is None:
        documents = _documents(session, None)
    else:
        documents = _documents_of(_categories(session), *written)
    if dialects.is_postgresql(session):
        return server_index.rebuild(session, _server_documents(documents))
    keys = sorted((key, actor_id) for actor_id, (_parts, key) in documents.items())
    laptop = laptop_documents([documents[actor_id][0] for _key, actor_id in keys])
    ordered = [(key, actor_id, body) for (key, actor_id), body in zip(keys, laptop, strict=True)]
    cursor = _cursor(session)
    try:
        for table in _INDEXES:
            cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
        cursor.execute(f"DELETE FROM {SEARCH_BODY_TABLE}")
        cursor.execute("DELETE FROM search_doc")
        # Every document is merged into one segment by 'optimize' at the end: merging the
        # segments as they fill up on the way there is work done twice (a quarter of the time).
        _configure(cursor, BULK_MERGING)
        _insert(
            cursor,
            [
                (GAP * position, actor_id, key, body)
                for position, (key, actor_id, body) in enumerate(ordered, start=1)
            ],
        )
        _optimize(cursor)
        _configure(cursor, MERGING)
    finally:
        cursor.close()
    return len(ordered)


def purge_old_tokens(session: Session) -> None:
    """Merge the index so that deleted documents' tokens leave the file (used by erasure)."""
    if dialects.is_postgresql(session):
        # PostgreSQL keeps nothing of a deleted row once it is vacuumed (which it does itself).
        return
    cursor = _cursor(session)
    try:
        _optimize(cursor)
    finally:
        cursor.close()
