"""Attendance: a covering index for counting statuses per session (the district's statistics).

The district dashboard counts 1,000,000 attendance rows by session and status; with only the
(session_id, person_id) index every row costs a table lookup (status and deleted are not in
it). (session_id, status, deleted) answers that count from the index alone, in its own order.
Not a partial index (``WHERE deleted = 0``): SQLite 3.40 does not treat a partial index as
covering when the query names the column of its WHERE clause.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_attendance_session_status", "attendance", ["session_id", "status", "deleted"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_attendance_session_status", table_name="attendance")
