"""Sign-in workbooks out and back: codes, matching, normalised 出勤, one transaction, idempotence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Attendance, AuditOperation
from yanqun_desktop.reports.signin_workbook import HEADER_ROW, write_signin_workbook
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import record_attendance, roll_call
from yanqun_desktop.services.attendance_import import (
    import_signin_sheet,
    import_signin_sheets,
    person_code,
    roster_codes,
    status_code,
)
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment

pytestmark = pytest.mark.postgres

NAMES = ["甲一", "乙二", "丙三", "丁四"]


@pytest.fixture
def setting(street_db: Database, clerk: Actor) -> dict[str, str]:
    cohort = save_cohort(street_db, clerk, {"number": 2, "start_date": "2024-03-01"}).id
    ids = {"cohort": cohort}
    for name in NAMES:
        ids[name] = save_person(street_db, clerk, {"name": name, "community": "白石洲"}).id
        save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": ids[name], "enrolled_on": "2024-03-01"})
    ids["session"] = save_session(street_db, clerk, {
        "title": "基层治理通识课", "kind": "通识课程", "date": "2024-04-02", "start_time": "14:30",
        "end_time": "17:00", "place": "沙河党群服务中心", "hours": 3, "cohort_ids": [cohort]}).id
    return ids


def _audit_ops(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditOperation)) or 0)


def _attendance(db: Database, session_id: str) -> dict[str, tuple[str, str | None]]:
    with db.session() as s:
        rows = s.scalars(select(Attendance).where(Attendance.session_id == session_id, ~Attendance.deleted))
        return {a.person_id: (a.status, a.note) for a in rows}


def _fill(path: Path, values: dict[str, tuple[str | None, str | None]], *, blank_code: set[str] = frozenset()) -> None:
    """Fill 出勤/备注 by name, as a clerk would in Excel (openpyxl keeps the protection)."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        name = ws.cell(row, 3).value
        if name in values:
            ws.cell(row, 5).value, ws.cell(row, 6).value = values[name]
        if name in blank_code:
            ws.cell(row, 2).value = None
    wb.save(path)


def test_person_code_is_short_stable_and_lengthened_on_collision() -> None:
    a = "0190a1b2-c3d4-7e5f-8a6b-1234567abcde"
    b = "0190a1b2-c3d4-7e5f-8a6b-2234577abcde"  # same last 6 hex digits as a, differs in the 7th
    c = "0190a1b2-c3d4-7e5f-8a6b-99999900ff01"
    assert person_code(a) == "7ABCDE" and person_code(a) == person_code(a)
    codes = roster_codes([a, b, c])
    assert codes == {a: "67ABCDE", b: "77ABCDE", c: "00FF01"}


@pytest.mark.parametrize(("text", "code"), [
    ("出席", "present"), ("到", "present"), ("√", "present"), ("✓", "present"), (" 迟到 ", "late"),
    ("请假", "leave"), ("病假", "leave"), ("缺席", "absent"), ("未到", "absent"), ("×", "absent"), ("", None),
])
def test_status_values_are_normalised(text: str, code: str | None) -> None:
    assert status_code(text) == code


def test_round_trip_then_reimport_changes_nothing(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "签到表.xlsx")
    _fill(sheet, {"甲一": ("出席", None), "乙二": ("迟到", "堵车"), "丙三": ("√", None), "丁四": ("请假", "出差")})
    before = _audit_ops(street_db)
    report = import_signin_sheet(street_db, clerk, sheet)
    assert report.status == "applied", report.messages
    assert report.counts["new"] == 4 and report.counts["rejected"] == 0
    assert _audit_ops(street_db) == before + 1  # one transaction for the file
    got = _attendance(street_db, setting["session"])
    assert got[setting["乙二"]] == ("late", "堵车") and got[setting["丙三"]] == ("present", None)
    assert got[setting["丁四"]] == ("leave", "出差")

    again = import_signin_sheet(street_db, clerk, sheet)
    assert again.status == "already-applied"
    assert again.counts["unchanged"] == 4 and again.counts["new"] == again.counts["updated"] == 0
    assert _audit_ops(street_db) == before + 1  # no new audit operation


def test_sheet_prefills_recorded_attendance_and_reports_updates(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    record_attendance(street_db, clerk, setting["session"], [{"person_id": setting["甲一"], "status": "缺席"}])
    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(sheet).active
    prefilled = {ws.cell(r, 3).value: ws.cell(r, 5).value for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    assert prefilled["甲一"] == "缺席" and prefilled["乙二"] is None
    _fill(sheet, {"甲一": ("出席", "补签"), "乙二": ("出席", None)})
    report = import_signin_sheet(street_db, clerk, sheet)
    by_name = {r.label: r for r in report.rows}
    assert by_name["甲一"].status == "updated" and by_name["甲一"].changed_fields == ["出勤", "备注"]
    assert by_name["乙二"].status == "new"
    assert by_name["丙三"].status == "unchanged" and "未填写" in by_name["丙三"].reason
    assert any("2 人未填写出勤" in m for m in report.messages)
    assert _attendance(street_db, setting["session"])[setting["甲一"]] == ("present", "补签")


def test_match_by_name_when_code_blank_and_ambiguous_names(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "s.xlsx")
    row_of = {r.name: HEADER_ROW + r.number for r in _roster(street_db, setting)}
    _fill(sheet, {"甲一": ("出席", None)}, blank_code={"甲一"})
    report = import_signin_sheet(street_db, clerk, sheet)
    assert report.status == "applied" and report.counts["new"] == 1
    assert _attendance(street_db, setting["session"])[setting["甲一"]][0] == "present"

    # a second 甲一 in the cohort makes the bare name ambiguous
    twin = save_person(street_db, clerk, {"name": "甲一", "community": "沙河"}).id
    save_enrolment(street_db, clerk, {"cohort_id": setting["cohort"], "person_id": twin, "enrolled_on": "2024-03-01"})
    report = import_signin_sheet(street_db, clerk, sheet)
    bad = report.invalid
    assert report.status == "refused" and len(bad) == 1
    assert bad[0].row == row_of["甲一"] and "2 人名为 甲一" in bad[0].reason


def test_bad_value_is_reported_with_row_and_nothing_written(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "s.xlsx")
    ws_rows = {r.name: HEADER_ROW + r.number for r in _roster(street_db, setting)}
    _fill(sheet, {"甲一": ("出席", None), "乙二": ("早退", None)})
    before = _audit_ops(street_db)
    report = import_signin_sheet(street_db, clerk, sheet)
    assert report.status == "refused"
    [bad] = report.invalid
    assert bad.row == ws_rows["乙二"] and bad.issues[0].column == "出勤" and "早退" in bad.reason
    assert "未写入任何数据" in report.messages[-1] and "s.xlsx" in report.messages[-1]
    assert _attendance(street_db, setting["session"]) == {} and _audit_ops(street_db) == before

    skipped = import_signin_sheet(street_db, clerk, sheet, skip_invalid=True)
    assert skipped.status == "applied" and skipped.counts["new"] == 1 and skipped.counts["rejected"] == 1
    assert list(_attendance(street_db, setting["session"])) == [setting["甲一"]]


def _roster(db: Database, setting: dict[str, str]):  # type: ignore[no-untyped-def]
    from yanqun_desktop.services.signin_roster import load_signin_roster

    return load_signin_roster(db, setting["session"]).rows


def test_dry_run_writes_nothing(street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path) -> None:
    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "s.xlsx")
    _fill(sheet, {n: ("出席", None) for n in NAMES})
    before = _audit_ops(street_db)
    [report] = import_signin_sheets(street_db, clerk, [sheet], dry_run=True)
    assert report.status == "dry-run" and report.counts["new"] == 4
    assert _attendance(street_db, setting["session"]) == {} and _audit_ops(street_db) == before


def test_sheet_without_session_or_for_unknown_session_is_refused(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "别处.xlsx")
    wb = openpyxl.load_workbook(sheet)
    wb.active["B3"] = "0190ffff-0000-7000-8000-000000000000"
    wb.save(sheet)
    report = import_signin_sheet(street_db, clerk, sheet)
    assert report.status == "refused" and "别处.xlsx" in report.messages[0] and "不存在" in report.messages[0]

    plain = tmp_path / "随手表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "出勤"])
    wb.active.append(["甲一", "出席"])
    wb.save(plain)
    report = import_signin_sheet(street_db, clerk, plain)
    assert report.status == "refused" and "随手表.xlsx" in report.messages[0] and "活动编号" in report.messages[0]
    assert _attendance(street_db, setting["session"]) == {}


def test_code_and_name_that_disagree_are_invalid(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    ws.cell(HEADER_ROW + 1, 3).value = "戊五"
    ws.cell(HEADER_ROW + 1, 5).value = "出席"
    wb.save(sheet)
    report = import_signin_sheet(street_db, clerk, sheet)
    assert report.status == "refused" and "不符" in report.invalid[0].reason


def test_future_session_accepts_only_leave(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    future = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    sid = save_session(street_db, clerk, {"title": "下周课", "kind": "通识课程", "date": future,
                                          "cohort_ids": [setting["cohort"]]}).id
    sheet = write_signin_workbook(street_db, sid, tmp_path / "f.xlsx")
    _fill(sheet, {"甲一": ("请假", None), "乙二": ("出席", None)})
    report = import_signin_sheet(street_db, clerk, sheet)
    assert report.status == "refused" and "尚未到来" in report.invalid[0].reason
    assert [r.name for r in roll_call(street_db, sid).rows if r.status] == []


def test_sheet_for_a_session_we_do_not_keep_is_refused_in_preview_too(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    """Another office's session (here: the camp's, kept by the district) is refused already in
    the dry run, so the preview never offers an import the real run would refuse."""
    from yanqun_desktop.db.models import TrainingSession

    sheet = write_signin_workbook(street_db, setting["session"], tmp_path / "s.xlsx")
    _fill(sheet, {n: ("出席", None) for n in NAMES})
    with street_db.session() as s, s.begin():
        s.get(TrainingSession, setting["session"]).owner = "nanshan-district"
    for dry_run in (True, False):
        [report] = import_signin_sheets(street_db, clerk, [sheet], dry_run=dry_run)
        assert report.status == "refused"
        assert "区级" in report.messages[0] and "s.xlsx" in report.messages[0]
    assert _attendance(street_db, setting["session"]) == {}
