"""The audit trail as a workbook: the operations a filter finds, and each change field by field
(ID numbers and phones masked, as on screen). Written in openpyxl's write-only mode: an import's
operation alone can hold 200,000 changes."""

from __future__ import annotations

from pathlib import Path

from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.files import save_workbook
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.audit import AuditQuery, list_operations, operation_changes
from yanqun_desktop.services.permissions import Permission, requires

MAX_OPERATIONS = 100_000


@requires(Permission.VIEW_AUDIT)
def write_audit_workbook(
    db: Database, actor: Actor, query: AuditQuery, out: Path | str, *, max_changes: int = 200_000
) -> Path:
    """Sheets 操作记录 and 修改明细; at most ``max_changes`` change rows (a note says when cut)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ops_sheet = wb.create_sheet("操作记录")
    changes_sheet = wb.create_sheet("修改明细")
    bold = Font(bold=True)

    def header(sheet: object, names: list[str]) -> None:
        cells = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=name)  # type: ignore[arg-type]
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)  # type: ignore[attr-defined]

    header(ops_sheet, ["编号", "时间", "操作员", "角色", "单位", "操作", "说明", "记录数", "撤销了", "被撤销于"])
    header(changes_sheet, ["操作编号", "时间", "操作员", "表", "记录编号", "动作", "字段", "原值", "新值", "说明"])
    operations, _total = list_operations(db, actor, query, limit=MAX_OPERATIONS)
    written = 0
    for op in operations:
        local = op.at.astimezone().replace(tzinfo=None)
        ops_sheet.append([op.id, local, op.actor, op.role, op.org_code, op.operation, op.summary, op.change_count,
                          op.undo_of, op.undone_by])
        if written >= max_changes:
            continue
        changes, _n = operation_changes(db, actor, op.id, limit=max_changes - written)
        for ch in changes:
            rows = ch.fields or ()
            if not rows:
                changes_sheet.append([op.id, local, op.actor, ch.table_label, ch.row_id, ch.action_label, "", "", "",
                                      ch.note])
            for f in rows:
                changes_sheet.append([op.id, local, op.actor, ch.table_label, ch.row_id, ch.action_label, f.label,
                                      f.before, f.after, ch.note])
            written += 1
    if written >= max_changes:
        changes_sheet.append([f"（只列出了前 {max_changes} 条修改；请缩小筛选范围）"])
    return save_workbook(wb, out)
