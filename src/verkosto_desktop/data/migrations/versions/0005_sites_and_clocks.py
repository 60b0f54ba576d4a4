"""sites, clocks and the per-field change log for sharing between laptops

Revision ID: 0005
Revises: 0004

Adds the tables of sharing (sites, knowledge vectors, the change log, what peers hold, bundles,
conflicts, records waiting for their owner) and the site of an erasure. Existing records and
their history are kept as they are: a record gets its first entry in the change log (a
snapshot) when it is first sent. The built-in founding steps and the network's own row get the
same id in every file, so files started apart merge them by key; their history follows.
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The same namespace as data.models.types.stable_id (copied: a migration must not change when
# the program's code does).
_STABLE_NAMESPACE = uuid.UUID("6b1f3c1e-5f0e-4d7a-9a53-0c2f7e9b8d11")


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_STABLE_NAMESPACE, "/".join(parts)))


def _create_tables() -> None:
    op.create_table(
        "clock_vector",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_vector")),
        sa.UniqueConstraint("digest", name=op.f("uq_clock_vector_digest")),
    )
    op.create_table(
        "site",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("is_self", sa.Boolean(), nullable=False),
        sa.Column("clock", sa.BigInteger(), nullable=False),
        sa.Column("vector_id", sa.Integer(), nullable=True),
        sa.Column("bound_to", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("last_received_at", sa.String(length=32), nullable=True),
        sa.Column("last_sent_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["vector_id"], ["clock_vector.id"], name=op.f("fk_site_vector_id_clock_vector")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("uuid", name=op.f("uq_site_uuid")),
    )
    op.create_table(
        "bundle_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("peer_id", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.String(length=32), nullable=False),
        sa.Column("logged_at", sa.String(length=32), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["peer_id"], ["site.id"], name=op.f("fk_bundle_log_peer_id_site")),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_bundle_log_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_log")),
    )
    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=60), nullable=False),
        sa.Column("field", sa.String(length=120), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("vector_id", sa.Integer(), nullable=True),
        sa.Column("bundle_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["bundle_log.id"], name=op.f("fk_change_bundle_id_bundle_log")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_change_site_id_site")),
        sa.ForeignKeyConstraint(
            ["vector_id"], ["clock_vector.id"], name=op.f("fk_change_vector_id_clock_vector")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index(
            "ux_change_identity", ["site_id", "hlc", "entity", "record_id", "field"], unique=True
        )
        batch_op.create_index("ix_change_record", ["entity", "record_id", "field"], unique=False)
    op.create_table(
        "peer_knowledge",
        sa.Column("peer_id", sa.Integer(), nullable=False),
        sa.Column("origin_id", sa.Integer(), nullable=False),
        sa.Column("clock", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["origin_id"], ["site.id"], name=op.f("fk_peer_knowledge_origin_id_site")
        ),
        sa.ForeignKeyConstraint(
            ["peer_id"], ["site.id"], name=op.f("fk_peer_knowledge_peer_id_site")
        ),
        sa.PrimaryKeyConstraint("peer_id", "origin_id", name=op.f("pk_peer_knowledge")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=60), nullable=False),
        sa.Column("field", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("winner_change_id", sa.Integer(), nullable=False),
        sa.Column("loser_change_id", sa.Integer(), nullable=False),
        sa.Column("detected_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["loser_change_id"],
            ["change.id"],
            name=op.f("fk_conflict_loser_change_id_change"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["winner_change_id"],
            ["change.id"],
            name=op.f("fk_conflict_winner_change_id_change"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_record", ["entity", "record_id", "field"], unique=False)
    op.create_table(
        "pending_record",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", name=op.f("pk_pending_record")),
    )


def _stable_builtin_ids() -> None:
    connection = op.get_bind()
    steps = connection.execute(sa.text("SELECT id, key FROM founding_step")).all()
    networks = connection.execute(sa.text("SELECT id FROM network_info ORDER BY created_at")).all()
    renames = [("founding_step", old, _stable_id("founding_step", key)) for old, key in steps]
    # Only the first network row is the network's own (a file holds one).
    renames += [("network_info", row[0], _stable_id("network_info")) for row in networks[:1]]
    for table, old, new in renames:
        if old == new:
            continue
        connection.execute(
            sa.text(f"UPDATE {table} SET id = :new WHERE id = :old"), {"new": new, "old": old}
        )
        connection.execute(
            sa.text(
                "UPDATE history SET record_id = :new WHERE entity = :table AND record_id = :old"
            ),
            {"new": new, "old": old, "table": table},
        )


def upgrade() -> None:
    _create_tables()
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_site", sa.String(length=36), nullable=True))
    _stable_builtin_ids()


def downgrade() -> None:
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.drop_column("origin_site")
    op.drop_table("pending_record")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_conflict_record")
    op.drop_table("conflict")
    op.drop_table("peer_knowledge")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_index("ix_change_record")
        batch_op.drop_index("ux_change_identity")
    op.drop_table("change")
    op.drop_table("bundle_log")
    op.drop_table("site")
    op.drop_table("clock_vector")
