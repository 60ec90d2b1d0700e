"""Sync bookkeeping: trusted key cards, the package ledger, per-peer state, the conflict queue.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "package_ledger",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=True),
        sa.Column("sender", sa.String(length=32), nullable=True),
        sa.Column("recipient", sa.String(length=32), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("ack_seq", sa.Integer(), nullable=True),
        sa.Column("schema_version", sa.String(length=16), nullable=True),
        sa.Column("app_version", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("file_size", sa.BigInteger(), nullable=True),
        sa.Column("up_to_version", sa.BigInteger(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_ledger")),
    )
    with op.batch_alter_table("package_ledger", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_package_ledger_package_id"), ["package_id"], unique=False)
        batch_op.create_index("ix_package_ledger_peer_seq", ["direction", "sender", "recipient", "seq"], unique=False)

    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.String(length=36), nullable=True),
        sa.Column("sender", sa.String(length=32), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("local_row", sa.JSON(), nullable=True),
        sa.Column("incoming_row", sa.JSON(), nullable=False),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.Column("resolved_row", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflicts_row_id"), ["row_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflicts_status"), ["status"], unique=False)

    op.create_table(
        "sync_peers",
        sa.Column("peer", sa.String(length=32), nullable=False),
        sa.Column("last_sent_seq", sa.Integer(), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("acked_version", sa.BigInteger(), nullable=False),
        sa.Column("received_seq", sa.Integer(), nullable=False),
        sa.Column("last_received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("schema_version", sa.String(length=16), nullable=True),
        sa.Column("app_version", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("peer", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "trusted_keys",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("org_code", sa.String(length=32), nullable=False),
        sa.Column("org_name", sa.String(length=64), nullable=False),
        sa.Column("install_id", sa.String(length=36), nullable=False),
        sa.Column("sign_public", sa.String(length=64), nullable=False),
        sa.Column("box_public", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("trusted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trusted_by", sa.String(length=64), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_keys")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_trusted_keys_fingerprint")),
    )
    with op.batch_alter_table("trusted_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trusted_keys_org_code"), ["org_code"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("trusted_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trusted_keys_org_code"))

    op.drop_table("trusted_keys")
    op.drop_table("sync_peers")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_status"))
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_row_id"))

    op.drop_table("sync_conflicts")
    with op.batch_alter_table("package_ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_package_ledger_peer_seq")
        batch_op.drop_index(batch_op.f("ix_package_ledger_package_id"))

    op.drop_table("package_ledger")
