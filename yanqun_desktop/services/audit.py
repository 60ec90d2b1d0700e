"""The audit trail, read (issue 7 part 3): who changed what, when, before and after.

Every write of the app goes through ``unit_of_work``, which records one ``audit_operations`` row
(who, when, what in Chinese) and one ``audit_changes`` row per record written (the fields before
and after). This module only reads them: filters, one operation's changes field by field, one
record's history, and the list of operators. Nothing here (or anywhere in the app) edits or
deletes audit rows. ID numbers and phone numbers are shown masked.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import aliased

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditChange, AuditOperation, Community, Person, Street
from yanqun_desktop.domain.labels import SENSITIVE, field_label, table_label
from yanqun_desktop.domain.validation import mask_id_card, mask_phone
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import NotFound
from yanqun_desktop.services.permissions import Permission, requires

ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除"}
# Bookkeeping every write changes: listed after the fields a clerk changed.
BOOKKEEPING = ("version", "updated_at", "updated_by", "owner")
IMPORTED = ("sync.import", "sync.merge-person")
# Kept for search and sorting, derived from the name: not worth a line.
DERIVED = frozenset({"name_pinyin", "name_initials", "name_sort"})
REFERENCES = frozenset({"street_id", "community_id", "person_id", "from_street_id", "to_street_id"})


@dataclass(frozen=True)
class AuditQuery:
    actor: str | None = None
    operation: str | None = None  # exact, or a prefix ending in "." (e.g. "people.")
    table: str | None = None  # operations that changed a row of this table
    row_id: str | None = None  # operations that changed this record
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive
    text: str | None = None  # in the summary


@dataclass(frozen=True)
class OperationView:
    id: int
    at: dt.datetime
    actor: str
    role: str
    org_code: str
    operation: str
    summary: str
    change_count: int
    undo_of: int | None
    undone_by: int | None  # the operation that undid this one


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangeView:
    id: int
    operation_id: int
    table: str
    table_label: str
    row_id: str
    action: str
    action_label: str
    fields: tuple[FieldChange, ...]
    note: str  # e.g. a package's insert: values in the kept package


def show_value(field: str, value: Any) -> str:
    """A stored JSON value as a clerk reads it; ID numbers and phones masked."""
    if value is None:
        return ""
    if field == "id_card":
        return mask_id_card(str(value))
    if field == "phone":
        return mask_phone(str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _where(stmt: Select[Any], q: AuditQuery) -> Select[Any]:
    op = AuditOperation
    if q.actor:
        stmt = stmt.where(op.actor == q.actor)
    if q.operation:
        stmt = stmt.where(op.operation.startswith(q.operation) if q.operation.endswith(".")
                          else op.operation == q.operation)
    if q.since:
        stmt = stmt.where(op.at >= dt.datetime.combine(q.since, dt.time(), tzinfo=dt.UTC) - _utc_offset())
    if q.until:
        end = dt.datetime.combine(q.until + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC) - _utc_offset()
        stmt = stmt.where(op.at < end)
    if q.text:
        stmt = stmt.where(op.summary.contains(q.text, autoescape=True))
    if q.table or q.row_id:
        ch = aliased(AuditChange)
        conditions = [ch.operation_id == op.id]
        if q.table:
            conditions.append(ch.table_name == q.table)
        if q.row_id:
            conditions.append(ch.row_id == q.row_id)
        stmt = stmt.where(exists().where(and_(*conditions)))
    return stmt


def _utc_offset() -> dt.timedelta:
    """Dates are the clerk's local dates; operations are stored in UTC."""
    return dt.datetime.now().astimezone().utcoffset() or dt.timedelta(0)


def _view(op: AuditOperation, undone_by: int | None) -> OperationView:
    at = op.at if op.at.tzinfo else op.at.replace(tzinfo=dt.UTC)
    return OperationView(op.id, at, op.actor, op.role, op.org_code, op.operation, op.summary, op.change_count,
                         op.undo_of, undone_by)


@requires(Permission.VIEW_AUDIT)
def list_operations(db: Database, actor: Actor, query: AuditQuery | None = None, *, limit: int = 500,
                    offset: int = 0) -> tuple[list[OperationView], int]:
    """Operations matching ``query``, newest first, and how many match in all."""
    query = query or AuditQuery()
    undo = aliased(AuditOperation)
    undone_by = select(undo.id).where(undo.undo_of == AuditOperation.id).scalar_subquery()
    with db.session() as s:
        total = s.scalar(_where(select(func.count()).select_from(AuditOperation), query)) or 0
        rows = s.execute(
            _where(select(AuditOperation, undone_by), query)
            .order_by(AuditOperation.at.desc(), AuditOperation.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [_view(op, by) for op, by in rows], int(total)


def _fields(change: AuditChange, names: dict[str, str]) -> tuple[FieldChange, ...]:
    before, after = change.before or {}, change.after or {}
    keys = [k for k in {**before, **after} if k not in BOOKKEEPING and k not in DERIVED]
    keys += [k for k in BOOKKEEPING if k in before or k in after]

    def shown(k: str, value: Any) -> str:
        if k in REFERENCES and isinstance(value, str):
            return names.get(value, value)
        return show_value(k, value)

    return tuple(
        FieldChange(k, field_label(k), shown(k, before.get(k)), shown(k, after.get(k)))
        for k in keys
        if change.action != "insert" or after.get(k) is not None or k in SENSITIVE
    )


def _names(s: Any, changes: list[AuditChange]) -> dict[str, str]:
    """Streets, communities and people referred to by the changes, by name (ids mean nothing
    to a clerk; names are not personal numbers)."""
    wanted = {v for c in changes for d in (c.before or {}, c.after or {}) for k, v in d.items()
              if k in REFERENCES and isinstance(v, str)}
    out: dict[str, str] = {}
    for model in (Street, Community, Person):
        ids = sorted(wanted - set(out))
        for i in range(0, len(ids), 500):
            out.update(s.execute(select(model.id, model.name).where(model.id.in_(ids[i : i + 500]))).all())
    return out


def _change_view(change: AuditChange, operation: str, names: dict[str, str]) -> ChangeView:
    note = ""
    if change.action == "insert" and operation in IMPORTED and set(change.after or {}) <= {"version"}:
        note = "由数据包导入：新增时的内容见收件箱中保存的数据包"
    return ChangeView(change.id, change.operation_id, change.table_name, table_label(change.table_name),
                      change.row_id, change.action, ACTION_LABELS.get(change.action, change.action),
                      _fields(change, names), note)


@requires(Permission.VIEW_AUDIT)
def operation_changes(
    db: Database, actor: Actor, operation_id: int, *, limit: int = 2000
) -> tuple[list[ChangeView], int]:
    """The records one operation changed (at most ``limit``), and how many it changed."""
    with db.session() as s:
        op = s.get(AuditOperation, operation_id)
        if op is None:
            raise NotFound(f"没有编号为 {operation_id} 的操作记录")
        total = s.scalar(select(func.count()).where(AuditChange.operation_id == operation_id)) or 0
        changes = list(s.scalars(
            select(AuditChange).where(AuditChange.operation_id == operation_id).order_by(AuditChange.id).limit(limit)
        ))
        names = _names(s, changes)
        return [_change_view(c, op.operation, names) for c in changes], int(total)


@requires(Permission.VIEW_AUDIT)
def row_history(
    db: Database, actor: Actor, row_id: str, *, table: str | None = None
) -> list[tuple[OperationView, ChangeView]]:
    """Every recorded change of one record, oldest first."""
    with db.session() as s:
        stmt = (
            select(AuditChange, AuditOperation)
            .join(AuditOperation, AuditOperation.id == AuditChange.operation_id)
            .where(AuditChange.row_id == row_id)
            .order_by(AuditOperation.at, AuditChange.id)
        )
        if table:
            stmt = stmt.where(AuditChange.table_name == table)
        rows = s.execute(stmt).all()
        names = _names(s, [ch for ch, _op in rows])
        return [(_view(op, None), _change_view(ch, op.operation, names)) for ch, op in rows]


@requires(Permission.VIEW_AUDIT)
def operators(db: Database, actor: Actor) -> list[str]:
    """Everyone who has an operation in the trail (for the viewer's filter)."""
    with db.session() as s:
        return list(s.scalars(select(AuditOperation.actor).distinct().order_by(AuditOperation.actor)))


@requires(Permission.VIEW_AUDIT)
def operation_kinds(db: Database, actor: Actor) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditOperation.operation).distinct().order_by(AuditOperation.operation)))
