"""search documents carry the actor's name sort key

Revision ID: 0002
Revises: 0001

The register's search puts its matches in name order; with the key beside the document that
needs no join with the actor table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "search_doc",
        sa.Column(
            "name_key",
            # Ordered by code points on PostgreSQL too (its "C" collation).
            sa.String(length=300).with_variant(sa.String(300, collation="C"), "postgresql"),
            nullable=False,
            server_default="",
        ),
    )
    op.execute(
        "UPDATE search_doc SET name_key = "
        "(SELECT actor.name_key FROM actor WHERE actor.id = search_doc.actor_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("search_doc") as batch:
        batch.drop_column("name_key")
