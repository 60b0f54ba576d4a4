"""The register a page at a time: the first screenful of a search, the next pages as the table
scrolls, and how many actors match, each without reading the other matches.

In name order (the register's usual order) a page is read straight off an index: the actors'
``(deleted_at, name_key, id)`` index, or the full-text index, whose document ids follow the same
order (``search_index``). Each page ends with a mark, and the next page starts after the mark.
Other orders sort every match in SQL, so their first page is the whole list. On the regional
register (PostgreSQL) the documents' ids follow no order: a search typed in the box (name order,
no other filter) is cut to a page in SQL instead, its matches put in the documents' name order
there, so neither every id nor every row crosses the network; other filters come whole. A
common word's first page is read off the front of the name order instead (migration 0022).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Integer, bindparam, func, select, text, tuple_
from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import is_postgresql
from verkosto_desktop.data.models import Actor
from verkosto_desktop.data.models.types import RecordId
from verkosto_desktop.data.register.plain_rows import NAME_PAGE
from verkosto_desktop.data.register.search import (
    ActorFilter,
    build_match,
    conditions,
    search_actor_ids,
    server_match,
    understood,
)
from verkosto_desktop.data.register.text_match import TextMatch
from verkosto_desktop.data.storage.driver import driver_cursor
from verkosto_desktop.data.storage.schema_extras import SEARCH_TABLE
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_from_stored, id_stored

# A mark: where the last page ended (a document id, or a name key and an actor id).
Mark = tuple[Any, ...]


@dataclass(frozen=True)
class IdPage:
    """Ids of one page in order, and where the next page starts (None: this was the last)."""

    ids: list[str]
    more: Mark | None


def pages_in_name_order(flt: ActorFilter) -> bool:
    """Whether ``flt``'s order lets pages be read one at a time (otherwise the first page is
    every match)."""
    return flt.sort == "name"


def _paged(store: Store, flt: ActorFilter) -> bool:
    """Whether ``flt``'s matches are read a page at a time in ``store``."""
    return pages_in_name_order(flt) and not is_postgresql(store.engine)


def _only_text(flt: ActorFilter) -> bool:
    return replace(flt, text="", today=None, sort="name", descending=False) == ActorFilter()


def _raw(session: Session) -> sqlite3.Cursor:
    return driver_cursor(session)


# Typing in the search box is the common case: plain SQL on the driver's cursor, since building
# and compiling the general statement costs more than running it (``TextMatch.select`` with a
# limit).


def _server_paged(store: Store, flt: ActorFilter) -> bool:
    """Whether ``flt`` is read a page at a time on the regional register."""
    return pages_in_name_order(flt) and _only_text(flt) and is_postgresql(store.engine)


# The regional register in the same order as ``search_actor_ids`` gives it (name keys, then ids,
# by code points), a page at a time. ``{after}`` continues after a mark (a name key and an id):
# the name key bounds the index scan, the id breaks ties within one key.
_SERVER_NAME_PAGE = (
    "SELECT id, name_key, id{counted} FROM actor WHERE deleted_at IS NULL {after} "
    'ORDER BY name_key {order}, id COLLATE "C" {order} LIMIT %s'
)
_SERVER_NAME_AFTER = (
    'AND name_key {beyond}= %s AND (name_key {beyond} %s OR id COLLATE "C" {beyond} %s)'
)
# The matches are found first (off the full-text index) and only then put in order: told of
# the LIMIT, the planner would walk every document in name order testing each against the
# search, a hundred times slower for a word most actors do not hold.
# The index's rows carry their actor and name key (migration 0016): no join with search_doc.
_SERVER_TEXT_PAGE = (
    f"WITH matches AS MATERIALIZED (SELECT actor_id, name_key FROM {SEARCH_TABLE} "
    "WHERE terms @@ CAST(%s AS tsquery) {after}) "
    "SELECT actor_id, name_key, actor_id{counted} FROM matches "
    'ORDER BY name_key {order}, actor_id COLLATE "C" {order} LIMIT %s'
)
_SERVER_TEXT_AFTER = (
    'AND name_key {beyond}= %s AND (name_key {beyond} %s OR actor_id COLLATE "C" {beyond} %s)'
)
# Every match counted in the same pass that picks the page: the matches are found once.
_COUNTED = ", count(*) OVER ()"
# Only live actors have documents, one each (``server_index``).
_SERVER_TEXT_COUNT = f"SELECT count(*) FROM {SEARCH_TABLE} WHERE terms @@ CAST(%s AS tsquery)"
# The count with the planner's estimate of how many documents there are (no count of its own):
# enough to tell a common word from a rare one.
_SERVER_TEXT_COUNTED = (
    f"SELECT count(*), (SELECT reltuples FROM pg_class WHERE oid = '{SEARCH_TABLE}'::regclass) "
    f"FROM {SEARCH_TABLE} WHERE terms @@ CAST(%s AS tsquery)"
)
# A common word's first page, read off the front of the documents' name order (migration 0022):
# the first ``scanned`` documents in order, then those of them that match. When that gives a
# full page, it is the page (any match further on comes after it); when not, the matches are
# found and sorted as above.
_SERVER_TEXT_FRONT = (
    "SELECT actor_id, name_key, actor_id FROM "
    f"(SELECT actor_id, name_key, terms FROM {SEARCH_TABLE} "
    'ORDER BY name_key {order}, actor_id COLLATE "C" {order} LIMIT %s) AS front '
    "WHERE terms @@ CAST(%s AS tsquery) "
    'ORDER BY name_key {order}, actor_id COLLATE "C" {order} LIMIT %s'
)
# How many documents the front may read: a few times what a page needs on average, and never
# more than this (a word whose matches all stand late in name order costs at most this much).
_FRONT_MARGIN = 3
_FRONT_MOST = 4_000


def _server_page(
    session: Session, flt: ActorFilter, after: Mark | None, limit: int, *, counted: bool = False
) -> tuple[IdPage, int | None]:
    """A page of the regional register and, when ``counted``, how many match in all."""
    match = server_match(flt.text)
    if match == "":
        return IdPage([], None), 0
    order, beyond = ("DESC", "<") if flt.descending else ("ASC", ">")
    marks: tuple[Any, ...] = (after[0], after[0], after[1]) if after else ()
    if match is None:
        sql = _SERVER_NAME_PAGE.format(
            counted=_COUNTED if counted else "",
            after=_SERVER_NAME_AFTER.format(beyond=beyond) if after else "",
            order=order,
        )
        params: tuple[Any, ...] = (*marks, limit + 1)
    else:
        sql = _SERVER_TEXT_PAGE.format(
            counted=_COUNTED if counted else "",
            after=_SERVER_TEXT_AFTER.format(beyond=beyond) if after else "",
            order=order,
        )
        params = (match, *marks, limit + 1)
    cursor = driver_cursor(session)
    try:
        if match is not None and counted and after is None:
            return _server_text_first(cursor, match, order, limit)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    more = tuple(rows[limit - 1][1:3]) if len(rows) > limit else None
    count = (int(rows[0][3]) if rows else 0) if counted else None
    return IdPage([row[0] for row in rows[:limit]], more), count


def _server_text_first(cursor: Any, match: str, order: str, limit: int) -> tuple[IdPage, int]:
    """A search's first page on the regional register and how many match: counted first, then
    a common word's page read off the front of the name order, a rare word's matches sorted."""
    cursor.execute(_SERVER_TEXT_COUNTED, (match,))
    count, documents = cursor.fetchone()
    if not count:
        return IdPage([], None), 0
    rows: list[tuple[Any, ...]] = []
    # On average a page's worth of matches stands among the first limit × documents / count.
    scanned = _FRONT_MARGIN * (limit + 1) * max(float(documents), count) / count
    if scanned <= _FRONT_MOST:
        cursor.execute(_SERVER_TEXT_FRONT.format(order=order), (int(scanned), match, limit + 1))
        rows = cursor.fetchall()
    if len(rows) <= limit and len(rows) < count:  # the front held too few: all, sorted
        sql = _SERVER_TEXT_PAGE.format(counted="", after="", order=order)
        cursor.execute(sql, (match, limit + 1))
        rows = cursor.fetchall()
    more = tuple(rows[limit - 1][1:3]) if len(rows) > limit else None
    return IdPage([row[0] for row in rows[:limit]], more), int(count)


def _server_count(session: Session, flt: ActorFilter) -> int:
    match = server_match(flt.text)
    if match == "":
        return 0
    connection = session.connection()
    if match is None:
        return int(
            connection.execute(select(func.count()).where(Actor.deleted_at.is_(None))).scalar() or 0
        )
    return int(connection.exec_driver_sql(_SERVER_TEXT_COUNT, (match,)).scalar() or 0)


def actor_id_page(
    store: Store, flt: ActorFilter, after: Mark | None = None, limit: int = 128
) -> IdPage:
    """The next ``limit`` ids matching ``flt`` after ``after`` (from the start when None)."""
    flt = understood(flt)
    if _server_paged(store, flt):
        with store.read() as session:
            return _server_page(session, flt, after, limit)[0]
    if not _paged(store, flt):
        if after is not None:
            return IdPage([], None)
        return IdPage(search_actor_ids(store, flt), None)
    with store.read() as session:
        return _page(session, flt, after, limit)


def first_page(store: Store, flt: ActorFilter, limit: int) -> tuple[IdPage, int]:
    """The first ``limit`` ids matching ``flt`` and the count of all matches, read together
    (what the register table asks for on every keystroke)."""
    flt = understood(flt)
    if _server_paged(store, flt):
        with store.read() as session:
            page, count = _server_page(session, flt, None, limit, counted=True)
        return page, len(page.ids) if count is None else count
    if not _paged(store, flt):
        ids = search_actor_ids(store, flt)
        return IdPage(ids, None), len(ids)
    with store.read() as session:
        page = _page(session, flt, None, limit)
        # A page that holds every match is the count; only a longer list is counted.
        count = len(page.ids) if page.more is None else _count(session, flt)
    return page, count


def _page(session: Session, flt: ActorFilter, after: Mark | None, limit: int) -> IdPage:
    match = build_match(flt.text)
    if _only_text(flt):
        order, beyond = ("DESC", "<") if flt.descending else ("ASC", ">")
        cursor = _raw(session)
        try:
            if match is None:
                sql = NAME_PAGE.format(
                    after=f"AND (name_key, id) {beyond} (?, ?)" if after else "", order=order
                )
                stored = (after[0], id_stored(after[1])) if after else ()
                rows = cursor.execute(sql, (*stored, limit + 1)).fetchall()
                # Marks hold the id as text, as the other paths' marks do.
                texts = [(id_from_stored(i), key) for i, key, _ in rows]
                rows = [(i, key, i) for i, key in texts]
            else:
                sql = match.select(after=beyond if after else "", order=order, limit=True)
                marks = {"after": after[0]} if after else {}
                rows = cursor.execute(
                    sql, {**match.params(), **marks, "limit": limit + 1}
                ).fetchall()
                rows = [(id_from_stored(row[0]), *row[1:]) for row in rows]
        finally:
            cursor.close()
    else:
        rows = list(session.connection().execute(_page_query(flt, match, after, limit + 1)))
    more = tuple(rows[limit - 1][1:]) if len(rows) > limit else None
    return IdPage([row[0] for row in rows[:limit]], more)


def _page_query(flt: ActorFilter, match: TextMatch | None, after: Mark | None, limit: int):  # type: ignore[no-untyped-def]
    descending = flt.descending
    if match is None:
        key = tuple_(Actor.name_key, Actor.id)
        query = select(Actor.id, Actor.name_key, Actor.id.label("id_mark")).where(*conditions(flt))
        if after is not None:
            mark = tuple_(*after, types=[Actor.name_key.type, Actor.id.type])
            query = query.where(key < mark if descending else key > mark)
        order = (
            [Actor.name_key.desc(), Actor.id.desc()]
            if descending
            else [Actor.name_key.asc(), Actor.id.asc()]
        )
        return query.order_by(*order).limit(limit)
    # The full-text index leads: its matches come in name order, each checked against the
    # other filters until the page is full.
    matches = (
        text(match.select())
        .bindparams(**match.params())
        .columns(actor_id=RecordId(), doc_id=Integer)
        .subquery("matches")
    )
    query = (
        select(Actor.id, matches.c.doc_id)
        .join(matches, matches.c.actor_id == Actor.id)
        .where(*conditions(flt))
    )
    if after is not None:
        query = query.where(
            matches.c.doc_id < after[0] if descending else matches.c.doc_id > after[0]
        )
    doc_order = matches.c.doc_id.desc() if descending else matches.c.doc_id.asc()
    return query.order_by(doc_order).limit(limit)


def count_actors(store: Store, flt: ActorFilter) -> int:
    """How many live actors match ``flt``: the full-text index counts a search by itself."""
    flt = understood(flt)
    if _server_paged(store, flt):
        with store.read() as session:
            return _server_count(session, flt)
    if is_postgresql(store.engine):
        return len(search_actor_ids(store, flt))
    with store.read() as session:
        return _count(session, flt)


def _count(session: Session, flt: ActorFilter) -> int:
    match = build_match(flt.text)
    connection = session.connection()
    if _only_text(flt):
        if match is None:
            query = "SELECT count(*) FROM actor WHERE deleted_at IS NULL"
            return int(connection.exec_driver_sql(query).scalar() or 0)
        # Only live actors have documents, one each.
        return int(connection.exec_driver_sql(match.count(), match.params()).scalar() or 0)
    statement = _page_query(replace(flt, sort="name"), match, None, -1).order_by(None)
    counted = select(func.count()).select_from(statement.limit(None).subquery())
    return int(connection.execute(counted).scalar() or 0)


def position_of(store: Store, flt: ActorFilter, actor_id: str) -> int | None:
    """Where ``actor_id`` stands among the matches of ``flt`` (0 first), or None when it does
    not match."""
    flt = understood(flt)
    if not _paged(store, flt):
        ids = search_actor_ids(store, flt)
        return ids.index(actor_id) if actor_id in ids else None
    if flt.ids is not None and actor_id not in flt.ids:
        return None
    match = build_match(flt.text)
    with store.read() as session:
        connection = session.connection()
        alone = replace(flt, ids=(actor_id,))
        if not list(connection.execute(_page_query(alone, match, None, 1))):
            return None
        if match is None:
            key = connection.execute(select(Actor.name_key).where(Actor.id == actor_id)).scalar()
            mark: Mark = (key, actor_id)
        else:
            doc = connection.execute(
                text("SELECT doc_id FROM search_doc WHERE actor_id = :a").bindparams(
                    bindparam("a", actor_id, type_=RecordId())
                )
            ).scalar()
            mark = (doc,)
        # The matches before it are the matches after it in the opposite order.
        backwards = replace(flt, descending=not flt.descending)
        before = _page_query(backwards, match, mark, -1).limit(None).order_by(None)
        counted = select(func.count()).select_from(before.subquery())
        return int(connection.execute(counted).scalar() or 0)
