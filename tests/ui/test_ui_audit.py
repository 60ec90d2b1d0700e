"""操作日志: operations newest first, the selected one field by field with ID numbers masked,
filters, and the workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from ui_helpers import OPERATOR, id_card

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.ui.app import build_main_window
from yanqun_desktop.ui.pages.audit_page import AuditPage


def test_audit_page_lists_and_details_masked(qtbot, ui_street_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card = id_card(1981, 33)
    actor = Actor(OPERATOR, "admin", "zhaoshang")
    pid = save_person(ui_street_db, actor, {"name": "日志甲", "id_card": card}).id
    save_person(ui_street_db, Actor("李文书", "admin", "zhaoshang"), {"note": "改备注"}, pid)
    window = build_main_window(ui_street_db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    window.show()
    page = next(p for p in window.pages if isinstance(p, AuditPage))
    window.nav.setCurrentRow(window.pages.index(page))
    assert page.ops.rowCount() >= 2 and page.ops.item(0, 1).text() == "李文书"
    assert [page.changes.item(0, c).text() for c in (0, 2, 3, 4, 5)] == ["人员", "修改", "备注", "", "改备注"]
    page.ops.selectRow(1)
    texts = [page.changes.item(r, 5).text() for r in range(page.changes.rowCount())]
    assert "日志甲" in texts and card not in texts and any(t.startswith(card[:4]) and "*" in t for t in texts)
    page.actor.setCurrentIndex(page.actor.findData("李文书"))
    page.refresh()
    assert page.ops.rowCount() == 1 and "1" in page.count.text()
    written = page.export_to(tmp_path / "log")
    assert written == tmp_path / "log.xlsx"
    rows = [[c.value for c in r] for r in load_workbook(written)["操作记录"].iter_rows(min_row=2)]
    assert len(rows) == 1 and rows[0][2] == "李文书"
