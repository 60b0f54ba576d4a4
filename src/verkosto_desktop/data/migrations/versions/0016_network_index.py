"""an index that lists one network's actors in name order

Revision ID: 0016
Revises: 0021

The regional register holds many networks; a network's actors (a laptop's own network, a
coordinator's list) were found by reading every actor of the region (100,000 rows for 2,000).
An index on (network, deleted_at, name_key, id) finds them and gives them in the register's name
order without sorting. Plain CREATE/DROP INDEX on both databases.
"""

from alembic import op

revision = "0016"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_actor_network_name", "actor", ["network", "deleted_at", "name_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_actor_network_name", table_name="actor")
