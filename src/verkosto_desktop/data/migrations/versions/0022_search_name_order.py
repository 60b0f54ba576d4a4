"""on PostgreSQL, the full-text index's rows in name order

Revision ID: 0022
Revises: 0015

The register table asks, on every keystroke, for the first screenful of matches in name order
and how many match. On PostgreSQL a common word (a fifth of a 100,000-actor register) was found
whole, every match read and sorted, to keep the first hundred. With the index's rows also in a
B-tree in name order (``name_key``, then the actor's id by code points, the order searches give),
the first page of a common word is read off the front of that order, checking a few hundred rows
(``data.register.pages``). Only PostgreSQL: SQLite's FTS5 documents are numbered in name order.
"""

from alembic import op

revision = "0022"
down_revision = "0015"
branch_labels = None
depends_on = None

_INDEX = "ix_search_index_name_order"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f'CREATE INDEX {_INDEX} ON search_index (name_key, actor_id COLLATE "C")')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX {_INDEX}")
