"""an index that lists one network's actors in name order; on PostgreSQL, search documents
that carry their actor and name key

Revision ID: 0016
Revises: 0021

The regional register holds many networks; a network's actors (a laptop's own network, a
coordinator's list) were found by reading every actor of the region (100,000 rows for 2,000).
An index on (network, deleted_at, name_key, id) finds them and gives them in the register's name
order without sorting. Plain CREATE/DROP INDEX on both databases.

On PostgreSQL the full-text index's rows (``search_index``) also hold their actor's id and name
key, copies of ``search_doc``'s: a search finds its matches, counts them and picks the first
page from the index's own rows, without joining every match to ``search_doc`` (half the server's
work for a common word). SQLite's FTS5 table is left as it is.
"""

from alembic import op

revision = "0016"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_actor_network_name", "actor", ["network", "deleted_at", "name_key", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE search_index "
            "ADD COLUMN actor_id VARCHAR(36) NOT NULL DEFAULT '', "
            "ADD COLUMN name_key VARCHAR(300) COLLATE \"C\" NOT NULL DEFAULT ''"
        )
        op.execute(
            "UPDATE search_index SET actor_id = d.actor_id, name_key = d.name_key "
            "FROM search_doc d WHERE d.doc_id = search_index.rowid"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_index DROP COLUMN actor_id, DROP COLUMN name_key")
    op.drop_index("ix_actor_network_name", table_name="actor")
