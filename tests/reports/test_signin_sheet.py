"""Sign-in sheets read back: the workbook's cells, protection and drop-down; the PDF's text;
the attendance export's rows and rates. No ID number or phone anywhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.datavalidation import DataValidation

from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.attendance_export import export_attendance
from yanqun_desktop.reports.signin_workbook import HEADER_ROW, write_signin_workbook
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.attendance_import import person_code
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment

ID_NUMBER = "440305198503121231"
PHONE = "13800138000"
NAMES = ["林晓风", "陈雨桐", "周子墨"]


@pytest.fixture
def setting(street_db: Database, clerk: Actor) -> dict[str, str]:
    cohort = save_cohort(street_db, clerk, {"number": 2, "start_date": "2024-03-01"}).id
    ids = {"cohort": cohort}
    for i, name in enumerate(NAMES):
        raw = {"name": name, "community": "白石洲", "phone": f"1380013800{i}"}
        if i == 0:
            raw["id_card"] = ID_NUMBER
        ids[name] = save_person(street_db, clerk, raw).id
        save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": ids[name], "enrolled_on": "2024-03-01"})
    ids["session"] = save_session(street_db, clerk, {
        "title": "社区议事规则与实践", "kind": "通识课程", "date": "2024-05-06", "start_time": "14:30",
        "end_time": "17:00", "place": "沙河街道党群服务中心301", "hours": 2.5, "cohort_ids": [cohort]}).id
    return ids


def _all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def test_workbook_cells_protection_and_drop_down(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    record_attendance(street_db, clerk, setting["session"], [
        {"person_id": setting["陈雨桐"], "status": "leave", "note": "外出开会"}])
    out = tmp_path / "sheets"
    path = write_signin_workbook(street_db, setting["session"], out / "签到表.xlsx")
    assert [p.name for p in out.iterdir()] == ["签到表.xlsx"]  # no temp file left behind
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws.title == "签到表" and "社区议事规则与实践" in ws["A1"].value
    details = ws["A2"].value
    assert "2024年5月6日（星期一）" in details and "14:30–17:00" in details and "沙河街道党群服务中心301" in details
    assert "街道：沙河街道" in details
    assert ws["A3"].value == "活动编号" and ws["B3"].value == setting["session"]
    assert ws["B3"].protection.locked  # the id cell cannot be typed over

    header = [c.value for c in ws[HEADER_ROW]]
    assert header == ["序号", "编码", "姓名", "所属社区", "出勤", "备注"]
    rows = {ws.cell(r, 3).value: [c.value for c in ws[r]] for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    assert set(rows) == set(NAMES)
    assert rows["林晓风"][1] == person_code(setting["林晓风"]) and len(rows["林晓风"][1]) == 6
    assert rows["林晓风"][3] == "白石洲社区"
    assert rows["陈雨桐"][4:] == ["请假", "外出开会"]  # pre-filled from what is recorded

    assert ws.protection.sheet and not ws.protection.password
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        assert not ws.cell(r, 5).protection.locked and not ws.cell(r, 6).protection.locked
        assert all(ws.cell(r, c).protection.locked for c in range(1, 5))
    [dv] = ws.data_validations.dataValidation
    assert isinstance(dv, DataValidation) and dv.type == "list"
    assert dv.formula1 == '"出席,迟到,请假,缺席"'
    assert str(dv.sqref) == f"E{HEADER_ROW + 1}:E{HEADER_ROW + len(NAMES)}"

    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    xml = _all_xml(path)
    assert ID_NUMBER not in xml and PHONE[:10] not in xml and "身份证" not in xml


def test_attendance_export_rows_and_rates(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    second = save_session(street_db, clerk, {"title": "议事会模拟", "kind": "通识课程", "date": "2024-05-20",
                                             "cohort_ids": [setting["cohort"]]}).id
    guest = save_person(street_db, clerk, {"name": "吴来宾"}).id
    record_attendance(street_db, clerk, setting["session"], [
        {"person_id": setting["林晓风"], "status": "出席"}, {"person_id": setting["陈雨桐"], "status": "迟到"},
        {"person_id": setting["周子墨"], "status": "缺席", "note": "病"}, {"person_id": guest, "status": "出席"}])
    record_attendance(street_db, clerk, second, [
        {"person_id": setting["林晓风"], "status": "请假"}, {"person_id": setting["周子墨"], "status": "出席"}])

    result = export_attendance(street_db, tmp_path / "考勤.xlsx", cohort_id=setting["cohort"])
    assert (result.records, result.people) == (6, 3)  # the guest's row is listed, not summarised
    wb = openpyxl.load_workbook(result.path)
    records = list(wb["考勤记录"].iter_rows(values_only=True))
    assert records[0][:9] == ("日期", "活动", "类型", "姓名", "编码", "所属社区", "出勤", "备注", "旁听")
    zhou = [r for r in records if r[3] == "周子墨"]
    assert zhou[0][0].date().isoformat() == "2024-05-06" and zhou[0][6:8] == ("缺席", "病")
    assert [r[8] for r in records if r[3] == "吴来宾"] == ["是"]
    summary = {r[0]: r for r in wb["个人汇总"].iter_rows(min_row=2, values_only=True)}
    assert set(summary) == set(NAMES)
    assert summary["林晓风"][3:] == (2, 1, 0, 1, 0, 0.5)
    assert summary["周子墨"][8] == 0.5 and summary["陈雨桐"][8] == 1.0
    assert wb["个人汇总"]["I2"].number_format == "0.0%"

    one = export_attendance(street_db, tmp_path / "one.xlsx", session_id=second)
    assert (one.records, one.people) == (2, 2) and "议事会模拟" in one.scope
    everything = export_attendance(street_db, tmp_path / "all.xlsx")
    assert (everything.records, everything.people) == (6, 4)
    for f in ("考勤.xlsx", "one.xlsx", "all.xlsx"):
        xml = _all_xml(tmp_path / f)
        assert ID_NUMBER not in xml and "13800138" not in xml


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


def _fonts(path: Path) -> set[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            f = font.get_object()
            descendants = f.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else f).get("/FontDescriptor")
            embedded = desc is not None and any(k in desc.get_object() for k in ("/FontFile2", "/FontFile3"))
            names.add(f"{f['/BaseFont']}:{'embedded' if embedded else 'not-embedded'}")
    return names


def test_pdf_text_signature_column_and_page_numbers(
    street_db: Database, clerk: Actor, setting: dict[str, str], tmp_path: Path
) -> None:
    from yanqun_desktop.reports.signin_sheet import write_signin_pdf

    rare = save_person(street_db, clerk, {"name": "龚䶮", "community": "白石洲"}).id  # 䶮: CJK Extension A
    save_enrolment(street_db, clerk, {"cohort_id": setting["cohort"], "person_id": rare, "enrolled_on": "2024-03-01"})
    for i in range(36):  # enough rows for a second and third page
        name = "赵钱孙李周吴郑王"[i % 8] + "春夏秋冬"[i // 8 % 4] + "明华"[i // 32]
        pid = save_person(street_db, clerk, {"name": name, "community": "沙河"}).id
        save_enrolment(street_db, clerk, {"cohort_id": setting["cohort"], "person_id": pid,
                                          "enrolled_on": "2024-03-01"})
    result = write_signin_pdf(street_db, setting["session"], tmp_path / "签到表.pdf")
    assert result.path == tmp_path / "签到表.pdf" and result.people == 40 and result.missing_chars == []
    pages = _pdf_pages(result.path)
    assert len(pages) == result.pages >= 2
    first = pages[0]
    assert "社区议事规则与实践" in first and "签到表" in first and "2024年5月6日" in first
    assert "沙河街道党群服务中心301" in first
    text = "".join(pages)
    for name in [*NAMES, "龚䶮", "李春华"]:
        assert name in text
    assert person_code(setting["林晓风"]) in text
    for n, page in enumerate(pages, start=1):
        assert "签名" in page and "序号" in page  # the header row repeats on every page
        assert f"第 {n} 页 共 {len(pages)} 页" in page
    assert "应到 40 人" in pages[-1]
    assert ID_NUMBER not in text and "1380013800" not in text
    fonts = _fonts(result.path)
    assert fonts and all(f.endswith(":embedded") for f in fonts), fonts


def test_pdf_rows_are_tall_enough_to_sign(street_db: Database, setting: dict[str, str]) -> None:
    from reportlab.lib.units import mm

    from yanqun_desktop.reports.fonts import font_set
    from yanqun_desktop.reports.pdf_parts import Typesetter
    from yanqun_desktop.reports.signin_sheet import _roll_table
    from yanqun_desktop.services.signin_roster import load_signin_roster

    table = _roll_table(Typesetter(font_set("")), load_signin_roster(street_db, setting["session"]))
    table.wrap(174 * mm, 1000 * mm)
    heights = table._rowHeights[1:]
    assert len(heights) == len(NAMES) and all(10 * mm <= h <= 12.5 * mm for h in heights)
    assert table._colWidths[4] >= 45 * mm  # the 签名 column
