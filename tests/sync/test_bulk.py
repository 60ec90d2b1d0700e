"""The bulk write/read helpers behind package import and the audit trail store exactly what
Core statements and the JSON column type would."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import insert, select, text

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditChange, AuditOperation, Base, Street
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.uow import unit_of_work
from yanqun_desktop.sync.bulk import compact_encoder, insert_many, select_in

pytestmark = pytest.mark.postgres("district")

AT = dt.datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)


def _position(row_id: str, person_id: str, **extra: object) -> dict[str, object]:
    row = {c.name: None for c in Base.metadata.tables["positions"].columns}
    row.update(
        id=row_id, owner="shahe", version=5, updated_at=AT, updated_by="王小红", deleted=False,
        person_id=person_id, title="书记", **extra,
    )
    return row


def test_compact_encoder_equals_json_dumps() -> None:
    dumps = compact_encoder()
    for value in ([1, "a\"b\n张", None, True, 1.5, {"x": [1, 2]}], {"名": "值"}, "字", 7, None):
        assert dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with pytest.raises(TypeError):
        compact_encoder()([dt.date(2026, 1, 1)])


def test_insert_many_stores_what_a_core_insert_stores(street_db: Database) -> None:
    table = Base.metadata.tables["positions"]
    columns = [c.key for c in table.columns]
    with street_db.session() as s, s.begin():
        s.execute(text("PRAGMA foreign_keys = OFF"))
        s.execute(insert(table), [_position("core", "p1", start_date=dt.date(2020, 1, 2))])
        shared = _position("bulk-a", "p1", start_date=dt.date(2020, 1, 2))
        other = _position("bulk-b", "p2")
        other["updated_at"] = shared["updated_at"]  # the same datetime object twice: converted once
        insert_many(s, table, columns, [tuple(r[c] for c in columns) for r in (shared, other)])
    with street_db.engine.connect() as conn:
        raw = {r[0]: r[1:] for r in conn.exec_driver_sql("SELECT id, updated_at, deleted, start_date FROM positions")}
    assert raw["bulk-a"] == raw["core"]  # same text for the datetime and date, 0 for False
    assert raw["bulk-b"][0] == raw["core"][0] and raw["bulk-b"][2] is None
    with street_db.session() as s:
        found = select_in(s, table, ("id", "updated_at", "deleted"), "id", ["bulk-b", "nope", "core"], chunk=2)
    assert sorted(found) == [("bulk-b", AT.replace(tzinfo=None), False), ("core", AT.replace(tzinfo=None), False)]


def test_insert_many_refuses_to_leave_out_a_defaulted_column(street_db: Database) -> None:
    table = Base.metadata.tables["positions"]
    with street_db.session() as s, pytest.raises(ValueError):
        insert_many(s, table, ["id", "owner"], [("x", "shahe")])


def test_audit_rows_read_back_as_written(street_db: Database, clerk: Actor) -> None:
    changes = [("positions", "r1", "insert", None, {"title": "书记", "n": 1.5, "ok": True, "none": None})]
    with unit_of_work(street_db, clerk, "test", "测试") as work:
        work.changes.extend(changes)
    with street_db.session() as s:
        change = s.scalars(select(AuditChange)).one()
        op = s.get(AuditOperation, change.operation_id)
        stored = s.execute(text("SELECT before, after FROM audit_changes")).one()
    assert op is not None and op.change_count == 1
    assert (change.table_name, change.row_id, change.action) == ("positions", "r1", "insert")
    assert change.before is None and change.after == changes[0][4]
    assert stored[0] == "null"  # as the JSON column type stores None
    assert "书记" in stored[1]  # compact UTF-8 text, no \u escapes


def test_bulk_paths_on_either_backend(district_db: Database, clerk: Actor) -> None:
    """insert_many (COPY on PostgreSQL) stores what a Core insert stores, quotes and all, and
    select_in (one JSON array parameter there) finds exactly the given keys, in chunks."""
    table = Base.metadata.tables["people"]
    columns = [c.key for c in table.columns]
    with district_db.session() as s:
        street = s.scalar(select(Street.id).where(Street.code == "shahe"))

    def person(row_id: str, **extra: object) -> dict[str, object]:
        row = {c: None for c in columns}
        row.update(id=row_id, owner="shahe", version=7, updated_at=AT, updated_by="王小红", deleted=False,
                   street_id=street, name="林晓燕", name_pinyin="linxiaoyan", name_initials="lxy",
                   name_sort="lin xiao yan", status="active", birth_date=dt.date(1988, 6, 1), **extra)
        return row

    odd = 'a\tb\\n"c\'\n张,'  # tab, backslash, quotes, newline, comma: COPY's own escapes
    with district_db.session() as s, s.begin():
        s.execute(insert(table), [person("core", note=odd)])
        insert_many(s, table, columns, [tuple(person(i, note=odd if i == "bulk-1" else None)[c] for c in columns)
                                        for i in ("bulk-1", "bulk-2", "bulk-3")])
    with district_db.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(table))}
    assert {k: v for k, v in rows["bulk-1"]._mapping.items() if k != "id"} == {
        k: v for k, v in rows["core"]._mapping.items() if k != "id"}
    assert rows["bulk-2"].note is None and rows["bulk-2"].deleted is False
    with district_db.session() as s:
        found = select_in(s, table, ("id", "version", "birth_date"), "id",
                          ["bulk-3", "nope", "core", "bulk-1", 'x"],y'], chunk=2)
    assert sorted(found) == [("bulk-1", 7, dt.date(1988, 6, 1)), ("bulk-3", 7, dt.date(1988, 6, 1)),
                             ("core", 7, dt.date(1988, 6, 1))]
