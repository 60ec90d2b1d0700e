"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_operations",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("org_code", sa.String(length=32), nullable=False),
        sa.Column("operation", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("undo_of", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["undo_of"], ["audit_operations.id"], name=op.f("fk_audit_operations_undo_of_audit_operations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_operations")),
        sa.UniqueConstraint("undo_of", name=op.f("uq_audit_operations_undo_of")),
    )
    with op.batch_alter_table("audit_operations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_operations_actor"), ["actor"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_operations_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_operations_operation"), ["operation"], unique=False)

    op.create_table(
        "competency_models",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("is_sample", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("frozen", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("previous_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["competency_models.id"], name=op.f("fk_competency_models_previous_id_competency_models")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competency_models")),
        sa.UniqueConstraint("kind", "version_no", name=op.f("uq_competency_models_kind")),
    )
    with op.batch_alter_table("competency_models", schema=None) as batch_op:
        batch_op.create_index("ix_competency_models_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "install_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_install_meta")),
    )
    op.create_table(
        "streets",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("district_code", sa.String(length=32), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("studio_name", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_streets")),
        sa.UniqueConstraint("code", name=op.f("uq_streets_code")),
        sa.UniqueConstraint("name", name=op.f("uq_streets_name")),
    )
    with op.batch_alter_table("streets", schema=None) as batch_op:
        batch_op.create_index("ix_streets_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "audit_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("operation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["operation_id"], ["audit_operations.id"], name=op.f("fk_audit_changes_operation_id_audit_operations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_changes")),
    )
    with op.batch_alter_table("audit_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_changes_operation_id"), ["operation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_changes_row_id"), ["row_id"], unique=False)

    op.create_table(
        "cohorts",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("street_id", sa.String(length=36), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["street_id"], ["streets.id"], name=op.f("fk_cohorts_street_id_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohorts")),
        sa.UniqueConstraint("kind", "street_id", "number", name=op.f("uq_cohorts_kind")),
    )
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.create_index("ix_cohorts_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_cohorts_street_id"), ["street_id"], unique=False)

    op.create_table(
        "communities",
        sa.Column("street_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("verified", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["street_id"], ["streets.id"], name=op.f("fk_communities_street_id_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communities")),
        sa.UniqueConstraint("street_id", "name", name=op.f("uq_communities_street_id")),
    )
    with op.batch_alter_table("communities", schema=None) as batch_op:
        batch_op.create_index("ix_communities_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_communities_street_id"), ["street_id"], unique=False)

    op.create_table(
        "competency_nodes",
        sa.Column("model_id", sa.String(length=36), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["competency_models.id"], name=op.f("fk_competency_nodes_model_id_competency_models")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["competency_nodes.id"], name=op.f("fk_competency_nodes_parent_id_competency_nodes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competency_nodes")),
    )
    with op.batch_alter_table("competency_nodes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_competency_nodes_model_id"), ["model_id"], unique=False)
        batch_op.create_index("ix_competency_nodes_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "training_sessions",
        sa.Column("street_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("practice_task", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["street_id"], ["streets.id"], name=op.f("fk_training_sessions_street_id_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_sessions")),
    )
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_sessions_date"), ["date"], unique=False)
        batch_op.create_index("ix_training_sessions_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_sessions_street_id"), ["street_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_sessions_title"), ["title"], unique=False)

    op.create_table(
        "tutor_recommendations",
        sa.Column("street_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("school", sa.String(length=16), nullable=True),
        sa.Column("subjects", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recommended_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["street_id"], ["streets.id"], name=op.f("fk_tutor_recommendations_street_id_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tutor_recommendations")),
    )
    with op.batch_alter_table("tutor_recommendations", schema=None) as batch_op:
        batch_op.create_index("ix_tutor_recommendations_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_tutor_recommendations_street_id"), ["street_id"], unique=False)

    op.create_table(
        "committee_terms",
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("election_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_committee_terms_community_id_communities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_terms")),
    )
    with op.batch_alter_table("committee_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_committee_terms_community_id"), ["community_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_committee_terms_election_date"), ["election_date"], unique=False)
        batch_op.create_index("ix_committee_terms_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "people",
        sa.Column("street_id", sa.String(length=36), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_pinyin", sa.String(length=200), nullable=False),
        sa.Column("name_initials", sa.String(length=64), nullable=False),
        sa.Column("name_sort", sa.String(length=300), nullable=False),
        sa.Column("gender", sa.String(length=4), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=16), nullable=True),
        sa.Column("political_status", sa.String(length=16), nullable=True),
        sa.Column("education", sa.String(length=16), nullable=True),
        sa.Column("id_card", sa.String(length=18), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("estate", sa.String(length=100), nullable=True),
        sa.Column("grid", sa.String(length=100), nullable=True),
        sa.Column("building", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("retired_reason", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["communities.id"], name=op.f("fk_people_community_id_communities")),
        sa.ForeignKeyConstraint(["street_id"], ["streets.id"], name=op.f("fk_people_street_id_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_community_id"), ["community_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_name_initials"), ["name_initials"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_name_pinyin"), ["name_pinyin"], unique=False)
        batch_op.create_index("ix_people_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(
            "ix_people_roster",
            ["street_id", "status", "name_sort", "id"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
            postgresql_where=sa.text("deleted = false"),
        )
        batch_op.create_index(batch_op.f("ix_people_street_id"), ["street_id"], unique=False)
        batch_op.create_index(
            "uq_people_id_card_live",
            ["id_card"],
            unique=True,
            sqlite_where=sa.text("deleted = 0 AND id_card IS NOT NULL"),
            postgresql_where=sa.text("deleted = false AND id_card IS NOT NULL"),
        )

    op.create_table(
        "session_cohorts",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("cohort_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name=op.f("fk_session_cohorts_cohort_id_cohorts")),
        sa.ForeignKeyConstraint(
            ["session_id"], ["training_sessions.id"], name=op.f("fk_session_cohorts_session_id_training_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_cohorts")),
        sa.UniqueConstraint("session_id", "cohort_id", name=op.f("uq_session_cohorts_session_id")),
    )
    with op.batch_alter_table("session_cohorts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_cohorts_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index("ix_session_cohorts_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_cohorts_session_id"), ["session_id"], unique=False)

    op.create_table(
        "topics",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("street_id", sa.String(length=36), nullable=True),
        sa.Column("community_id", sa.String(length=36), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["communities.id"], name=op.f("fk_topics_community_id_communities")),
        sa.ForeignKeyConstraint(["street_id"], ["streets.id"], name=op.f("fk_topics_street_id_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topics")),
    )
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topics_community_id"), ["community_id"], unique=False)
        batch_op.create_index("ix_topics_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_topics_street_id"), ["street_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_topics_title"), ["title"], unique=False)
        batch_op.create_index(batch_op.f("ix_topics_year"), ["year"], unique=False)

    op.create_table(
        "archive_entries",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_archive_entries_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_entries")),
    )
    with op.batch_alter_table("archive_entries", schema=None) as batch_op:
        batch_op.create_index("ix_archive_entries_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index("ix_archive_entries_person_date", ["person_id", "entry_date"], unique=False)

    op.create_table(
        "assessments",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("model_id", sa.String(length=36), nullable=False),
        sa.Column("cohort_id", sa.String(length=36), nullable=True),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name=op.f("fk_assessments_cohort_id_cohorts")),
        sa.ForeignKeyConstraint(
            ["model_id"], ["competency_models.id"], name=op.f("fk_assessments_model_id_competency_models")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_assessments_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessments_model_id"), ["model_id"], unique=False)
        batch_op.create_index("ix_assessments_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessments_person_id"), ["person_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("is_guest", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_attendance_person_id_people")),
        sa.ForeignKeyConstraint(
            ["session_id"], ["training_sessions.id"], name=op.f("fk_attendance_session_id_training_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("session_id", "person_id", name=op.f("uq_attendance_session_id")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index("ix_attendance_person_session", ["person_id", "session_id"], unique=False)

    op.create_table(
        "committee_members",
        sa.Column("term_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("body", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_committee_members_person_id_people")),
        sa.ForeignKeyConstraint(
            ["term_id"], ["committee_terms.id"], name=op.f("fk_committee_members_term_id_committee_terms")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_members")),
        sa.UniqueConstraint("term_id", "person_id", "body", name=op.f("uq_committee_members_term_id")),
    )
    with op.batch_alter_table("committee_members", schema=None) as batch_op:
        batch_op.create_index("ix_committee_members_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_committee_members_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_committee_members_term_id"), ["term_id"], unique=False)

    op.create_table(
        "enrolments",
        sa.Column("cohort_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("talent_kind", sa.String(length=32), nullable=True),
        sa.Column("camp_tier", sa.String(length=16), nullable=True),
        sa.Column("camp_stage", sa.String(length=16), nullable=True),
        sa.Column("enrolled_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name=op.f("fk_enrolments_cohort_id_cohorts")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_enrolments_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolments")),
        sa.UniqueConstraint("cohort_id", "person_id", "role", name=op.f("uq_enrolments_cohort_id")),
    )
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolments_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index("ix_enrolments_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolments_person_id"), ["person_id"], unique=False)

    op.create_table(
        "governance_cases",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("street_id", sa.String(length=36), nullable=True),
        sa.Column("community_id", sa.String(length=36), nullable=True),
        sa.Column("topic_id", sa.String(length=36), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_governance_cases_community_id_communities")
        ),
        sa.ForeignKeyConstraint(["street_id"], ["streets.id"], name=op.f("fk_governance_cases_street_id_streets")),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_governance_cases_topic_id_topics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_cases")),
    )
    with op.batch_alter_table("governance_cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_cases_community_id"), ["community_id"], unique=False)
        batch_op.create_index("ix_governance_cases_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_governance_cases_street_id"), ["street_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_governance_cases_title"), ["title"], unique=False)
        batch_op.create_index(batch_op.f("ix_governance_cases_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "mentor_links",
        sa.Column("mentor_id", sa.String(length=36), nullable=False),
        sa.Column("apprentice_id", sa.String(length=36), nullable=False),
        sa.Column("cohort_id", sa.String(length=36), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["apprentice_id"], ["people.id"], name=op.f("fk_mentor_links_apprentice_id_people")),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name=op.f("fk_mentor_links_cohort_id_cohorts")),
        sa.ForeignKeyConstraint(["mentor_id"], ["people.id"], name=op.f("fk_mentor_links_mentor_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_links")),
    )
    with op.batch_alter_table("mentor_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_links_apprentice_id"), ["apprentice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentor_links_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentor_links_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index("ix_mentor_links_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "person_aliases",
        sa.Column("alias_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_person_aliases_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_aliases")),
        sa.UniqueConstraint("alias_id", name=op.f("uq_person_aliases_alias_id")),
    )
    with op.batch_alter_table("person_aliases", schema=None) as batch_op:
        batch_op.create_index("ix_person_aliases_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_aliases_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_photos",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("mime_type", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_person_photos_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_photos")),
        sa.UniqueConstraint("person_id", name=op.f("uq_person_photos_person_id")),
    )
    with op.batch_alter_table("person_photos", schema=None) as batch_op:
        batch_op.create_index("ix_person_photos_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "person_talents",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_person_talents_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_talents")),
    )
    with op.batch_alter_table("person_talents", schema=None) as batch_op:
        batch_op.create_index("ix_person_talents_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_talents_person_id"), ["person_id"], unique=False)

    op.create_table(
        "positions",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_positions_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positions")),
    )
    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.create_index("ix_positions_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_positions_person_id"), ["person_id"], unique=False)

    op.create_table(
        "reserve_entries",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("target_role", sa.String(length=32), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_reserve_entries_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reserve_entries")),
        sa.UniqueConstraint("person_id", "target_role", name=op.f("uq_reserve_entries_person_id")),
    )
    with op.batch_alter_table("reserve_entries", schema=None) as batch_op:
        batch_op.create_index("ix_reserve_entries_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_reserve_entries_person_id"), ["person_id"], unique=False)

    op.create_table(
        "topic_members",
        sa.Column("topic_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_topic_members_person_id_people")),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_topic_members_topic_id_topics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic_members")),
        sa.UniqueConstraint("topic_id", "person_id", name=op.f("uq_topic_members_topic_id")),
    )
    with op.batch_alter_table("topic_members", schema=None) as batch_op:
        batch_op.create_index("ix_topic_members_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_topic_members_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_topic_members_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "topic_outcomes",
        sa.Column("topic_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_topic_outcomes_topic_id_topics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic_outcomes")),
        sa.UniqueConstraint("topic_id", "owner", name=op.f("uq_topic_outcomes_topic_id")),
    )
    with op.batch_alter_table("topic_outcomes", schema=None) as batch_op:
        batch_op.create_index("ix_topic_outcomes_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_topic_outcomes_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "topic_steps",
        sa.Column("topic_id", sa.String(length=36), nullable=False),
        sa.Column("step_no", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_topic_steps_topic_id_topics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic_steps")),
        sa.UniqueConstraint("topic_id", "step_no", name=op.f("uq_topic_steps_topic_id")),
    )
    with op.batch_alter_table("topic_steps", schema=None) as batch_op:
        batch_op.create_index("ix_topic_steps_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_topic_steps_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "transfers",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("from_street_id", sa.String(length=36), nullable=False),
        sa.Column("to_street_id", sa.String(length=36), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["from_street_id"], ["streets.id"], name=op.f("fk_transfers_from_street_id_streets")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_transfers_person_id_people")),
        sa.ForeignKeyConstraint(["to_street_id"], ["streets.id"], name=op.f("fk_transfers_to_street_id_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfers")),
    )
    with op.batch_alter_table("transfers", schema=None) as batch_op:
        batch_op.create_index("ix_transfers_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_transfers_person_id"), ["person_id"], unique=False)

    op.create_table(
        "tutors",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_pinyin", sa.String(length=200), nullable=False),
        sa.Column("name_initials", sa.String(length=64), nullable=False),
        sa.Column("name_sort", sa.String(length=300), nullable=False),
        sa.Column("gender", sa.String(length=4), nullable=True),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("school", sa.String(length=16), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("subjects", sa.Text(), nullable=True),
        sa.Column("nomination", sa.String(length=16), nullable=False),
        sa.Column("recommended_by", sa.String(length=100), nullable=True),
        sa.Column("vetting", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recommendation_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_tutors_person_id_people")),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["tutor_recommendations.id"],
            name=op.f("fk_tutors_recommendation_id_tutor_recommendations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tutors")),
    )
    with op.batch_alter_table("tutors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tutors_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_tutors_name_initials"), ["name_initials"], unique=False)
        batch_op.create_index(batch_op.f("ix_tutors_name_pinyin"), ["name_pinyin"], unique=False)
        batch_op.create_index("ix_tutors_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "assessment_scores",
        sa.Column("assessment_id", sa.String(length=36), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_assessment_scores_assessment_id_assessments")
        ),
        sa.ForeignKeyConstraint(
            ["node_id"], ["competency_nodes.id"], name=op.f("fk_assessment_scores_node_id_competency_nodes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_scores")),
        sa.UniqueConstraint("assessment_id", "node_id", name=op.f("uq_assessment_scores_assessment_id")),
    )
    with op.batch_alter_table("assessment_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_scores_assessment_id"), ["assessment_id"], unique=False)
        batch_op.create_index("ix_assessment_scores_owner_version", ["owner", "version"], unique=False)

    op.create_table(
        "case_people",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["governance_cases.id"], name=op.f("fk_case_people_case_id_governance_cases")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_case_people_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_people")),
        sa.UniqueConstraint("case_id", "person_id", name=op.f("uq_case_people_case_id")),
    )
    with op.batch_alter_table("case_people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_people_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_case_people_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_people_person_id"), ["person_id"], unique=False)

    op.create_table(
        "documents",
        sa.Column("topic_id", sa.String(length=36), nullable=True),
        sa.Column("step_no", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["governance_cases.id"], name=op.f("fk_documents_case_id_governance_cases")
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_documents_topic_id_topics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_documents_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "honours",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=True),
        sa.Column("awarded_by", sa.String(length=200), nullable=True),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("community_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["governance_cases.id"], name=op.f("fk_honours_case_id_governance_cases")),
        sa.ForeignKeyConstraint(["community_id"], ["communities.id"], name=op.f("fk_honours_community_id_communities")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_honours_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_honours")),
    )
    with op.batch_alter_table("honours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_honours_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_honours_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_honours_person_id"), ["person_id"], unique=False)

    op.create_table(
        "session_tutors",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("tutor_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["training_sessions.id"], name=op.f("fk_session_tutors_session_id_training_sessions")
        ),
        sa.ForeignKeyConstraint(["tutor_id"], ["tutors.id"], name=op.f("fk_session_tutors_tutor_id_tutors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_tutors")),
        sa.UniqueConstraint("session_id", "tutor_id", name=op.f("uq_session_tutors_session_id")),
    )
    with op.batch_alter_table("session_tutors", schema=None) as batch_op:
        batch_op.create_index("ix_session_tutors_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_tutors_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_tutors_tutor_id"), ["tutor_id"], unique=False)

    op.create_table(
        "tutor_feedback",
        sa.Column("tutor_id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["training_sessions.id"], name=op.f("fk_tutor_feedback_session_id_training_sessions")
        ),
        sa.ForeignKeyConstraint(["tutor_id"], ["tutors.id"], name=op.f("fk_tutor_feedback_tutor_id_tutors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tutor_feedback")),
    )
    with op.batch_alter_table("tutor_feedback", schema=None) as batch_op:
        batch_op.create_index("ix_tutor_feedback_owner_version", ["owner", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_tutor_feedback_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tutor_feedback_tutor_id"), ["tutor_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("tutor_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tutor_feedback_tutor_id"))
        batch_op.drop_index(batch_op.f("ix_tutor_feedback_session_id"))
        batch_op.drop_index("ix_tutor_feedback_owner_version")

    op.drop_table("tutor_feedback")
    with op.batch_alter_table("session_tutors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_tutors_tutor_id"))
        batch_op.drop_index(batch_op.f("ix_session_tutors_session_id"))
        batch_op.drop_index("ix_session_tutors_owner_version")

    op.drop_table("session_tutors")
    with op.batch_alter_table("honours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_honours_person_id"))
        batch_op.drop_index("ix_honours_owner_version")
        batch_op.drop_index(batch_op.f("ix_honours_case_id"))

    op.drop_table("honours")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_topic_id"))
        batch_op.drop_index("ix_documents_owner_version")
        batch_op.drop_index(batch_op.f("ix_documents_case_id"))

    op.drop_table("documents")
    with op.batch_alter_table("case_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_people_person_id"))
        batch_op.drop_index("ix_case_people_owner_version")
        batch_op.drop_index(batch_op.f("ix_case_people_case_id"))

    op.drop_table("case_people")
    with op.batch_alter_table("assessment_scores", schema=None) as batch_op:
        batch_op.drop_index("ix_assessment_scores_owner_version")
        batch_op.drop_index(batch_op.f("ix_assessment_scores_assessment_id"))

    op.drop_table("assessment_scores")
    with op.batch_alter_table("tutors", schema=None) as batch_op:
        batch_op.drop_index("ix_tutors_owner_version")
        batch_op.drop_index(batch_op.f("ix_tutors_name_pinyin"))
        batch_op.drop_index(batch_op.f("ix_tutors_name_initials"))
        batch_op.drop_index(batch_op.f("ix_tutors_name"))

    op.drop_table("tutors")
    with op.batch_alter_table("transfers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfers_person_id"))
        batch_op.drop_index("ix_transfers_owner_version")

    op.drop_table("transfers")
    with op.batch_alter_table("topic_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topic_steps_topic_id"))
        batch_op.drop_index("ix_topic_steps_owner_version")

    op.drop_table("topic_steps")
    with op.batch_alter_table("topic_outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topic_outcomes_topic_id"))
        batch_op.drop_index("ix_topic_outcomes_owner_version")

    op.drop_table("topic_outcomes")
    with op.batch_alter_table("topic_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topic_members_topic_id"))
        batch_op.drop_index(batch_op.f("ix_topic_members_person_id"))
        batch_op.drop_index("ix_topic_members_owner_version")

    op.drop_table("topic_members")
    with op.batch_alter_table("reserve_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reserve_entries_person_id"))
        batch_op.drop_index("ix_reserve_entries_owner_version")

    op.drop_table("reserve_entries")
    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_positions_person_id"))
        batch_op.drop_index("ix_positions_owner_version")

    op.drop_table("positions")
    with op.batch_alter_table("person_talents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_talents_person_id"))
        batch_op.drop_index("ix_person_talents_owner_version")

    op.drop_table("person_talents")
    with op.batch_alter_table("person_photos", schema=None) as batch_op:
        batch_op.drop_index("ix_person_photos_owner_version")

    op.drop_table("person_photos")
    with op.batch_alter_table("person_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_aliases_person_id"))
        batch_op.drop_index("ix_person_aliases_owner_version")

    op.drop_table("person_aliases")
    with op.batch_alter_table("mentor_links", schema=None) as batch_op:
        batch_op.drop_index("ix_mentor_links_owner_version")
        batch_op.drop_index(batch_op.f("ix_mentor_links_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_links_cohort_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_links_apprentice_id"))

    op.drop_table("mentor_links")
    with op.batch_alter_table("governance_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_cases_topic_id"))
        batch_op.drop_index(batch_op.f("ix_governance_cases_title"))
        batch_op.drop_index(batch_op.f("ix_governance_cases_street_id"))
        batch_op.drop_index("ix_governance_cases_owner_version")
        batch_op.drop_index(batch_op.f("ix_governance_cases_community_id"))

    op.drop_table("governance_cases")
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolments_person_id"))
        batch_op.drop_index("ix_enrolments_owner_version")
        batch_op.drop_index(batch_op.f("ix_enrolments_cohort_id"))

    op.drop_table("enrolments")
    with op.batch_alter_table("committee_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_members_term_id"))
        batch_op.drop_index(batch_op.f("ix_committee_members_person_id"))
        batch_op.drop_index("ix_committee_members_owner_version")

    op.drop_table("committee_members")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_person_session")
        batch_op.drop_index("ix_attendance_owner_version")

    op.drop_table("attendance")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessments_person_id"))
        batch_op.drop_index("ix_assessments_owner_version")
        batch_op.drop_index(batch_op.f("ix_assessments_model_id"))

    op.drop_table("assessments")
    with op.batch_alter_table("archive_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_archive_entries_person_date")
        batch_op.drop_index("ix_archive_entries_owner_version")

    op.drop_table("archive_entries")
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topics_year"))
        batch_op.drop_index(batch_op.f("ix_topics_title"))
        batch_op.drop_index(batch_op.f("ix_topics_street_id"))
        batch_op.drop_index("ix_topics_owner_version")
        batch_op.drop_index(batch_op.f("ix_topics_community_id"))

    op.drop_table("topics")
    with op.batch_alter_table("session_cohorts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_cohorts_session_id"))
        batch_op.drop_index("ix_session_cohorts_owner_version")
        batch_op.drop_index(batch_op.f("ix_session_cohorts_cohort_id"))

    op.drop_table("session_cohorts")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_people_id_card_live",
            sqlite_where=sa.text("deleted = 0 AND id_card IS NOT NULL"),
            postgresql_where=sa.text("deleted = false AND id_card IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_people_street_id"))
        batch_op.drop_index(
            "ix_people_roster", sqlite_where=sa.text("deleted = 0"), postgresql_where=sa.text("deleted = false")
        )
        batch_op.drop_index("ix_people_owner_version")
        batch_op.drop_index(batch_op.f("ix_people_name_pinyin"))
        batch_op.drop_index(batch_op.f("ix_people_name_initials"))
        batch_op.drop_index(batch_op.f("ix_people_name"))
        batch_op.drop_index(batch_op.f("ix_people_community_id"))

    op.drop_table("people")
    with op.batch_alter_table("committee_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_committee_terms_owner_version")
        batch_op.drop_index(batch_op.f("ix_committee_terms_election_date"))
        batch_op.drop_index(batch_op.f("ix_committee_terms_community_id"))

    op.drop_table("committee_terms")
    with op.batch_alter_table("tutor_recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tutor_recommendations_street_id"))
        batch_op.drop_index("ix_tutor_recommendations_owner_version")

    op.drop_table("tutor_recommendations")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_sessions_title"))
        batch_op.drop_index(batch_op.f("ix_training_sessions_street_id"))
        batch_op.drop_index("ix_training_sessions_owner_version")
        batch_op.drop_index(batch_op.f("ix_training_sessions_date"))

    op.drop_table("training_sessions")
    with op.batch_alter_table("competency_nodes", schema=None) as batch_op:
        batch_op.drop_index("ix_competency_nodes_owner_version")
        batch_op.drop_index(batch_op.f("ix_competency_nodes_model_id"))

    op.drop_table("competency_nodes")
    with op.batch_alter_table("communities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_communities_street_id"))
        batch_op.drop_index("ix_communities_owner_version")

    op.drop_table("communities")
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohorts_street_id"))
        batch_op.drop_index("ix_cohorts_owner_version")

    op.drop_table("cohorts")
    with op.batch_alter_table("audit_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_changes_row_id"))
        batch_op.drop_index(batch_op.f("ix_audit_changes_operation_id"))

    op.drop_table("audit_changes")
    with op.batch_alter_table("streets", schema=None) as batch_op:
        batch_op.drop_index("ix_streets_owner_version")

    op.drop_table("streets")
    op.drop_table("install_meta")
    with op.batch_alter_table("competency_models", schema=None) as batch_op:
        batch_op.drop_index("ix_competency_models_owner_version")

    op.drop_table("competency_models")
    with op.batch_alter_table("audit_operations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_operations_operation"))
        batch_op.drop_index(batch_op.f("ix_audit_operations_at"))
        batch_op.drop_index(batch_op.f("ix_audit_operations_actor"))

    op.drop_table("audit_operations")
