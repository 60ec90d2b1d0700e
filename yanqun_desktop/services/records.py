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
from yanqun_desktop.services.errors import ConcurrentEdit, NotFound
from yanqun_desktop.services.uow import Changes, unit_of_work

M = TypeVar("M", bound=Synced)

# (session, actor, raw values, the row being edited or None) -> column values
Cleaner = Callable[[Session, Actor, dict[str, Any], Any], dict[str, Any]]


# The key under which ``form_values`` hands a form the version of the row it loaded, and under
# which a form sends it back with the edited values (``save_record`` then refuses to save over a
# row changed since: another clerk on the district's server, another window, an import).
VERSION_KEY = "_version"


@dataclass(frozen=True)
class Saved:
    id: str
    changes: Changes


def load_live(session: Session, model: type[M], record_id: str, what: str) -> M:
    row = session.get(model, record_id)
    if row is None or row.deleted:
        raise NotFound(f"找不到该{what}记录（可能已被删除）。")
    return row


def check_version(row: Synced, expected: int | str | None, what: str) -> None:
    """Refuse (``ConcurrentEdit``) when ``row`` is no longer at the version a form loaded."""
    if expected is None or expected == "":
        return
    if row.version != int(expected):
        raise ConcurrentEdit.of(what, row.updated_by, row.updated_at)


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
    expected_version: int | None = None,
) -> Saved:
    """Create (``record_id`` None) or update one row of ``model`` in one transaction;
    ``after`` writes dependent rows (links) in the same transaction. An update with
    ``expected_version`` (or ``raw[VERSION_KEY]``, as forms send it) is refused with
    ``ConcurrentEdit`` when the row changed since that version was loaded; the ORM's version
    check covers the moment between this check and the UPDATE."""
    if VERSION_KEY in raw:
        raw = dict(raw)
        loaded = raw.pop(VERSION_KEY)
        if expected_version is None:
            expected_version = loaded
    verb = "新增" if record_id is None else "修改"
    operation = f"{model.__tablename__}.{'create' if record_id is None else 'update'}"
    with unit_of_work(db, actor, operation, f"{verb}{what}", what=what) as work:
        s = work.session
        row = None if record_id is None else load_live(s, model, record_id, what)
        if row is not None:
            check_version(row, expected_version, what)
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
    with unit_of_work(db, actor, f"{model.__tablename__}.delete", f"删除{what}", what=what) as work:
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
    labels (forms accept labels, codes and aliases alike), plus ``extra`` (e.g. link ids), and
    the row's version under ``VERSION_KEY`` (which the form sends back when it saves)."""
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
        values[VERSION_KEY] = row.version
        return values
