"""One operation, one unit of work: a session, the sync columns stamped, the audit rows
written, one commit (ARCHITECTURE.md). Services use ``unit_of_work`` and return plain data
plus a ``Changes`` so the UI refreshes only what was touched (Anki's ``OpChanges``)."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Float, Integer, String, bindparam, event, insert, inspect, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from yanqun_desktop.db.database import CLOCK_META_KEY, Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import AuditChange, AuditOperation, InstallMeta, Synced
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ConcurrentEdit, ServiceError
from yanqun_desktop.services.permissions import permission_for_operation, require
from yanqun_desktop.sync.bulk import compact_encoder, insert_many


@dataclass(frozen=True)
class Changes:
    """What an operation touched: table names, and the ids of the rows written."""

    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


@dataclass
class Work:
    session: Session
    actor: Actor
    db: Database
    operation: str
    summary: str
    undo_of: int | None = None
    changes: list[tuple[str, str, str, dict | None, dict | None]] = field(default_factory=list)

    def result(self) -> Changes:
        return Changes(frozenset(c[0] for c in self.changes), frozenset(c[1] for c in self.changes))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _row_dict(obj: Synced) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {attr.key: _jsonable(getattr(obj, attr.key)) for attr in mapper.column_attrs}


def _changed_columns(obj: Synced) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.has_changes() and attr.key not in {"version", "updated_at", "updated_by"}:
            before[attr.key] = _jsonable(hist.deleted[0]) if hist.deleted else None
            after[attr.key] = _jsonable(hist.added[0]) if hist.added else None
    return before, after


def _stamp(work: Work, session: Session) -> None:
    """before_flush: check ownership, stamp sync columns, record before/after for the audit."""
    actor = work.actor
    now = dt.datetime.now(dt.UTC)
    for obj in list(session.new):
        if not isinstance(obj, Synced):
            continue
        if obj.id is None:
            obj.id = new_id()
        if obj.owner is None:
            obj.owner = actor.org_code
        if not actor.may_write(obj.owner):
            raise PermissionDenied("只能新增本单位的记录。")
        obj.version, obj.updated_at, obj.updated_by = work.db.clock.tick(), now, actor.name
        if obj.deleted is None:
            obj.deleted = False
        work.changes.append((obj.__tablename__, obj.id, "insert", None, _row_dict(obj)))
    for obj in list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changed_columns(obj)
        if not after:
            continue
        if not actor.may_write(obj.owner):
            raise PermissionDenied("这条记录由区级维护，街道只能查看，不能修改。")
        obj.version, obj.updated_at, obj.updated_by = work.db.clock.tick(), now, actor.name
        after["version"] = obj.version  # what undo checks: the row is still as this operation left it
        action = "delete" if after.get("deleted") is True else "update"
        work.changes.append((obj.__tablename__, obj.id, action, before, after))
    for obj in list(session.deleted):
        if isinstance(obj, Synced):  # rows travel as tombstones: a hard delete would be lost
            raise RuntimeError(f"{obj.__tablename__}: use the deleted flag, never a hard delete")


def bulk_insert(work: Work, model: type[Synced], rows: list[dict[str, Any]]) -> list[str]:
    """Insert many rows with one Core executemany, stamped and audited exactly as ``_stamp``
    does for ORM objects (id, owner, version, updated_at/by, deleted; one change row each).
    Returns the ids. Bulk paths (roster import) use it: the ORM unit of work is ~8x slower."""
    if not rows:
        return []
    actor, now = work.actor, dt.datetime.now(dt.UTC)
    table = model.__table__  # type: ignore[attr-defined]
    versions = work.db.clock.ticks(len(rows))
    # Only columns of these types need _jsonable for the audit copy; the rest are JSON already
    # (checking every value costs more than the insert itself at 10,000 rows).
    convert = [c.key for c in table.columns if not isinstance(c.type, String | Integer | Boolean | Float)]
    full: list[dict[str, Any]] = []
    for row, version in zip(rows, versions, strict=True):
        values = {c.key: None for c in table.columns}
        for c in table.columns:  # Python-side scalar defaults, as the ORM applies them
            if c.default is not None and getattr(c.default, "is_scalar", False):
                values[c.key] = c.default.arg
        values.update(row)
        values["id"] = values["id"] or new_id()
        values["owner"] = values["owner"] or actor.org_code
        if not actor.may_write(values["owner"]):
            raise PermissionDenied("只能新增本单位的记录。")
        values.update(version=version, updated_at=now, updated_by=actor.name)
        if values["deleted"] is None:
            values["deleted"] = False
        full.append(values)
        audit = dict(values)
        for key in convert:
            audit[key] = _jsonable(audit[key])
        work.changes.append((table.name, values["id"], "insert", None, audit))
    work.session.execute(insert(table), full)
    return [v["id"] for v in full]


def bulk_update(
    work: Work, model: type[Synced], updates: list[tuple[str, str, dict[str, Any], dict[str, Any]]]
) -> None:
    """Update many rows with Core executemany. ``updates`` holds (id, owner, before, after)
    with only the changed columns; each row gets a new version and a change row, as
    ``_stamp`` does for ORM objects. Rows with the same set of changed columns share one
    statement (executemany needs one shape)."""
    if not updates:
        return
    actor, now = work.actor, dt.datetime.now(dt.UTC)
    table = model.__table__  # type: ignore[attr-defined]
    versions = work.db.clock.ticks(len(updates))
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for (row_id, owner, before, after), version in zip(updates, versions, strict=True):
        if not actor.may_write(owner):
            raise PermissionDenied("这条记录由区级维护，街道只能查看，不能修改。")
        keys = tuple(sorted(after))
        params = {f"new_{k}": after[k] for k in keys}
        params.update(row_id=row_id, new_version=version, new_updated_at=now, new_updated_by=actor.name)
        groups.setdefault(keys, []).append(params)
        audit_after = {k: _jsonable(v) for k, v in after.items()}
        audit_after["version"] = version
        action = "delete" if after.get("deleted") is True else "update"
        work.changes.append(
            (table.name, row_id, action, {k: _jsonable(v) for k, v in before.items()}, audit_after)
        )
    for keys, params in groups.items():
        columns = (*keys, "version", "updated_at", "updated_by")
        stmt = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({c: bindparam(f"new_{c}") for c in columns})
        )
        work.session.execute(stmt, params)


# The audit change columns, in the order ``_write_changes`` passes them.
_CHANGE_COLUMNS = ("operation_id", "table_name", "row_id", "action", "before", "after")


def _write_changes(session: Session, operation_id: int, changes: list[tuple[Any, ...]]) -> None:
    """One audit change row per entry, with one prepared INSERT on value lists: an import
    audits a whole street (~200,000 rows), where ORM objects, or even Core parameter sets,
    cost more than the insert. ``before``/``after`` are stored as compact JSON (read back
    by the JSON column type as the same values; ``None`` as JSON null, as the column type
    stores it)."""
    dumps = compact_encoder()
    insert_many(
        session,
        AuditChange.__table__,  # type: ignore[arg-type]
        _CHANGE_COLUMNS,
        # str(t): table names are often SQLAlchemy ``quoted_name`` objects, which the driver
        # adapts slowly (an attribute lookup per row).
        [(operation_id, str(t), i, a, dumps(b), dumps(af)) for t, i, a, b, af in changes],
        as_stored=("before", "after"),
    )


_STALE_TABLE = re.compile(r"table '([^']+)'")
CLOCK_WAIT_S = 60


def _stale(error: StaleDataError, what: str | None) -> ConcurrentEdit:
    """The clerk's message for an UPDATE that found its row at another version."""
    if what is None:
        from yanqun_desktop.services.demo.generator import TABLE_LABELS  # the error path only

        match = _STALE_TABLE.search(str(error))
        what = TABLE_LABELS.get(match.group(1), "") if match else ""
    return ConcurrentEdit.of(what)


def _lock_version_clock(session: Session, db: Database) -> None:
    """On a server database (several clerks, each with their own clock) take the shared clock
    row for this transaction: writers queue on it, and each starts its versions past the last
    one any of them committed. Versions then grow in commit order, as on SQLite (one writer at
    a time), which the package export's "changed since version X" relies on."""
    if session.get_bind().dialect.name != "postgresql":
        return
    # Another clerk's import of a whole street may hold the row for a while; past a minute the
    # clerk is told instead of waiting on a frozen window.
    session.execute(text(f"SET LOCAL lock_timeout = '{CLOCK_WAIT_S}s'"))
    try:
        stored = session.execute(
            select(InstallMeta.value).where(InstallMeta.key == CLOCK_META_KEY).with_for_update()
        ).scalar()
    except OperationalError as e:
        if getattr(e.orig, "sqlstate", None) == "55P03":  # lock_not_available
            raise ServiceError("数据库正忙：其他人正在保存或导入数据，请稍后再试（未保存任何内容）。") from None
        raise
    if stored:
        db.clock.observe(int(stored))


def _store_version_clock(session: Session, db: Database) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        update(InstallMeta).where(InstallMeta.key == CLOCK_META_KEY).values(value=str(db.clock.high_water_mark))
    )


@contextmanager
def unit_of_work(
    db: Database, actor: Actor, operation: str, summary: str, *, what: str | None = None
) -> Iterator[Work]:
    """Open a session, yield the ``Work``, then write the audit rows and commit once.

    Any exception rolls everything back: nothing is half-written. An ORM update of a row that
    another session changed since it was loaded is refused with ``ConcurrentEdit`` (``what``
    names the record's kind in the message, e.g. 人员)."""
    require(actor, permission_for_operation(operation))  # the role's check for every write
    if db.meta("read_only") == "1":  # a second PC's copy (services/readonly.py): one install writes
        raise PermissionDenied("这是只读副本，不能修改数据：请在本街道负责报送的那台电脑上操作。")
    session = db.session()
    work = Work(session, actor, db, operation, summary)

    def before_flush(sess: Session, _ctx: object, _instances: object) -> None:
        _stamp(work, sess)

    event.listen(session, "before_flush", before_flush)
    try:
        with session.begin():
            _lock_version_clock(session, db)
            yield work
            session.flush()
            if work.changes:
                op = AuditOperation(
                    at=dt.datetime.now(dt.UTC),
                    actor=actor.name,
                    role=actor.role,
                    org_code=actor.org_code,
                    operation=operation,
                    summary=work.summary[:500],
                    change_count=len(work.changes),
                    undo_of=work.undo_of,
                )
                session.add(op)
                session.flush()
                _write_changes(session, op.id, work.changes)
                _store_version_clock(session, db)
    except StaleDataError as e:
        raise _stale(e, what) from None
    finally:
        event.remove(session, "before_flush", before_flush)
        session.close()
