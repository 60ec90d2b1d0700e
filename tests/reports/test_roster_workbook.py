"""Roster workbooks read back: templates (headers, drop-downs, hidden list sheet, text/date
formats), the rejected-rows workbook, the export (masked, and its round trip unchanged)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yanqun_desktop.db.database import Database
from yanqun_desktop.domain.validation import make_id_card
from yanqun_desktop.reports.roster_workbook import export_roster, write_rejected_rows, write_roster_template
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment, save_reserve
from yanqun_desktop.services.roster import import_roster
from yanqun_desktop.sheets.reading import read_sheet

PEOPLE_HEADERS = ["姓名", "性别", "出生日期", "民族", "政治面貌", "学历", "身份证号", "手机号", "所属社区", "现任职务",
                  "人才类别", "备注"]
ID_1 = make_id_card("440305", dt.date(1986, 4, 2), 7, "男")


def _validations(ws) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """column letter -> formula of its drop-down"""
    return {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in ws.data_validations.dataValidation}


def test_people_template(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    path = write_roster_template(street_db, clerk, "people", tmp_path / "t.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "名单" and wb["列表"].sheet_state == "hidden"
    ws = wb["名单"]
    assert [c.value for c in ws[1]] == PEOPLE_HEADERS
    assert ws.freeze_panes == "B2"
    dv = _validations(ws)
    assert dv["B"] == '"男,女"'  # 性别 inline
    lists = wb["列表"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)]
               for c in range(1, lists.max_column + 1)}
    assert [v for v in columns["民族"] if v][:2] == ["汉族", "蒙古族"] and len([v for v in columns["民族"] if v]) == 56
    assert "白石东社区" in columns["所属社区"]
    assert dv["D"].startswith("'列表'!$") and dv["I"].startswith("'列表'!$")  # 民族, 所属社区 from the hidden sheet
    assert {"E", "F", "K"} <= set(dv)  # 政治面貌, 学历, 人才类别
    assert ws["G2"].number_format == "@" and ws["H2"].number_format == "@"  # ID and phone as text
    assert ws["C2"].number_format == "yyyy-mm-dd"
    notes = wb["填写说明"]
    assert any("文本" in str(c.value) for row in notes.iter_rows() for c in row)


@pytest.mark.parametrize("kind,first", [("tutors", "姓名"), ("reserve", "姓名"), ("enrolment", "姓名")])
def test_other_templates(street_db: Database, clerk: Actor, tmp_path: Path, kind: str, first: str) -> None:
    wb = load_workbook(write_roster_template(street_db, clerk, kind, tmp_path / f"{kind}.xlsx"))
    headers = [c.value for c in wb["名单"][1]]
    assert headers[0] == first and {"tutors": "导师类型", "reserve": "储备方向", "enrolment": "期次"}[kind] in headers
    assert wb["名单"].data_validations.dataValidation


def test_empty_template_imports_as_nothing(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    path = write_roster_template(street_db, clerk, "people", tmp_path / "t.xlsx")
    report = import_roster(street_db, clerk, path)
    assert report.kind == "people" and report.rows == [] and report.status == "already-applied"


def test_rejected_rows_workbook(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (["名单"], ["姓名", "身份证号", "籍贯"], ["林晓燕", ID_1[:17] + "0", "广东"], ["黄志明", None, "湖南"]):
        ws.append(row)
    ws["B3"].number_format = "@"
    wb.save(tmp_path / "in.xlsx")
    report = import_roster(street_db, clerk, tmp_path / "in.xlsx")
    out = write_rejected_rows(report, read_sheet(tmp_path / "in.xlsx"), tmp_path / "rejected.xlsx")
    rws = load_workbook(out).active
    assert [c.value for c in rws[1]] == ["原行号", "姓名", "身份证号", "籍贯", "错误原因"]
    assert rws.max_row == 2
    assert [c.value for c in rws[2]][:4] == [3, "林晓燕", ID_1[:17] + "0", "广东"]
    assert "校验位错误" in rws["E2"].value and rws["C2"].number_format == "@"
    # the clerk fixes the number; the workbook imports as is (原行号 and 错误原因 are ignored)
    rws["C2"] = ID_1
    rws.parent.save(tmp_path / "fixed.xlsx")
    again = import_roster(street_db, clerk, tmp_path / "fixed.xlsx")
    assert again.status == "applied" and again.counts["new"] == 1


def _people(db: Database, actor: Actor) -> None:
    save_person(db, actor, {"name": "林晓燕", "id_card": ID_1, "phone": "13900001234", "community": "白石东",
                            "education": "本科", "political_status": "党员", "ethnicity": "汉", "note": "示范"})
    save_person(db, actor, {"name": "马兰", "birth_date": "1984-11-15", "gender": "女", "community": "白石东"})


def test_export_masks_and_reimports_unchanged(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    _people(street_db, clerk)
    path = export_roster(street_db, clerk, tmp_path / "export.xlsx")
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == PEOPLE_HEADERS
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=2)}
    lin = rows["林晓燕"]
    assert lin[6] == "4403**********" + ID_1[-4:] and lin[7] == "139****1234"
    assert lin[2] == dt.datetime(1986, 4, 2) and lin[5] == "大学本科" and lin[8] == "白石东社区"
    assert ID_1 not in str(rows)
    report = import_roster(street_db, clerk, path)
    assert report.status == "already-applied" and report.counts["unchanged"] == 2

    full = export_roster(street_db, clerk, tmp_path / "full.xlsx", include_personal=True)
    assert ID_1 in [c.value for c in load_workbook(full).active["G"]]
    assert import_roster(street_db, clerk, full).status == "already-applied"


def test_reserve_and_enrolment_export_round_trip(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    _people(street_db, clerk)
    with street_db.session() as s:
        from sqlalchemy import select

        from yanqun_desktop.db.models import Person

        lin = s.scalar(select(Person.id).where(Person.name == "林晓燕"))
    save_reserve(street_db, clerk, {"person_id": lin, "target_role": "社区党委书记", "added_on": "2024-01-05"})
    cohort = save_cohort(street_db, clerk, {"kind": "studio", "number": 1}).id
    save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": lin, "role": "学员", "enrolled_on": "2024-3-1"})
    for kind in ("reserve", "enrolment"):
        path = export_roster(street_db, clerk, tmp_path / f"{kind}.xlsx", kind)
        report = import_roster(street_db, clerk, path)
        assert report.kind == kind and report.status == "already-applied", report.as_json()
        assert report.counts["unchanged"] == 1


def test_export_of_many_rows_in_write_only_mode(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    """Not the benchmark (benchmarks/bench_roster.py): a smoke check that write-only mode copes."""
    from sqlalchemy import insert, select

    from yanqun_desktop.db.ids import new_id
    from yanqun_desktop.db.models import Person, Street

    with street_db.session() as s, s.begin():
        street = s.scalar(select(Street.id).where(Street.code == "shahe"))
        now = dt.datetime.now(dt.UTC)
        s.execute(insert(Person), [
            {"id": new_id(), "owner": "shahe", "version": i + 1, "updated_at": now, "updated_by": "t", "deleted": False,
             "street_id": street, "name": f"测试{i}", "name_sort": f"ce shi {i}", "status": "active"}
            for i in range(2000)
        ])
    path = export_roster(street_db, clerk, tmp_path / "big.xlsx")
    assert len(read_sheet(path).rows) == 2001
