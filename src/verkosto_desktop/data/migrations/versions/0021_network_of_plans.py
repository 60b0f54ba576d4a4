"""activities, action items and call rounds belong to a municipal network too

Revision ID: 0021
Revises: 0011

On the regional register a network's writer could change another network's meetings, action
plan and call rounds: they carried no network. Like actors and incidents (0008) they now do, so
the same rules guard them (``data.server.access``) and a laptop receives only its own network's
and the chosen neighbours'. On a laptop the key is empty: the file's own network. Plain ADD
COLUMN with a constant default on both databases (SQLite copies no table).
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("activity", "action_item", "call_round")
# Where ``verkosto server init`` puts its network guard on them and on what belongs to them,
# copied: a migration must not change when the program's code does.
_GUARDED = (*TABLES, "activity_attendance", "action_status_change", "call_round_entry")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("network", sa.String(length=60), nullable=False, server_default="")
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # The server's rules on these tables read the column: they go first.
        for table in TABLES:
            for policy in ("read", "insert", "change", "remove"):
                op.execute(f"DROP POLICY IF EXISTS verkosto_{policy} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for table in _GUARDED:
            op.execute(f"DROP TRIGGER IF EXISTS verkosto_network_guard ON {table}")
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("network")
