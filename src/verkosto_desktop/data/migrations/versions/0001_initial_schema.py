"""initial schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from verkosto_desktop.data.storage.schema_extras import (
    CREATE_SEARCH_INDEX,
    LOG_TRIGGERS,
    POSTGRES_DROP_EXTRAS,
    POSTGRES_LOG_TRIGGERS,
    POSTGRES_SEARCH_INDEX,
)

APPLICATION_ID = 0x564B5354


def _sort_key(length: int) -> sa.types.TypeEngine[str]:
    # Sort keys are ordered by code points: PostgreSQL's "C" collation (SQLite's default).
    return sa.String(length=length).with_variant(
        sa.String(length=length, collation="C"), "postgresql"
    )


def _postgresql() -> bool:
    return op.get_context().dialect.name == "postgresql"


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", _sort_key(300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("basic_activity", sa.Text(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("membership_status", sa.String(length=20), nullable=False),
        sa.Column("membership_changed_on", sa.Date(), nullable=True),
        sa.Column("invited_by_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("last_verified_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["actor.id"],
            name=op.f("fk_actor_invited_by_id_actor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
    )
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.create_index("ix_actor_kind", ["kind"], unique=False)
        batch_op.create_index("ix_actor_live_name", ["deleted_at", "name_key", "id"], unique=False)

    op.create_table(
        "capability_category",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name_fi", sa.String(length=200), nullable=False),
        sa.Column("name_sv", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_capability_category")),
    )
    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=60), nullable=False),
        sa.Column("erased_at", sa.String(length=32), nullable=False),
        sa.Column("erased_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure")),
    )
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasure_record_id"), ["record_id"], unique=False)

    op.create_table(
        "founding_step",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("who", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("residents_involvement", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_founding_step")),
        sa.UniqueConstraint("key", name=op.f("uq_founding_step_key")),
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=60), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("replaced_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
    )
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.create_index(
            "ix_history_record", ["entity", "record_id", "revision"], unique=False
        )

    op.create_table(
        "network_info",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("how_it_works", sa.Text(), nullable=False),
        sa.Column("coordinator", sa.String(length=300), nullable=False),
        sa.Column("stale_after_months", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_info")),
    )
    op.create_table(
        "situation_type",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name_fi", sa.String(length=200), nullable=False),
        sa.Column("name_sv", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_situation_type")),
    )
    op.create_table(
        "contact",
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", _sort_key(300), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("landline", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("radio", sa.String(length=200), nullable=False),
        sa.Column("walk_in", sa.Text(), nullable=False),
        sa.Column("without_mobile_network", sa.Boolean(), nullable=False),
        sa.Column("reachable_24_7", sa.Boolean(), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("consent_method", sa.String(length=200), nullable=False),
        sa.Column("consent_share_with_authorities", sa.Boolean(), nullable=False),
        sa.Column("consent_note", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("last_verified_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_contact_actor_id_actor"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "incident",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.String(length=32), nullable=False),
        sa.Column("recovery_at", sa.String(length=32), nullable=True),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("convened_by_id", sa.String(length=36), nullable=True),
        sa.Column("convened_by_text", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("lessons_learned", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["convened_by_id"],
            ["actor.id"],
            name=op.f("fk_incident_convened_by_id_actor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    op.create_table(
        "membership_change",
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("invited_by_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_membership_change_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["actor.id"],
            name=op.f("fk_membership_change_invited_by_id_actor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_change")),
    )
    with op.batch_alter_table("membership_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_change_actor_id"), ["actor_id"], unique=False
        )

    op.create_table(
        "search_doc",
        sa.Column("doc_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_search_doc_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_search_doc")),
        sa.UniqueConstraint("actor_id", name=op.f("uq_search_doc_actor_id")),
    )
    op.create_table(
        "survey_answer",
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=60), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_survey_answer_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
    )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index("ix_survey_answer_actor_round", ["actor_id", "round"], unique=False)

    op.create_table(
        "call_round",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("selection", sa.String(length=60), nullable=False),
        sa.Column("situation_key", sa.String(length=60), nullable=True),
        sa.Column("incident_id", sa.String(length=36), nullable=True),
        sa.Column("started_at", sa.String(length=32), nullable=False),
        sa.Column("finished_at", sa.String(length=32), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_call_round_incident_id_incident"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_round")),
    )
    op.create_table(
        "capability",
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("category_key", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("capacity_unit", sa.String(length=100), nullable=False),
        sa.Column("activation_minutes", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("last_verified_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_capability_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_key"],
            ["capability_category.key"],
            name=op.f("fk_capability_category_key_capability_category"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_capability_contact_id_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capability")),
    )
    with op.batch_alter_table("capability", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_capability_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_capability_category_key"), ["category_key"], unique=False
        )

    op.create_table(
        "facility",
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("heating", sa.String(length=200), nullable=False),
        sa.Column("backup_power", sa.Boolean(), nullable=False),
        sa.Column("water", sa.Boolean(), nullable=False),
        sa.Column("kitchen", sa.Boolean(), nullable=False),
        sa.Column("accessible", sa.Boolean(), nullable=False),
        sa.Column("key_holder_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("last_verified_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_facility_actor_id_actor"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["key_holder_id"],
            ["contact.id"],
            name=op.f("fk_facility_key_holder_id_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facility")),
    )
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facility_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "incident_log_entry",
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("happened_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("corrects_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_incident_log_entry_actor_id_actor"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["incident_log_entry.id"],
            name=op.f("fk_incident_log_entry_corrects_id_incident_log_entry"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_incident_log_entry_incident_id_incident"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_log_entry")),
    )
    with op.batch_alter_table("incident_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incident_log_entry_incident", ["incident_id", "happened_at"], unique=False
        )

    op.create_table(
        "incident_situation",
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("situation_key", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_incident_situation_incident_id_incident"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["situation_key"],
            ["situation_type.key"],
            name=op.f("fk_incident_situation_situation_key_situation_type"),
        ),
        sa.PrimaryKeyConstraint("incident_id", "situation_key", name=op.f("pk_incident_situation")),
    )
    op.create_table(
        "action_item",
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("responsible_id", sa.String(length=36), nullable=True),
        sa.Column("phase", sa.String(length=20), nullable=True),
        sa.Column("situation_key", sa.String(length=60), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("residents_involved", sa.Boolean(), nullable=False),
        sa.Column("incident_id", sa.String(length=36), nullable=True),
        sa.Column("capability_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["capability_id"],
            ["capability.id"],
            name=op.f("fk_action_item_capability_id_capability"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_action_item_incident_id_incident"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_id"],
            ["actor.id"],
            name=op.f("fk_action_item_responsible_id_actor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["situation_key"],
            ["situation_type.key"],
            name=op.f("fk_action_item_situation_key_situation_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
    )
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_item_incident_id"), ["incident_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_item_responsible_id"), ["responsible_id"], unique=False
        )

    op.create_table(
        "activity",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("starts_at", sa.String(length=32), nullable=False),
        sa.Column("ends_at", sa.String(length=32), nullable=True),
        sa.Column("facility_id", sa.String(length=36), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("organiser_id", sa.String(length=36), nullable=True),
        sa.Column("incident_id", sa.String(length=36), nullable=True),
        sa.Column("phase", sa.String(length=20), nullable=True),
        sa.Column("permanent", sa.Boolean(), nullable=False),
        sa.Column("residents_involved", sa.Boolean(), nullable=False),
        sa.Column("residents_note", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("next_meeting_at", sa.String(length=32), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["facility_id"],
            ["facility.id"],
            name=op.f("fk_activity_facility_id_facility"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_activity_incident_id_incident"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organiser_id"],
            ["actor.id"],
            name=op.f("fk_activity_organiser_id_actor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "call_round_entry",
        sa.Column("call_round_id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("called_at", sa.String(length=32), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_round_id"],
            ["call_round.id"],
            name=op.f("fk_call_round_entry_call_round_id_call_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_call_round_entry_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_round_entry")),
    )
    with op.batch_alter_table("call_round_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_round_entry_call_round_id"), ["call_round_id"], unique=False
        )

    op.create_table(
        "capability_phase",
        sa.Column("capability_id", sa.String(length=36), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["capability_id"],
            ["capability.id"],
            name=op.f("fk_capability_phase_capability_id_capability"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("capability_id", "phase", name=op.f("pk_capability_phase")),
    )
    with op.batch_alter_table("capability_phase", schema=None) as batch_op:
        batch_op.create_index("ix_capability_phase_phase", ["phase", "capability_id"], unique=False)

    op.create_table(
        "capability_situation",
        sa.Column("capability_id", sa.String(length=36), nullable=False),
        sa.Column("situation_key", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["capability_id"],
            ["capability.id"],
            name=op.f("fk_capability_situation_capability_id_capability"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["situation_key"],
            ["situation_type.key"],
            name=op.f("fk_capability_situation_situation_key_situation_type"),
        ),
        sa.PrimaryKeyConstraint(
            "capability_id", "situation_key", name=op.f("pk_capability_situation")
        ),
    )
    with op.batch_alter_table("capability_situation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_capability_situation_key", ["situation_key", "capability_id"], unique=False
        )

    op.create_table(
        "action_status_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("action_item_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.String(length=32), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["action_item.id"],
            name=op.f("fk_action_status_change_action_item_id_action_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_status_change")),
    )
    with op.batch_alter_table("action_status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_status_change_action_item_id"), ["action_item_id"], unique=False
        )

    op.create_table(
        "activity_attendance",
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_activity_attendance_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_activity_attendance_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "actor_id", name=op.f("pk_activity_attendance")),
    )
    with op.batch_alter_table("activity_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_attendance_actor_id"), ["actor_id"], unique=False
        )
    if _postgresql():
        for statement in (*POSTGRES_SEARCH_INDEX, *POSTGRES_LOG_TRIGGERS):
            op.execute(statement)
        return
    op.execute(CREATE_SEARCH_INDEX)
    for trigger in LOG_TRIGGERS:
        op.execute(trigger)
    op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    for statement in (
        POSTGRES_DROP_EXTRAS if _postgresql() else ("DROP TABLE IF EXISTS search_index",)
    ):
        op.execute(statement)
    with op.batch_alter_table("activity_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_attendance_actor_id"))

    op.drop_table("activity_attendance")
    with op.batch_alter_table("action_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_status_change_action_item_id"))

    op.drop_table("action_status_change")
    with op.batch_alter_table("capability_situation", schema=None) as batch_op:
        batch_op.drop_index("ix_capability_situation_key")

    op.drop_table("capability_situation")
    with op.batch_alter_table("capability_phase", schema=None) as batch_op:
        batch_op.drop_index("ix_capability_phase_phase")

    op.drop_table("capability_phase")
    with op.batch_alter_table("call_round_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_round_entry_call_round_id"))

    op.drop_table("call_round_entry")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_starts_at"))
        batch_op.drop_index(batch_op.f("ix_activity_incident_id"))

    op.drop_table("activity")
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_responsible_id"))
        batch_op.drop_index(batch_op.f("ix_action_item_incident_id"))

    op.drop_table("action_item")
    op.drop_table("incident_situation")
    with op.batch_alter_table("incident_log_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_log_entry_incident")

    op.drop_table("incident_log_entry")
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facility_actor_id"))

    op.drop_table("facility")
    with op.batch_alter_table("capability", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_capability_category_key"))
        batch_op.drop_index(batch_op.f("ix_capability_actor_id"))

    op.drop_table("capability")
    op.drop_table("call_round")
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_answer_actor_round")

    op.drop_table("survey_answer")
    op.drop_table("search_doc")
    with op.batch_alter_table("membership_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_change_actor_id"))

    op.drop_table("membership_change")
    op.drop_table("incident")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_actor_id"))

    op.drop_table("contact")
    op.drop_table("situation_type")
    op.drop_table("network_info")
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.drop_index("ix_history_record")

    op.drop_table("history")
    op.drop_table("founding_step")
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_record_id"))

    op.drop_table("erasure")
    op.drop_table("capability_category")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index("ix_actor_live_name")
        batch_op.drop_index("ix_actor_kind")

    op.drop_table("actor")
