"""Undo of the last operation, where it is safe (issue: "undo of the last operation where it is
safe"). The audit trail already holds every row an operation touched, before and after; undo
writes the before-images back in a new operation, itself audited.

Safe means: the operation is the actor's own latest one, it has not been undone, every row it
wrote is still as it left it (same version: nobody and nothing changed it since), it had a
change row per record (bulk demo loads do not), and it replaced no file or photo bytes (the
audit keeps no copy of those)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, Time, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditChange, AuditOperation, Base, Synced
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, requires
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.uow import unit_of_work


@dataclass(frozen=True)
class UndoCandidate:
    operation_id: int
    summary: str
    at: dt.datetime
    change_count: int
    blocked: str | None  # why it cannot be undone (Chinese), None when it can

    @property
    def possible(self) -> bool:
        return self.blocked is None


NOT_UNDOABLE = ("sync.", "keys.", "accounts.")


def _models() -> dict[str, type]:
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def _latest(s: Session, actor: Actor) -> AuditOperation | None:
    return s.scalar(
        select(AuditOperation)
        .where(AuditOperation.actor == actor.name, AuditOperation.org_code == actor.org_code)
        .order_by(AuditOperation.id.desc())
        .limit(1)
    )


def _blocker(s: Session, op: AuditOperation, changes: list[AuditChange]) -> str | None:
    if op.undo_of is not None:
        return "上一步已是撤销操作。"
    if s.scalar(select(AuditOperation.id).where(AuditOperation.undo_of == op.id)) is not None:
        return "上一步已撤销。"
    if op.operation.startswith(NOT_UNDOABLE):
        # A package import or a conflict decision has travelled (or will): reversing it here
        # would not reverse it at the other offices.
        return "同步和密钥操作不能撤销。"
    if not changes or len(changes) != op.change_count:
        return "这一步是批量操作，不能撤销。"
    models = _models()
    for change in changes:
        model = models.get(change.table_name)
        if model is None or not issubclass(model, Synced):
            return "这一步修改了不能撤销的记录。"
        row = s.get(model, change.row_id)
        after = change.after or {}
        if row is None or row.version != after.get("version"):
            return "上一步修改过的记录此后又有变动，不能撤销。"
        if any(
            isinstance(v, str) and v.startswith("<") and v.endswith(" bytes>") for v in (change.before or {}).values()
        ):
            return "上一步替换了文件或照片，不能撤销。"
    return None


@requires(Permission.VIEW_RECORDS)
def last_undoable(db: Database, actor: Actor) -> UndoCandidate | None:
    """The actor's latest operation and whether it can be undone (None: nothing done yet)."""
    with db.session() as s:
        op = _latest(s, actor)
        if op is None:
            return None
        changes = list(s.scalars(select(AuditChange).where(AuditChange.operation_id == op.id)))
        return UndoCandidate(op.id, op.summary, op.at, op.change_count, _blocker(s, op, changes))


def _python_value(column: Any, value: Any) -> Any:
    """Audit JSON back to the column's Python type (dates were stored as ISO text)."""
    if value is None or not isinstance(value, str):
        return value
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column.type, Time):
        return dt.time.fromisoformat(value)
    return value


def undo_last(db: Database, actor: Actor) -> Saved:
    """Reverse the actor's latest operation in one new, audited operation."""
    with unit_of_work(db, actor, "undo", "撤销") as work:
        s = work.session
        op = _latest(s, actor)
        if op is None:
            raise ServiceError("没有可以撤销的操作。")
        changes = list(
            s.scalars(select(AuditChange).where(AuditChange.operation_id == op.id).order_by(AuditChange.id.desc()))
        )
        blocked = _blocker(s, op, changes)
        if blocked is not None:
            raise ServiceError(f"不能撤销「{op.summary}」：{blocked}")
        models = _models()
        for change in changes:
            model = models[change.table_name]
            row = s.get(model, change.row_id)
            if change.action == "insert":
                row.deleted = True  # rows travel: an inserted row is withdrawn as a tombstone
                continue
            table = model.__table__
            for key, value in (change.before or {}).items():
                if key in table.c:
                    setattr(row, key, _python_value(table.c[key], value))
        work.undo_of = op.id
        work.summary = f"撤销：{op.summary}"[:500]
        target = changes[0].row_id if changes else ""
    return Saved(target, work.result())
