"""storage for a national register: search documents numbered in name order

Revision ID: 0007
Revises: 0008

The register reads a search's first screenful straight off the full-text index, in the index's
own order: the documents' ids must follow the actors' name order (``name_key``, then id), with
room between neighbours (a gap of 32) for documents added later. The documents are renumbered
so; their texts are kept as they are.

On PostgreSQL (the regional register) nothing changes: its searches sort their matches by the
documents' name keys, so its documents keep their ids.
"""

from alembic import op

revision = "0007"
down_revision = "0008"
branch_labels = None
depends_on = None

# The program's gap between neighbouring documents (data.register.search_index.GAP), copied: a
# migration must not change when the program's code does.
GAP = 32


def _number_documents_in_name_order() -> None:
    op.execute(
        "CREATE TEMP TABLE renumbered AS SELECT d.doc_id AS old_id, "
        f"{GAP} * row_number() OVER (ORDER BY a.name_key, a.id) AS new_id, "
        "d.actor_id AS actor_id, a.name_key AS name_key, s.body AS body "
        "FROM search_doc d JOIN actor a ON a.id = d.actor_id "
        "JOIN search_index s ON s.rowid = d.doc_id"
    )
    op.execute("DELETE FROM search_index")
    op.execute("DELETE FROM search_doc")
    op.execute(
        "INSERT INTO search_doc (doc_id, actor_id, name_key) "
        "SELECT new_id, actor_id, name_key FROM renumbered"
    )
    op.execute("INSERT INTO search_index (rowid, body) SELECT new_id, body FROM renumbered")
    op.execute("DROP TABLE renumbered")
    op.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _number_documents_in_name_order()


def downgrade() -> None:
    # Older versions find documents by their actor, in any order: nothing to undo.
    pass
