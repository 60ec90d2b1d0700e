"""The audit trail read back: filters, one operation field by field (ID numbers masked), one
record's history, undo links, the workbook and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.audit import AuditQuery, list_operations, operation_changes, operators, row_history
from yanqun_desktop.services.errors import NotFound
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.undo import undo_last

CARD = "11010519491231002X"
VIEWER = Actor("王管理", "admin", "shahe")


@pytest.fixture
def trail(street_db: Database, clerk: Actor) -> tuple[Database, str]:
    other = Actor("李文书", "admin", "shahe")
    pid = save_person(street_db, clerk, {"name": "审计甲", "id_card": CARD, "phone": "13800001111"}).id
    save_person(street_db, other, {"note": "补充备注"}, pid)
    save_person(street_db, other, {"name": "审计乙"})
    undo_last(street_db, other)  # 审计乙 undone
    return street_db, pid


def test_filters_and_undo_links(trail: tuple[Database, str]) -> None:
    db, pid = trail
    ops, total = list_operations(db, VIEWER)
    assert total == len(ops) >= 4
    assert ops[0].operation == "undo" and ops[0].undo_of == ops[1].id and ops[1].undone_by == ops[0].id
    assert set(operators(db, VIEWER)) >= {"王小红", "李文书"}
    mine, n = list_operations(db, VIEWER, AuditQuery(actor="王小红"))
    assert n == len(mine) and all(o.actor == "王小红" for o in mine)
    about, _ = list_operations(db, VIEWER, AuditQuery(row_id=pid))
    assert len(about) == 2 and {o.actor for o in about} == {"王小红", "李文书"}
    assert list_operations(db, VIEWER, AuditQuery(table="people", actor="李文书"))[1] == 3
    today = dt.date.today()
    assert list_operations(db, VIEWER, AuditQuery(since=today, until=today))[1] == total
    assert list_operations(db, VIEWER, AuditQuery(until=today - dt.timedelta(days=1)))[1] == 0
    assert list_operations(db, VIEWER, AuditQuery(text="审计乙"))[1] >= 1


def test_changes_field_by_field_masked(trail: tuple[Database, str]) -> None:
    db, pid = trail
    history = row_history(db, VIEWER, pid)
    assert [c.action for _op, c in history] == ["insert", "update"]
    created = {f.field: f for f in history[0][1].fields}
    assert created["name"].after == "审计甲" and created["name"].label == "姓名"
    assert created["id_card"].after == "1101**********002X" and CARD not in repr(history)
    assert created["phone"].after == "138****1111"
    edited = history[1][1]
    assert (edited.fields[0].label, edited.fields[0].before, edited.fields[0].after) == ("备注", "", "补充备注")
    changes, total = operation_changes(db, VIEWER, history[1][0].id)
    assert total == 1 and changes[0].table_label == "人员"
    with pytest.raises(NotFound):
        operation_changes(db, VIEWER, 999_999)


def test_workbook_and_command_line(
    trail: tuple[Database, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, pid = trail
    base = ["--db", str(db.path), "--keys", str(db.keys_dir), "--user", "admin"]
    assert main([*base, "audit", "--by", "李文书", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == 3 and CARD not in out
    out_file = tmp_path / "audit.xlsx"
    assert main([*base, "audit", "--row", pid, "--out", str(out_file)]) == 0
    capsys.readouterr()
    wb = load_workbook(out_file)
    assert wb.sheetnames == ["操作记录", "修改明细"]
    detail = [[c.value for c in r] for r in wb["修改明细"].iter_rows(min_row=2)]
    assert all(CARD not in str(r) for r in detail) and any(r[8] == "补充备注" for r in detail)
    assert any(r[8] == "1101**********002X" for r in detail)
    op_id = list_operations(db, VIEWER, AuditQuery(row_id=pid))[0][0].id
    assert main([*base, "audit", "show", str(op_id)]) == 0
    _, err = capsys.readouterr()
    assert "修改 人员" in err and "补充备注" in err
    assert main([*base, "audit", "show", "999999"]) == 1
    assert main([*base, "audit", "--since", "昨天"]) == 1
    assert main([*base, "audit", "--out", str(tmp_path / "x.csv")]) == 1
