"""premises for a power cut, and the print packs made

Revision ID: 0006
Revises: 0002

Premises say whether their heating works without the mains, what backup power they have and for
how many hours of fuel. Each print pack written is remembered, so that the dashboard can say how
old the paper is; the history and the printed tables get an index on their time, for counting
the changes since.

The words of the premises' heating and notes join the actors' search documents (the documents
are stored in the full-text table, so the words are appended there in SQL).
"""

import sqlalchemy as sa
from alembic import op

# What printed sheets are made of: counting the changes since a pack reads the newest rows only.
PRINTED_TABLES = (
    "actor",
    "contact",
    "capability",
    "facility",
    "network_info",
    "action_item",
    "incident",
    "incident_log_entry",
)

revision = "0006"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite can, with a constant default): no copy of the table is made.
    op.add_column(
        "facility",
        sa.Column("heating_without_mains", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "facility",
        sa.Column("backup_power_kind", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column("facility", sa.Column("fuel_hours", sa.Integer(), nullable=True))
    op.create_table(
        "print_pack",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("made_at", sa.String(length=32), nullable=False),
        sa.Column("data_changed_at", sa.String(length=32), nullable=True),
        sa.Column("folder", sa.String(length=1000), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_pack")),
    )
    with op.batch_alter_table("print_pack") as batch:
        batch.create_index(batch.f("ix_print_pack_made_at"), ["made_at"], unique=False)
    with op.batch_alter_table("history") as batch:
        batch.create_index("ix_history_replaced_at", ["replaced_at"], unique=False)
    for table in PRINTED_TABLES:
        op.create_index(f"ix_{table}_created_at", table, ["created_at"], unique=False)
    if op.get_context().dialect.name == "postgresql":
        _add_premises_words_postgresql()
        return
    op.execute(
        "UPDATE search_index SET body = body || ' ' || ("
        " SELECT group_concat(facility.heating || ' ' || facility.notes, ' ')"
        " FROM facility JOIN search_doc ON search_doc.actor_id = facility.actor_id"
        " WHERE search_doc.doc_id = search_index.rowid AND facility.deleted_at IS NULL)"
        " WHERE rowid IN ("
        " SELECT search_doc.doc_id FROM search_doc"
        " JOIN facility ON facility.actor_id = search_doc.actor_id"
        " WHERE facility.deleted_at IS NULL AND (facility.heating != '' OR facility.notes != ''))"
    )


def _add_premises_words_postgresql() -> None:
    # The server's documents carry their words beside the text (see search_terms).
    from verkosto_desktop.data.register.search_terms import tsvectors

    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT search_index.rowid, search_index.body,"
            " string_agg(facility.heating || ' ' || facility.notes, ' ')"
            " FROM search_index JOIN search_doc ON search_doc.doc_id = search_index.rowid"
            " JOIN facility ON facility.actor_id = search_doc.actor_id"
            " WHERE facility.deleted_at IS NULL"
            " AND (facility.heating != '' OR facility.notes != '')"
            " GROUP BY search_index.rowid, search_index.body"
        )
    ).all()
    bodies = [f"{body} {words}" for _rowid, body, words in rows]
    for (rowid, _body, _words), body, terms in zip(rows, bodies, tsvectors(bodies), strict=True):
        connection.execute(
            sa.text(
                "UPDATE search_index SET body = :b, terms = CAST(:t AS tsvector) WHERE rowid = :r"
            ),
            {"b": body, "t": terms, "r": rowid},
        )


def downgrade() -> None:
    for table in PRINTED_TABLES:
        op.drop_index(f"ix_{table}_created_at", table_name=table)
    with op.batch_alter_table("history") as batch:
        batch.drop_index("ix_history_replaced_at")
    with op.batch_alter_table("print_pack") as batch:
        batch.drop_index(batch.f("ix_print_pack_made_at"))
    op.drop_table("print_pack")
    with op.batch_alter_table("facility") as batch:
        batch.drop_column("fuel_hours")
        batch.drop_column("backup_power_kind")
        batch.drop_column("heating_without_mains")
