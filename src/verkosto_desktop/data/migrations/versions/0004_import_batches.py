"""import batches, the records each created or changed, and erased people's identifier hashes

Revision ID: 0004
Revises: 0006

Every import is a batch; its items name the records it created or changed and the revision it
left them at, so that an import can be undone exactly. Erased people leave one-way hashes of
their phone numbers and e-mail addresses, so that an import never brings them back.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("file_kind", sa.String(length=20), nullable=False),
        sa.Column("headers_key", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("undone_at", sa.String(length=32), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_batch_headers_key"), ["headers_key"], unique=False
        )
    op.create_table(
        "import_batch_item",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("revision_before", sa.Integer(), nullable=True),
        sa.Column("revision_after", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_import_batch_item_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "batch_id", "entity", "record_id", name=op.f("pk_import_batch_item")
        ),
    )
    op.create_table(
        "erased_identifier",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("erased_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_erased_identifier")),
    )


def downgrade() -> None:
    op.drop_table("erased_identifier")
    op.drop_table("import_batch_item")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_headers_key"))
    op.drop_table("import_batch")
