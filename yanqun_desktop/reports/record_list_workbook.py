"""The records behind a dashboard figure as a workbook (the list the dialog shows)."""

from __future__ import annotations

from pathlib import Path

from yanqun_desktop.reports.files import save_workbook
from yanqun_desktop.services.statistics.drill import RecordList


def write_record_list(records: RecordList, out: Path | str) -> Path:
    """One sheet: the title in A1, the column names in row 3, one row per record."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "记录"
    ws["A1"] = records.title
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(list(records.columns))
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in records.rows:
        ws.append(list(row))
    ws.freeze_panes = "A4"
    for i, name in enumerate(records.columns, start=1):
        width = max([len(str(name))] + [len(str(r[i - 1])) for r in records.rows[:200]]) * 2 + 2
        ws.column_dimensions[ws.cell(3, i).column_letter].width = min(max(width, 8), 50)
    return save_workbook(wb, out)
