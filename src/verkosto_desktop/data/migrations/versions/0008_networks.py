"""every actor and incident belongs to one municipal network

Revision ID: 0008
Revises: 0003_erasure_placeholders

A region's register holds many networks; on the server only a network's writer may change its
records (``data.server.access``). On a laptop the key is empty: the file's own network. Plain
ADD COLUMN with a constant default on both databases (SQLite copies no table).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0003_erasure_placeholders"
branch_labels = None
depends_on = None

TABLES = ("actor", "incident")
# Where ``verkosto server init`` puts its network guard (data.server.access), copied: a
# migration must not change when the program's code does.
_GUARDED = (
    *TABLES,
    "contact",
    "facility",
    "capability",
    "membership_change",
    "survey_answer",
    "capability_phase",
    "capability_situation",
    "incident_situation",
    "incident_log_entry",
)


def _drop_server_rules() -> None:
    # The server's network rules depend on the column: they go first (server init adds them
    # again after an upgrade).
    for table in TABLES:
        for policy in ("read", "insert", "change", "remove"):
            op.execute(f"DROP POLICY IF EXISTS verkosto_{policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for table in _GUARDED:
        op.execute(f"DROP TRIGGER IF EXISTS verkosto_network_guard ON {table}")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("network", sa.String(length=60), nullable=False, server_default="")
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _drop_server_rules()
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("network")
