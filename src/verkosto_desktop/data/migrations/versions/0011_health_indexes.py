"""indexes that let the dashboard count register health and premises in one pass

Revision ID: 0011
Revises: 0012

The dashboard counts every actor's live contact persons (stale, reachable 24/7, with a phone,
without consent) in one grouped pass, and whether each offers a live capability. Reading the
contact and capability tables for that cost more than a second of CPU for 100,000 actors; these
indexes hold every column those counts read, so the pass reads the indexes alone. Each replaces
the index on ``actor_id`` alone, which it begins with, so lookups by actor (and the cascades of
a deleted actor) keep an index. The premises per area read every live actor's area: an index on
(deleted_at, area, id) holds it. Plain CREATE/DROP INDEX on both databases.
"""

from alembic import op

revision = "0011"
down_revision = "0014"
branch_labels = None
depends_on = None

# Copied from the program (data.models.register): a migration must not change when the
# program's code does.
CONTACT_COLUMNS = [
    "actor_id",
    "deleted_at",
    "last_verified_on",
    "reachable_24_7",
    "consent_on",
    "mobile",
    "landline",
]


def upgrade() -> None:
    op.create_index("ix_contact_actor_health", "contact", CONTACT_COLUMNS)
    op.drop_index("ix_contact_actor_id", table_name="contact")
    op.create_index("ix_capability_actor_live", "capability", ["actor_id", "deleted_at"])
    op.drop_index("ix_capability_actor_id", table_name="capability")
    op.create_index("ix_actor_live_area", "actor", ["deleted_at", "area", "id"])


def downgrade() -> None:
    op.drop_index("ix_actor_live_area", table_name="actor")
    op.create_index("ix_capability_actor_id", "capability", ["actor_id"])
    op.drop_index("ix_capability_actor_live", table_name="capability")
    op.create_index("ix_contact_actor_id", "contact", ["actor_id"])
    op.drop_index("ix_contact_actor_health", table_name="contact")
