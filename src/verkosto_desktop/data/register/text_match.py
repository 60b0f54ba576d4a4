"""What a search typed asks of the laptop's two full-text indexes, as SQL.

The texts are in ``search_index``; the phone numbers, and the texts' words that start with a
digit, in ``PHONE_TABLE`` (``search_phones``), both under the same document ids. A phrase of
digits alone (``47``, ``0401234``) is looked for in the phone index, every other phrase in the
texts' index: a document matches when it matches in both (or in the one asked).

Both indexes hand out their matches in id order, which is the register's name order: the
statements here read them in that order (two indexes side by side, merged as they go), so a
first screenful is read without the other matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from verkosto_desktop.data.register.search_phones import digit_match, is_digit_phrase
from verkosto_desktop.data.storage.schema_extras import PHONE_TABLE, SEARCH_TABLE


@dataclass(frozen=True)
class TextMatch:
    """A search as FTS5 expressions: over the texts' index (None: no phrase of words) and over
    the phone index (None: no phrase of digits alone); all of them must match."""

    words: str | None
    digits: str | None

    @classmethod
    def of(cls, phrases: list[str]) -> TextMatch:
        """The match for phrases from ``search.match_phrases``."""
        words = [f'"{p}"*' for p in phrases if not is_digit_phrase(p)]
        digits = [f"({digit_match(p)})" for p in phrases if is_digit_phrase(p)]
        return cls(" AND ".join(words) or None, " AND ".join(digits) or None)

    def params(self) -> dict[str, str]:
        """The values of the statements' named parameters."""
        values = {"words": self.words, "digits": self.digits}
        return {name: value for name, value in values.items() if value is not None}

    def _arms(self) -> list[tuple[str, str]]:
        arms = [(SEARCH_TABLE, ":words")] if self.words is not None else []
        return arms + ([(PHONE_TABLE, ":digits")] if self.digits is not None else [])

    def select(self, after: str = "", order: str = "", limit: bool = False) -> str:
        """A statement of the matching documents' ``actor_id`` and ``doc_id``, in id order when
        ``order`` ("ASC"/"DESC"), after the id ``:after`` when ``after`` (">"/"<"), at most
        ``:limit`` of them when ``limit``."""
        condition = f" AND m.rowid {after} :after" if after else ""
        ordered = f" ORDER BY doc_id {order}" if order else ""
        if limit:
            ordered += " LIMIT :limit"
        arms = self._arms()
        if len(arms) == 1:
            table, match = arms[0]
            return (
                "SELECT search_doc.actor_id AS actor_id, m.rowid AS doc_id "
                f"FROM {table} AS m JOIN search_doc ON search_doc.doc_id = m.rowid "
                f"WHERE m.{table} MATCH {match}{condition}{ordered}"
            )
        # Both indexes' matches in id order, merged as they come (SQLite merges the two sides
        # of an INTERSECT with an ORDER BY on its one column), then their actors.
        found = " INTERSECT ".join(
            f"SELECT m.rowid AS doc_id FROM {table} AS m WHERE m.{table} MATCH {match}{condition}"
            for table, match in arms
        )
        return (
            "SELECT search_doc.actor_id AS actor_id, found.doc_id AS doc_id "
            f"FROM ({found}{ordered}) AS found "
            f"JOIN search_doc ON search_doc.doc_id = found.doc_id{ordered.split(' LIMIT')[0]}"
        )

    def count(self) -> str:
        """A statement counting the matching documents (only live actors have documents)."""
        arms = self._arms()
        if len(arms) == 1:
            table, match = arms[0]
            return f"SELECT count(*) FROM {table} WHERE {table} MATCH {match}"
        found = " INTERSECT ".join(
            f"SELECT m.rowid AS doc_id FROM {table} AS m WHERE m.{table} MATCH {match}"
            for table, match in arms
        )
        return f"SELECT count(*) FROM ({found} ORDER BY doc_id)"
