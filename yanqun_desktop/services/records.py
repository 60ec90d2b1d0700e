"""The shared shape of a registry write: validate, create or update one row, retire it.

Area services (people, tutors, reserve ...) supply the validation that turns a form's or a
spreadsheet row's raw values into column values; this module does the rest the same way for
all of them: one unit of work, owner checks, audit rows, a ``Saved`` result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Synced
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import NotFound
from yanqun_desktop.services.uow import Changes, unit_of_work

M = TypeVar("M", bound=Synced)

# (session, actor, raw values, the row being edited or None) -> column values
Cleaner = Callable[[Session, Actor, dict[str, Any], Any], dict[str, Any]]


@dataclass(frozen=True)
class Saved:
    id: str
    changes: Changes


def load_live(session: Session, model: type[M], record_id: str, what: str) -> M:
    row = session.get(model, record_id)
    if row is None or row.deleted:
        raise NotFound(f"找不到该{what}记录（可能已被删除）。")
    return row


def save_record(
    db: Database,
    actor: Actor,
    model: type[M],
    record_id: str | None,
    raw: dict[str, Any],
    clean: Cleaner,
    *,
    what: str,
    describe: Callable[[M], str],
    after: Callable[[Session, M], None] | None = None,
) -> Saved:
    """Create (``record_id`` None) or update one row of ``model`` in one transaction;
    ``after`` writes dependent rows (links) in the same transaction."""
    verb = "新增" if record_id is None else "修改"
    operation = f"{model.__tablename__}.{'create' if record_id is None else 'update'}"
    with unit_of_work(db, actor, operation, f"{verb}{what}") as work:
        s = work.session
        row = None if record_id is None else load_live(s, model, record_id, what)
        values = clean(s, actor, raw, row)
        if row is None:
            row = model(**values)
            s.add(row)
        else:
            for key, value in values.items():
                setattr(row, key, value)
        s.flush()
        if after is not None:
            after(s, row)
        work.summary = f"{verb}{what}：{describe(row)}"
        saved_id = row.id
    return Saved(saved_id, work.result())


def delete_record(
    db: Database, actor: Actor, model: type[M], record_id: str, *, what: str, describe: Callable[[M], str]
) -> Saved:
    """Tombstone a row (deletes travel in packages too)."""
    with unit_of_work(db, actor, f"{model.__tablename__}.delete", f"删除{what}") as work:
        row = load_live(work.session, model, record_id, what)
        row.deleted = True
        work.summary = f"删除{what}：{describe(row)}"
    return Saved(record_id, work.result())


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")  # forms take hours:minutes
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def form_values(
    db: Database,
    model: type[M],
    record_id: str,
    *,
    what: str,
    keys: tuple[str, ...],
    coded: dict[str, Any] | None = None,
    extra: Callable[[Session, M], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One record's editable values as a form shows them: text, coded fields as their Chinese
    labels (forms accept labels, codes and aliases alike), plus ``extra`` (e.g. link ids)."""
    coded = coded or {}
    with db.session() as s:
        row = load_live(s, model, record_id, what)
        values: dict[str, Any] = {}
        for key in keys:
            value = getattr(row, key)
            vocabulary = coded.get(key)
            values[key] = vocabulary.label(value) if vocabulary is not None and value else _as_text(value)
        if extra is not None:
            values.update(extra(s, row))
        return values
