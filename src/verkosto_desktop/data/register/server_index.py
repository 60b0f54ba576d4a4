"""The full-text index's documents on PostgreSQL (the regional register).

The server's searches sort their matches by the documents' name keys (``COLLATE "C"``), so its
documents need no ids in name order: a new document takes the next free id. Each document gets
its words as a ``tsvector`` made by FTS5 itself (``search_terms``), so the server finds what a
laptop finds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import SearchDoc
from verkosto_desktop.data.register.search_terms import tsvectors
from verkosto_desktop.data.storage.schema_extras import SEARCH_TABLE

_CHUNK = 500

Documents = Mapping[str, tuple[str, str]]  # actor id → (search text, name key)


def rewrite(session: Session, ids: Sequence[str], documents: Documents) -> None:
    """Rewrite the documents of the actors ``ids`` (``documents``: those still live)."""
    existing = dict(
        session.execute(
            select(SearchDoc.actor_id, SearchDoc.doc_id).where(SearchDoc.actor_id.in_(ids))
        ).all()
    )
    if existing:
        session.execute(
            text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :d"),
            [{"d": doc_id} for doc_id in existing.values()],
        )
    gone = [doc_id for actor_id, doc_id in existing.items() if actor_id not in documents]
    if gone:
        session.execute(
            delete(SearchDoc)
            .where(SearchDoc.doc_id.in_(gone))
            .execution_options(synchronize_session=False)
        )
    kept = [(existing[a], key) for a, (_body, key) in documents.items() if a in existing]
    if kept:
        session.execute(
            text("UPDATE search_doc SET name_key = :k WHERE doc_id = :d"),
            [{"d": doc_id, "k": key} for doc_id, key in kept],
        )
    fresh = [a for a in documents if a not in existing]
    if fresh:
        next_id = (session.scalar(select(func.max(SearchDoc.doc_id))) or 0) + 1
        fresh_ids = {actor_id: next_id + i for i, actor_id in enumerate(fresh)}
        session.execute(
            insert(SearchDoc),
            [
                {"doc_id": doc_id, "actor_id": actor_id, "name_key": documents[actor_id][1]}
                for actor_id, doc_id in fresh_ids.items()
            ],
        )
        existing.update(fresh_ids)
    if documents:
        _insert_bodies(
            session, [(existing[a], a, key, body) for a, (body, key) in documents.items()]
        )


def rebuild(session: Session, documents: Documents) -> int:
    """Replace every document with ``documents``; returns how many were written."""
    session.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
    session.execute(delete(SearchDoc))
    numbered = [
        (i + 1, actor_id, body, name_key)
        for i, (actor_id, (body, name_key)) in enumerate(documents.items())
    ]
    if numbered:
        session.execute(
            insert(SearchDoc),
            [{"doc_id": d, "actor_id": a, "name_key": k} for d, a, _b, k in numbered],
        )
        _insert_bodies(session, [(d, a, k, b) for d, a, b, k in numbered])
    return len(numbered)


def _insert_bodies(session: Session, rows: list[tuple[int, str, str, str]]) -> None:
    """Write index documents ``(rowid, actor id, name key, body)`` with their words. The actor
    and its name key are copies of ``search_doc``'s (migration 0016): a search reads its
    matches, in order, off these rows alone."""
    statement = text(
        f"INSERT INTO {SEARCH_TABLE}(rowid, actor_id, name_key, body, terms) "
        "VALUES (:d, :a, :k, :b, CAST(:t AS tsvector))"
    )
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        terms = tsvectors([body for _d, _a, _k, body in chunk])
        session.execute(
            statement,
            [
                {"d": d, "a": a, "k": k, "b": body, "t": t}
                for (d, a, k, body), t in zip(chunk, terms, strict=True)
            ],
        )
