"""The sign-in workbook (签到表.xlsx): the clerk types each person's 出勤 and 备注 into it, then
imports it back (services/attendance_import.py reads the same labels).

The sheet is protected without a password: the point is to stop accidental edits of the
session id, the codes and the names, not to keep anyone out (Excel: 审阅 → 撤销工作表保护).
Only the 出勤 and 备注 cells are unlocked. No ID numbers and no phone numbers are written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.files import save_workbook
from yanqun_desktop.services.attendance_import import COLUMNS, SESSION_LABEL, STATUS_CHOICES
from yanqun_desktop.services.signin_roster import SigninRoster, load_signin_roster, status_label

SHEET_TITLE = "签到表"
HEADER_ROW = 5
WIDTHS = {"序号": 6, "编码": 10, "姓名": 12, "所属社区": 18, "出勤": 9, "备注": 28}
INSTRUCTIONS = (f"填写说明：在“出勤”列的下拉框中选择 {'、'.join(STATUS_CHOICES)}，可在“备注”列补充说明；"
                "其他单元格已保护（无密码），请勿修改活动编号、编码和姓名。填好后保存，再导入雁群。")


def write_signin_workbook(db: Database, session_id: str, out_path: Path | str) -> Path:
    """Write the session's sign-in workbook to ``out_path`` (atomically: temp file, then replace)."""
    roster = load_signin_roster(db, session_id)
    wb = build_signin_workbook(roster)
    return save_workbook(wb, out_path)


def build_signin_workbook(roster: SigninRoster) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    wb.properties.title = f"{roster.title} 签到表"
    wb.properties.creator = "雁群"
    last = get_column_letter(len(COLUMNS))
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center")
    open_cell = Protection(locked=False)

    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = f"{roster.title} 签到表"
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = center
    ws.row_dimensions[1].height = 30

    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = "　".join(roster.detail_lines())
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[2].height = 36

    ws["A3"] = SESSION_LABEL
    ws.merge_cells(f"B3:{last}3")
    ws["B3"] = roster.session_id
    ws["B3"].font = Font(color="606060", size=9)
    ws["A3"].font = Font(color="606060", size=9)

    ws.merge_cells(f"A4:{last}4")
    ws["A4"] = INSTRUCTIONS
    ws["A4"].font = Font(color="606060", size=9)
    ws["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[4].height = 30

    head_fill = PatternFill("solid", fgColor="DDE4EE")
    for col, label in enumerate(COLUMNS, start=1):
        c = ws.cell(HEADER_ROW, col, label)
        c.font = Font(bold=True)
        c.alignment = center
        c.border = box
        c.fill = head_fill
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[label]

    status_col = COLUMNS.index("出勤") + 1
    note_col = COLUMNS.index("备注") + 1
    for r in roster.rows:
        values = [r.number, r.code, r.name, r.community, status_label(r.status), r.note]
        row = HEADER_ROW + r.number
        for col, value in enumerate(values, start=1):
            c = ws.cell(row, col, value if value != "" else None)
            c.border = box
            c.alignment = Alignment(horizontal="center" if col in (1, 2, status_col) else "left",
                                    vertical="center", wrap_text=col == note_col)
            if col in (status_col, note_col):
                c.protection = open_cell
        ws.cell(row, 2).number_format = "@"  # a code such as 012345 stays text
        ws.row_dimensions[row].height = 20

    if roster.rows:
        first, end = HEADER_ROW + 1, HEADER_ROW + len(roster.rows)
        status_letter = get_column_letter(status_col)
        dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                            showErrorMessage=True, errorStyle="stop", errorTitle="出勤",
                            error=f"请从下拉框中选择：{'、'.join(STATUS_CHOICES)}", promptTitle="出勤",
                            prompt=f"选择 {'、'.join(STATUS_CHOICES)}", showInputMessage=True)
        dv.add(f"{status_letter}{first}:{status_letter}{end}")
        ws.add_data_validation(dv)

    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddHeader.right.text = roster.street

    # Protected without a password; row heights and column widths may still be changed.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    return wb
