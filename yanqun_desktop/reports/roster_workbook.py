"""Roster workbooks (openpyxl, imported lazily): the import templates, the workbook of rejected
rows a clerk fixes and re-imports, and the roster export.

Templates guard the clerk against Excel's habits: ID and phone columns are formatted as text
("@") so 18-digit numbers keep their last digits; date columns are dates; fixed vocabularies are
drop-downs (long ones — 56 民族, the street's communities — from a hidden 列表 sheet). The
drop-downs warn rather than refuse, since the import also accepts short forms (党员, 本科)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yanqun_desktop.reports.files import save_workbook
from yanqun_desktop.services.permissions import Permission, require, requires
from yanqun_desktop.services.roster.specs import KINDS, Column, RosterKind

if TYPE_CHECKING:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.imports import ImportReport
    from yanqun_desktop.services.roster.export import TemplateLists
    from yanqun_desktop.sheets.reading import SheetData

DATA_SHEET = "名单"
LIST_SHEET = "列表"
NOTES_SHEET = "填写说明"
TEMPLATE_ROWS = 2000  # rows prepared with formats and drop-downs
INLINE_LIST_MAX = 60  # longer lists go to the hidden sheet (Excel's inline limit is 255 characters)
HEADER_FILL = "DDEBF7"
DATE_FORMAT = "yyyy-mm-dd"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _options(col: Column, lists: TemplateLists | None) -> tuple[str, ...]:
    if col.kind == "community":
        return tuple(lists.communities) if lists else ()
    if col.kind == "cohort":
        return tuple(lists.cohorts) if lists else ()
    return col.options()


def write_template(kind: str, out_path: Path | str, lists: TemplateLists | None = None) -> Path:
    """An empty import template for ``kind`` (people|tutors|reserve|enrolment). ``lists``
    gives the street's communities and cohorts for their drop-downs (``template_lists``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = KINDS[kind]
    out = Path(out_path)
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    lists_ws = wb.create_sheet(LIST_SHEET)
    lists_ws.sheet_state = "hidden"
    notes = wb.create_sheet(NOTES_SHEET)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    list_col = 0
    last = TEMPLATE_ROWS + 1
    for i, col in enumerate(spec.columns, start=1):
        letter = _letter(i)
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[letter].width = col.width
        fmt = "@" if col.kind in ("id", "phone") else DATE_FORMAT if col.kind == "date" else None
        if fmt:
            for r in range(2, last + 1):
                ws.cell(row=r, column=i).number_format = fmt
        options = _options(col, lists)
        if not options:
            continue
        inline = ",".join(options)
        # The street's communities and cohorts grow over time: always from the list sheet.
        if len(inline) <= INLINE_LIST_MAX and "," not in "".join(options) and col.kind not in ("community", "cohort"):
            formula = f'"{inline}"'
        else:
            list_col += 1
            ll = _letter(list_col)
            lists_ws.cell(row=1, column=list_col, value=col.header)
            for r, value in enumerate(options, start=2):
                lists_ws.cell(row=r, column=list_col, value=value)
            formula = f"'{LIST_SHEET}'!${ll}$2:${ll}${len(options) + 1}"
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                            errorStyle="warning", errorTitle=col.header,
                            error=f"“{col.header}”请从下拉列表中选择；确需填写其他值请点“是”。")
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 22
    _write_notes(notes, spec, bold, fill)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(wb, out)
    return out


def _write_notes(ws: Any, spec: RosterKind, bold: Any, fill: Any) -> None:
    from openpyxl.styles import Alignment

    ws.append([f"{spec.label}导入模板：填写说明"])
    ws["A1"].font = bold
    ws.append(["在“名单”工作表中每行填写一条记录，第 1 行表头请勿修改；列的顺序可以调整，多余的列会被忽略。"])
    ws.append(["空白单元格不会清除已登记的数据；同一文件重复导入不会重复登记。有误的行会连同原因一并列出，"
               "可导出“有误的行”工作簿修改后重新导入。"])
    ws.append([])
    ws.append(["列名", "是否必填", "填写说明", "也可用的列名"])
    for c in ws[5]:
        c.font, c.fill = bold, fill
    for col in spec.columns:
        ws.append([col.header, "必填" if col.required or col.key == "name" else "", col.hint, "、".join(col.synonyms)])
    for letter, width in zip("ABCD", (14, 10, 60, 40), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=6):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")


@requires(Permission.EXPORT_RECORDS)
def write_roster_template(db: Database, actor: Actor, kind: str, out_path: Path | str) -> Path:
    """The template with the actor's street's communities and cohorts in its drop-downs."""
    from yanqun_desktop.services.roster.export import template_lists

    return write_template(kind, out_path, template_lists(db, actor))


def write_rejected_rows(report: ImportReport, sheet_data: SheetData, out_path: Path | str) -> Path:
    """The invalid rows as the clerk sent them (their original columns), with 原行号 first and
    错误原因 last, to fix and import again (the importer ignores the two added columns)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    out = Path(out_path)
    header_index = (report.header_row or 1) - 1
    rows = sheet_data.rows
    headers = list(rows[header_index]) if header_index < len(rows) else []
    invalid = report.invalid
    width = max([len(headers), *(len(rows[o.row - 1]) for o in invalid if o.row - 1 < len(rows))], default=0)
    headers += [f"第{i + 1}列" for i in range(len(headers), width)]
    wb = Workbook()
    ws = wb.active
    ws.title = "有误的行"
    ws.append(["原行号", *[h if h not in (None, "") else f"第{i + 1}列" for i, h in enumerate(headers)], "错误原因"])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FCE4D6")
    for c in ws[1]:
        c.font, c.fill = bold, fill
    for outcome in invalid:
        cells = list(rows[outcome.row - 1]) if outcome.row - 1 < len(rows) else []
        cells += [None] * (width - len(cells))
        ws.append([outcome.row, *cells, outcome.reason])
        r = ws.max_row
        for i, value in enumerate(cells, start=2):
            cell = ws.cell(row=r, column=i)
            if isinstance(value, str):
                cell.number_format = "@"  # an ID number typed as text stays text
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
        ws.cell(row=r, column=width + 2).alignment = Alignment(wrap_text=True, vertical="top")
    for i, h in enumerate(headers, start=2):
        ws.column_dimensions[_letter(i)].width = max(10, min(24, len(str(h)) * 2 + 4))
    ws.column_dimensions[_letter(width + 2)].width = 60
    ws.freeze_panes = "B2"
    out.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(wb, out)
    return out


@requires(Permission.EXPORT_RECORDS)
def export_roster(
    db: Database, actor: Actor, out_path: Path | str, kind: str = "people", street: str | None = None,
    *, include_personal: bool = False,
) -> Path:
    """The roster in the template's columns (it re-imports as all unchanged). ID numbers and
    phones are masked unless ``include_personal``, which only a role that may see them can ask.
    Written in openpyxl's write-only mode: 10,000 rows in well under the 5 s target."""
    if include_personal:
        require(actor, Permission.VIEW_PERSONAL)
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    from yanqun_desktop.services.roster.export import roster_rows

    spec, rows = roster_rows(db, actor, kind, street, include_personal=include_personal)
    out = Path(out_path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    for i, col in enumerate(spec.columns, start=1):
        ws.column_dimensions[_letter(i)].width = col.width
    ws.freeze_panes = "B2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    header = []
    for col in spec.columns:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    ws.append(header)
    date_columns = [i for i, c in enumerate(spec.columns) if c.kind == "date"]
    for row in rows:
        values: list[Any] = list(row)
        for i in date_columns:
            if values[i] is not None:
                cell = WriteOnlyCell(ws, value=values[i])
                cell.number_format = DATE_FORMAT
                values[i] = cell
        ws.append(values)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(wb, out)
    if include_personal:  # full numbers left the database: who took them, and where to
        _audit_personal_export(db, actor, spec.label, out)
    return out


def _audit_personal_export(db: Database, actor: Actor, label: str, out: Path) -> None:
    import datetime as dt

    from yanqun_desktop.db.models import AuditOperation

    with db.session() as s, s.begin():
        s.add(AuditOperation(
            at=dt.datetime.now(dt.UTC), actor=actor.name, role=actor.role, org_code=actor.org_code,
            operation="personal.export", change_count=0,
            summary=f"导出含完整身份证号和手机号的{label}：{out.name}"[:500],
        ))


def sheet_headers(kind: str) -> Sequence[str]:
    return KINDS[kind].headers
