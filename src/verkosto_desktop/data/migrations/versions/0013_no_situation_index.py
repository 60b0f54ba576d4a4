"""capability situation links without a second index by situation type

Revision ID: 0013
Revises: 0012

The links between capabilities and situation types had, besides their key (capability,
situation), an index by situation type holding both columns again: 52 MB in a national register
of 100,000 actors (a million links), a twelfth of the file. It served the few questions that
start from a situation type (who can help in an incident, the capabilities offered for a
situation), which now read every link: with ten situation types the index spared them less than
it cost (at 100,000 actors, who can help in a storm with a power cut: 1.45 → 1.63 s of CPU; the
offers for a situation, about 9.9 s, unchanged). The file gives the pages back when the upgrade
vacuums it (data.storage.migrate).

On PostgreSQL (the regional register) the index goes too: the schema follows the same models.
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEX = "ix_capability_situation_key"


def upgrade() -> None:
    op.execute(f"DROP INDEX {INDEX}")


def downgrade() -> None:
    op.execute(f"CREATE INDEX {INDEX} ON capability_situation (situation_key, capability_id)")
