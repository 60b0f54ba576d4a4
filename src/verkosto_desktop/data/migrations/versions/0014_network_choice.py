"""a laptop keeps which networks it writes and which it receives read-only

Revision ID: 0014
Revises: 0009

The laptop's own site row records the network its user writes on the regional register and the
neighbouring networks it chose to receive (``data.exchange.networks``). Plain ADD COLUMN with a
constant default on both databases.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("site", sa.Column("networks", sa.Text(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_column("networks")
