"""Pieces the 同步中心 page and its dialogs share: labels, office names, table filling."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from yanqun_desktop.ui.context import AppContext

STATUS_LABELS = {
    "exported": "已导出", "applied": "已导入", "already-applied": "已导入过", "conflicts": "有待处理冲突",
    "refused": "已拒收", "dry-run": "预览",
}
CONFLICT_KINDS = {
    "duplicate-person": "疑似重复人员", "both-changed": "两端都有修改", "not-owner": "非所有方修改",
    "waiting": "等待处理",
}


def removable_drives() -> list[Path]:
    """Mounted volumes that look like a USB stick: not the system drive, writable, ready."""
    system = Path.home().anchor
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = Path(volume.rootPath())
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or str(root) in ("/", system):
            continue
        if root.anchor != "/" or str(root).startswith(("/media/", "/run/media/", "/mnt/")):
            found.append(root)
    return found


def _cell(text: Any) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def when(value: dt.datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def fill_table(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, _cell(value))
    table.resizeColumnsToContents()


def org_names(ctx: AppContext) -> dict[str, str]:
    """Office codes by name (the 8 streets and the district)."""
    from sqlalchemy import select

    from yanqun_desktop.db.models import DISTRICT_CODE, Street

    with ctx.db.session() as s:
        names = dict(s.execute(select(Street.code, Street.name)).all())
    names[DISTRICT_CODE] = "南山区"
    return names


def ledger_rows(counts: dict[str, Any] | None) -> int:
    """Rows a package carried: sent packages count rows per table; received ones count
    new/updated/unchanged/... per table."""
    total = 0
    for value in (counts or {}).values():
        if isinstance(value, int):
            total += value
        elif isinstance(value, dict):
            total += sum(v for v in value.values() if isinstance(v, int))
    return total


def record_label(conflict: Any) -> str:
    row = conflict.incoming_row or {}
    return str(row.get("name") or row.get("title") or conflict.row_id[:8])


def is_refusal(e: Exception) -> bool:
    from yanqun_desktop.ui.widgets.dialog_parts import REFUSALS

    return isinstance(e, (*REFUSALS, ValueError))
