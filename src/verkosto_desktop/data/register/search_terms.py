"""The words of a search document or query, exactly as SQLite's FTS5 makes them, for the
regional register on PostgreSQL.

The laptop's index is FTS5 with the ``unicode61`` tokenizer (lower case, diacritics removed:
``Äijälä`` is ``aijala``). PostgreSQL's text search would cut and fold words its own way (and the
``finnish`` configuration stems them: ``kylän`` → ``kylä``), so the same search would find other
actors there. Instead, the words are made here by FTS5 itself, in a private in-memory database,
and handed to PostgreSQL ready-made: a ``tsvector`` of those words with their positions, and a
``tsquery`` of the same prefix phrases the laptop's search asks FTS5 for.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence

from verkosto_desktop.data.storage.schema_extras import CREATE_SEARCH_INDEX, SEARCH_TABLE

# tsvector limits: positions above 16,383 are stored as 16,383; a word may have 2,047 bytes.
_MAX_POSITION = 16_383
_MAX_WORD_BYTES = 2_046

_local = threading.local()


def _tokenizer() -> sqlite3.Connection:
    connection: sqlite3.Connection | None = getattr(_local, "connection", None)
    if connection is None:
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        # The very table definition the laptop's index has: the same tokenizer and options.
        connection.execute(CREATE_SEARCH_INDEX)
        connection.execute(f"CREATE VIRTUAL TABLE words USING fts5vocab({SEARCH_TABLE}, instance)")
        _local.connection = connection
    return connection


def words_of(texts: Sequence[str]) -> list[list[tuple[str, int]]]:
    """Each text's words as FTS5 makes them, with their positions (0-based), in text order."""
    if not texts:
        return []
    connection = _tokenizer()
    result: list[list[tuple[str, int]]] = [[] for _ in texts]
    with connection:
        connection.execute(f"DELETE FROM {SEARCH_TABLE}")
        connection.executemany(
            f"INSERT INTO {SEARCH_TABLE}(rowid, body) VALUES (?, ?)",
            ((i + 1, text) for i, text in enumerate(texts)),
        )
        for term, doc, offset in connection.execute(
            "SELECT term, doc, offset FROM words ORDER BY doc, offset"
        ):
            result[doc - 1].append((term, offset))
        connection.execute(f"DELETE FROM {SEARCH_TABLE}")
    return result


def _quoted(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_text(words: Sequence[tuple[str, int]]) -> str:
    """A ``tsvector`` literal of ``words`` (from :func:`words_of`) with 1-based positions."""
    positions: dict[str, list[int]] = {}
    for word, offset in words:
        if len(word.encode("utf-8")) > _MAX_WORD_BYTES:
            continue
        positions.setdefault(word, []).append(min(offset + 1, _MAX_POSITION))
    return " ".join(
        f"{_quoted(word)}:{','.join(str(p) for p in sorted(set(places)))}"
        for word, places in positions.items()
    )


def tsvectors(texts: Sequence[str]) -> list[str]:
    """A ``tsvector`` literal for each text."""
    return [tsvector_text(words) for words in words_of(texts)]


def tsquery_text(phrases: Sequence[str]) -> str | None:
    """A ``tsquery`` literal matching what FTS5 matches for ``"phrase"*`` terms joined by AND:
    the phrase's words one after another, the last one as a prefix. None when a phrase has no
    words at all (FTS5 then matches nothing)."""
    parts: list[str] = []
    for words in words_of(phrases):
        if not words:
            return None
        terms = [_quoted(word) for word, _offset in words]
        terms[-1] += ":*"
        parts.append("(" + " <-> ".join(terms) + ")" if len(terms) > 1 else terms[0])
    return " & ".join(parts) if parts else None
