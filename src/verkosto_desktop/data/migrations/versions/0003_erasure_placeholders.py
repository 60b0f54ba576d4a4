"""an erasure may replace a person's name in the incident log, and says so on the entry

Revision ID: 0003_erasure_placeholders
Revises: 0005

The log stays append-only except for exactly this: a data-protection erasure puts a placeholder
where an entry names the person (author, text, details) and sets ``erased_at``. The update
trigger is replaced by one that allows that change and refuses every other.
"""

import sqlalchemy as sa
from alembic import op

from verkosto_desktop.data.models.types import UTCDateTime
from verkosto_desktop.data.storage.schema_extras import (
    LOG_TRIGGERS,
    LOG_UPDATE_TRIGGER_ALLOWING_ERASURE,
    POSTGRES_LOG_FUNCTION_ALLOWING_ERASURE,
    POSTGRES_LOG_TRIGGERS,
)

revision = "0003_erasure_placeholders"
down_revision = "0005"
branch_labels = None
depends_on = None


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.add_column("incident_log_entry", sa.Column("erased_at", UTCDateTime(), nullable=True))
    if _postgresql():
        # The regional register's triggers call one function: it learns the one exception.
        op.execute(POSTGRES_LOG_FUNCTION_ALLOWING_ERASURE)
        return
    op.execute("DROP TRIGGER IF EXISTS incident_log_no_update")
    op.execute(LOG_UPDATE_TRIGGER_ALLOWING_ERASURE)


def downgrade() -> None:
    if _postgresql():
        op.drop_column("incident_log_entry", "erased_at")
        op.execute(
            POSTGRES_LOG_TRIGGERS[0].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
        )
        return
    # Dropping the column rebuilds the table, which takes its triggers along: made again after.
    op.execute("DROP TRIGGER IF EXISTS incident_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS incident_log_no_delete")
    with op.batch_alter_table("incident_log_entry") as batch:
        batch.drop_column("erased_at")
    for trigger in LOG_TRIGGERS:
        op.execute(trigger)
