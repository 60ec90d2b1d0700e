"""The district's decisions on the conflict queue, and how a merge lands at a street.

* ``resolve_conflict``: keep-local / keep-incoming / merged (fields) / sent-back. Keeping a row
  writes it with a new district version (not an import), so the district's export finds it in
  the audit trail and sends it down as an override the street accepts. Sending back does the
  same with the district's own version (when it has one): the street's change is undone there.
* ``merge_duplicate``: a 疑似重复人员 is either the same person (``keep="existing"``: the
  incoming UUID becomes a ``PersonAlias`` of the existing one, and the rows that waited for it
  are applied with their references redirected) or not (``keep="both"``: the incoming person
  is inserted, then the waiting rows as they are).
* ``follow_aliases`` (at a street, after an import): a person alias that arrives redirects the
  street's own references from the alias to the surviving person and tombstones the alias.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, select, update

from yanqun_desktop.db.models import DISTRICT_CODE, PersonAlias, SyncConflict
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import NotFound, ServiceError
from yanqun_desktop.services.uow import unit_of_work
from yanqun_desktop.sync.payload import DecodedTable, decode_json_row, json_row, synced_tables

if TYPE_CHECKING:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.sync.merge import Plan

DECISIONS = ("keep-local", "keep-incoming", "merged", "sent-back")


def _tables() -> dict[str, Table]:
    return {t.name: t for t in synced_tables()}


def _load(session: Any, conflict_id: str, kinds: tuple[str, ...]) -> SyncConflict:
    c = session.get(SyncConflict, conflict_id)
    if c is None or c.status != "open" or c.kind not in kinds:
        raise NotFound("找不到该待处理的冲突（可能已处理）。")
    return c


def _write_row(session: Any, db: Database, actor: Actor, table: Table, values: dict[str, Any], changes: list) -> dict:
    """Write ``values`` as the row's new state with a new district version (an override)."""
    now = dt.datetime.now(dt.UTC)
    values = {**values, "version": db.clock.tick(), "updated_at": now, "updated_by": actor.name}
    current = session.execute(select(table).where(table.c.id == values["id"])).mappings().first()
    if current is None:
        full = {c.name: None for c in table.columns} | values
        full["deleted"] = bool(full.get("deleted"))
        session.execute(insert(table), [full])
        changes.append((table.name, values["id"], "insert", None, json_row(table, full)))
        return json_row(table, full)
    session.execute(update(table).where(table.c.id == values["id"]).values(values))
    before, after = json_row(table, current), json_row(table, {**current, **values})
    keys = [k for k in after if before[k] != after[k]]
    changes.append((table.name, values["id"], "update", {k: before[k] for k in keys}, {k: after[k] for k in keys}))
    return after


def resolve_conflict(
    db: Database, actor: Actor, conflict_id: str, decision: str, merged: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """Decide a both-changed or not-owner conflict (district only). Returns the row kept (JSON
    values), or None when sent back."""
    if not actor.is_district:
        raise PermissionDenied("冲突由区级处理。")
    if decision not in DECISIONS:
        raise ServiceError(f"未知的处理方式：{decision}")
    with unit_of_work(db, actor, "sync.resolve", "处理同步冲突") as work:
        s = work.session
        c = _load(s, conflict_id, ("both-changed", "not-owner"))
        table = _tables()[c.table_name]
        kept: dict[str, Any] | None = None
        if decision == "keep-local":
            if c.local_row is None:
                raise ServiceError("本库没有这条记录，只能采用对方的版本或退回。")
            kept = _write_row(s, db, actor, table, decode_json_row(table, c.local_row), work.changes)
        elif decision == "keep-incoming":
            kept = _write_row(s, db, actor, table, decode_json_row(table, c.incoming_row), work.changes)
        elif decision == "merged":
            base = c.local_row or c.incoming_row
            fields = {k: v for k, v in (merged or {}).items() if k in table.c and k not in ("id", "version")}
            kept = _write_row(s, db, actor, table, decode_json_row(table, {**base, **fields}), work.changes)
        elif decision == "sent-back" and c.local_row is not None:
            # Refused: the row as the district holds it goes back down as an override, so the
            # street's copy returns to it and the street sees that its change did not stand.
            _write_row(s, db, actor, table, decode_json_row(table, c.local_row), work.changes)
        c.status = "sent-back" if decision == "sent-back" else "resolved"
        c.resolution, c.resolved_row = decision, kept
        c.decided_at, c.decided_by = dt.datetime.now(dt.UTC), actor.name
        work.summary = f"处理同步冲突（{c.table_name}，{decision}）"
        work.changes.append(("sync_conflicts", c.id, "update", {"status": "open"}, {"status": c.status}))
    return kept


def merge_duplicate(db: Database, actor: Actor, conflict_id: str, *, keep: str = "existing") -> str:
    """Decide a 疑似重复人员: ``existing`` (the same person: alias, redirect) or ``both``
    (different people: insert). Returns the UUID the incoming person's rows now point at."""
    from yanqun_desktop.sync.merge import apply_plan, plan_import

    if not actor.is_district:
        raise PermissionDenied("疑似重复人员由区级合并。")
    if keep not in ("existing", "both"):
        raise ServiceError(f"未知的处理方式：{keep}")
    with unit_of_work(db, actor, "sync.merge-person", "合并疑似重复人员") as work:
        s = work.session
        c = _load(s, conflict_id, ("duplicate-person",))
        incoming_id, survivor = c.row_id, (c.candidate_id if keep == "existing" else c.row_id)
        now = dt.datetime.now(dt.UTC)
        c.status, c.resolution = "resolved", ("merged" if keep == "existing" else "keep-incoming")
        c.decided_at, c.decided_by = now, actor.name
        waiting = list(
            s.scalars(
                select(SyncConflict).where(SyncConflict.status == "waiting", SyncConflict.candidate_id == incoming_id)
            )
        )
        for w in waiting:
            w.status, w.resolution, w.decided_at, w.decided_by = "resolved", c.resolution, now, actor.name
        if keep == "existing":
            alias = PersonAlias(alias_id=incoming_id, person_id=survivor, owner=DISTRICT_CODE)
            s.add(alias)
            s.flush()  # stamped by the unit of work: a district row that travels down
            rows = []
        else:
            rows = [("people", c.incoming_row)]
        s.flush()
        rows += [(w.table_name, w.incoming_row) for w in waiting]
        decoded = []
        for table in synced_tables():
            mine = [raw for name, raw in rows if name == table.name]
            if mine:
                values = [decode_json_row(table, raw) for raw in mine]
                decoded.append(DecodedTable(table, values, [dict(raw) for raw in mine]))
        plan = plan_import(s, local_org=DISTRICT_CODE, sender=c.sender, tables=decoded, check_duplicates=False)
        apply_plan(s, plan, package_id=c.package_id, changes=work.changes)
        c.resolved_row = {"survivor": survivor}
        work.summary = f"疑似重复人员：{'合并为同一人' if keep == 'existing' else '确认为不同的人'}"
        work.changes.append(("sync_conflicts", c.id, "update", {"status": "open"}, {"status": "resolved"}))
    return survivor


def _arrived_aliases(session: Any, actor: Actor, plan: Plan) -> list[tuple[str, str]]:
    people = _tables()["people"]
    out = []
    for alias in plan.inserts.get("person_aliases", []):
        old = alias["alias_id"]
        if session.scalar(select(people.c.id).where(people.c.id == old, people.c.owner == actor.org_code)):
            out.append((old, alias["person_id"]))
    return out


def retire_aliases(session: Any, db: Database, actor: Actor, plan: Plan, changes: list) -> None:
    """At a street, before the package's rows are written: tombstone our persons that the
    district merged away (the survivor arriving may carry the same ID-card number)."""
    people = _tables()["people"]
    now = dt.datetime.now(dt.UTC)
    for old, _new in _arrived_aliases(session, actor, plan):
        session.execute(
            update(people)
            .where(people.c.id == old)
            .values(deleted=True, version=db.clock.tick(), updated_at=now, updated_by=actor.name)
        )
        changes.append(("people", old, "delete", {"deleted": False}, {"deleted": True}))


def follow_aliases(session: Any, db: Database, actor: Actor, plan: Plan, changes: list) -> None:
    """At a street, after the package's rows are written: point our rows at the surviving
    person (new local versions: they travel up)."""
    tables = _tables()
    now = dt.datetime.now(dt.UTC)
    for old, new in _arrived_aliases(session, actor, plan):
        for table in tables.values():
            for fk in table.foreign_keys:
                if fk.column.table.name != "people":
                    continue
                col = table.c[fk.parent.name]
                ids = list(session.scalars(select(table.c.id).where(col == old, table.c.owner == actor.org_code)))
                for row_id in ids:
                    session.execute(
                        update(table)
                        .where(table.c.id == row_id)
                        .values(
                            {col.name: new, "version": db.clock.tick(), "updated_at": now, "updated_by": actor.name}
                        )
                    )
                    changes.append((table.name, row_id, "update", {col.name: old}, {col.name: new}))
