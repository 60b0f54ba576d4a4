"""capability situation links without their second index by situation type

Revision ID: 0027_no_situation_index
Revises: 0026_compact_ids

The links between capabilities and situation types had, besides their key (capability link key,
situation type), an index by situation type holding both columns again: 24 MB of a national
register of 100,000 actors (a million links), as much as the links themselves. It was kept for
"who can help" in an incident, but since the links are keyed by the capability's compact link
key (0015) that question reads them as fast without it: at 100,000 actors, who can help in a
storm with a power cut took 1.23 s of CPU with the index and 1.22 s without (a flood alone
0.76 s and 0.78 s, in interleaved runs). The other questions that start from a situation type
(the offers on a situation card) read most links anyway. The upgrade that frees these pages
packs the file (``data.storage.migrate``).

On PostgreSQL (the regional register) the index goes too: the schema follows the same models.
"""

from alembic import op

revision = "0027_no_situation_index"
down_revision = "0026_compact_ids"
branch_labels = None
depends_on = None

INDEX = "ix_capability_situation_key"


def upgrade() -> None:
    op.execute(f"DROP INDEX {INDEX}")


def downgrade() -> None:
    op.execute(f"CREATE INDEX {INDEX} ON capability_situation (situation_key, capability_key)")
