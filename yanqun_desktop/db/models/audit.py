"""The audit trail: one row per operation, one change row per record it touched. Local to the
install (not synced); the app never edits these rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from yanqun_desktop.db.models.base import Base


class AuditOperation(Base):
    __tablename__ = "audit_operations"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(32))
    org_code: Mapped[str] = mapped_column(String(32))
    operation: Mapped[str] = mapped_column(String(64), index=True)  # e.g. person.create
    summary: Mapped[str] = mapped_column(String(500))  # Chinese, no personal numbers
    change_count: Mapped[int] = mapped_column(Integer, default=0)
    # set on an undo: the operation it reversed (which is then no longer undoable)
    undo_of: Mapped[int | None] = mapped_column(ForeignKey("audit_operations.id"), unique=True)

    changes: Mapped[list[AuditChange]] = relationship(back_populates="operation")


class AuditChange(Base):
    __tablename__ = "audit_changes"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    operation_id: Mapped[int] = mapped_column(ForeignKey("audit_operations.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(16))  # insert | update | delete
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    operation: Mapped[AuditOperation] = relationship(back_populates="changes")
