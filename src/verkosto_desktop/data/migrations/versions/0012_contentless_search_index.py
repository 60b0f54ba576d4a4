"""a full-text index without a second copy of every document

Revision ID: 0012
Revises: 0009

FTS5 kept a plain copy of every search document beside its index (86 MB in a national register
of 100,000 actors). The index becomes contentless (``content=''``), and each document's text is
kept compressed in ``search_body`` (raw deflate, about half the size): removing a document from
a contentless index needs the very text it was written with (SQLite 3.40, which Python 3.11
brings, has no ``contentless_delete``), and the register may have changed since.

The index is written again from the same texts under the same ids, so every search finds what it
found before. The migration does not vacuum (it runs inside the upgrade's transaction); the pages
it frees are reused by later writes, and ``VACUUM`` gives them back to the disk.

On PostgreSQL (the regional register) nothing changes: its index is a plain table with a
``tsvector`` and keeps its texts.
"""

import zlib
from collections.abc import Iterator
from typing import Any

from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None

# Copied from the program (data.storage.schema_extras, data.register.search_index): a migration
# must not change when the program's code does.
_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"
_WITH_CONTENT = f"CREATE VIRTUAL TABLE {{name}} USING fts5(body, {_OPTIONS})"
_CONTENTLESS = f"CREATE VIRTUAL TABLE {{name}} USING fts5(body, content='', {_OPTIONS})"
_BODIES = "CREATE TABLE search_body (doc_id INTEGER PRIMARY KEY, body BLOB NOT NULL)"
_WINDOW_BITS = 12  # deflate's window (4 KB: cheap to set up for texts of about 1 KB)
_MEMORY_LEVEL = 5
_BATCH = 2000


def _pack(text: str) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -_WINDOW_BITS, _MEMORY_LEVEL)
    return packer.compress(text.encode("utf-8")) + packer.flush()


def _unpack(data: bytes) -> str:
    return zlib.decompress(data, -15).decode("utf-8")


def _sqlite() -> bool:
    return bool(op.get_bind().dialect.name == "sqlite")


def _batches(sql: str) -> Iterator[list[Any]]:
    """Rows of ``sql`` a batch at a time (a national register's texts are 80 MB)."""
    cursor = op.get_bind().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(_BATCH):
            yield batch
    finally:
        cursor.close()


def _replace_index(create: str) -> None:
    """Make ``search_index`` anew with ``create`` (texts come from ``search_index_texts``)."""
    op.execute("DROP TABLE search_index")
    op.execute(create.format(name="search_index"))
    op.execute(
        "INSERT INTO search_index (rowid, body) SELECT doc_id, body FROM search_index_texts "
        "ORDER BY doc_id"
    )
    op.execute("DROP TABLE search_index_texts")
    op.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")


def upgrade() -> None:
    if not _sqlite():
        return
    bind = op.get_bind()
    op.execute(_BODIES)
    op.execute("CREATE TEMP TABLE search_index_texts (doc_id INTEGER PRIMARY KEY, body TEXT)")
    for batch in _batches("SELECT rowid, body FROM search_index"):
        bind.exec_driver_sql(
            "INSERT INTO search_index_texts (doc_id, body) VALUES (?, ?)", list(batch)
        )
        bind.exec_driver_sql(
            "INSERT INTO search_body (doc_id, body) VALUES (?, ?)",
            [(doc_id, _pack(str(body))) for doc_id, body in batch],
        )
    _replace_index(_CONTENTLESS)


def downgrade() -> None:
    if not _sqlite():
        return
    bind = op.get_bind()
    op.execute("CREATE TEMP TABLE search_index_texts (doc_id INTEGER PRIMARY KEY, body TEXT)")
    for batch in _batches("SELECT doc_id, body FROM search_body"):
        bind.exec_driver_sql(
            "INSERT INTO search_index_texts (doc_id, body) VALUES (?, ?)",
            [(doc_id, _unpack(body)) for doc_id, body in batch],
        )
    op.execute("DROP TABLE search_body")
    _replace_index(_WITH_CONTENT)
