"""数据 menu: a filled sign-in sheet imported through the preview dialog lands in the database;
the same sheet again changes nothing; an invalid row blocks the import until skipped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from ui_helpers import OPERATOR, STREET

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Attendance, AuditOperation
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment

NAMES = ["甲一明", "乙二华", "丙三军"]


@pytest.fixture
def session_id(ui_street_db: Database) -> str:
    actor = Actor(OPERATOR, "admin", STREET)
    cohort = save_cohort(ui_street_db, actor, {"kind": "studio", "number": 1, "start_date": "2024-03-01"}).id
    for name in NAMES:
        person = save_person(ui_street_db, actor, {"name": name}).id
        save_enrolment(ui_street_db, actor, {"cohort_id": cohort, "person_id": person, "enrolled_on": "2024-03-01"})
    return save_session(ui_street_db, actor, {"title": "社区治理专题课", "kind": "通识课程", "hours": 2,
                                              "date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
                                              "cohort_ids": [cohort]}).id


def _filled_sheet(db: Database, session_id: str, path: Path, statuses: dict[str, str]) -> Path:
    from yanqun_desktop.reports.signin_workbook import write_signin_workbook

    write_signin_workbook(db, session_id, path)
    wb = load_workbook(path)
    ws = wb.active
    header = next(r for r in range(1, 12) if any(c.value == "出勤" for c in ws[r]))
    columns = {c.value: c.column for c in ws[header]}
    for row in range(header + 1, ws.max_row + 1):
        name = ws.cell(row, columns["姓名"]).value
        if name in statuses:
            ws.cell(row, columns["出勤"]).value = statuses[name]
    wb.save(path)
    return path


def _wait(qtbot, dialog: Any) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)


def _recorded(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Attendance).where(~Attendance.deleted)) or 0


def test_signin_sheet_import_through_the_dialog(qtbot, window, ui_street_db: Database, session_id: str,  # type: ignore[no-untyped-def]
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    sheet = _filled_sheet(ui_street_db, session_id, tmp_path / "签到.xlsx", {"甲一明": "出席", "乙二华": "迟到",
                                                                               "丙三军": "请假"})
    dialog = window.data_menu.import_signin()
    qtbot.addWidget(dialog)
    dialog.set_file(sheet)
    _wait(qtbot, dialog)
    assert dialog.report is not None and dialog.report.count("new") == 3
    assert dialog.model.rowCount() == 3
    assert _recorded(ui_street_db) == 0  # the preview wrote nothing
    assert dialog.import_button.isEnabled()
    dialog.apply()
    _wait(qtbot, dialog)
    assert dialog.report.status == "applied"
    assert _recorded(ui_street_db) == 3

    with ui_street_db.session() as s:
        operations = s.scalar(select(func.count()).select_from(AuditOperation))
    again = window.data_menu.import_signin()
    qtbot.addWidget(again)
    again.set_file(sheet)
    _wait(qtbot, again)
    assert again.report.count("unchanged") == 3
    assert not again.import_button.isEnabled()  # nothing to write
    with ui_street_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditOperation)) == operations


def test_invalid_row_blocks_until_skipped(qtbot, window, ui_street_db: Database, session_id: str,  # type: ignore[no-untyped-def]
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    sheet = _filled_sheet(ui_street_db, session_id, tmp_path / "签到.xlsx", {"甲一明": "出席", "乙二华": "睡觉"})
    dialog = window.data_menu.import_signin()
    qtbot.addWidget(dialog)
    dialog.set_file(sheet)
    _wait(qtbot, dialog)
    assert dialog.report.count("invalid") == 1
    assert dialog.filter.currentData() == "invalid"  # the clerk sees the problem first
    assert dialog.model.rowCount() == 1
    assert "出勤" in dialog.model.detail(dialog.model.outcome_at(0))
    assert not dialog.import_button.isEnabled()
    dialog.skip_invalid.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.apply()
    _wait(qtbot, dialog)
    assert _recorded(ui_street_db) == 1


def test_unreadable_file_says_why(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a workbook")
    dialog = window.data_menu.import_signin()
    qtbot.addWidget(dialog)
    dialog.set_file(bad)
    _wait(qtbot, dialog)
    text = dialog.error.text() + " ".join(dialog.report.messages if dialog.report else [])
    assert "坏文件.xlsx" in text
    assert not dialog.import_button.isEnabled()


def test_sessions_page_writes_sheets_and_previews_the_pdf(qtbot, window, ui_street_db: Database,  # type: ignore[no-untyped-def]
                                                          session_id: str, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QDialog

    from yanqun_desktop.ui.pages.sessions_page import SessionsPage

    page = next(p for p in window.pages if isinstance(p, SessionsPage))
    page.write_signin_sheet(session_id, tmp_path / "签到表.pdf")
    qtbot.waitUntil(lambda: page.findChild(QDialog, "signin_preview") is not None, timeout=15000)
    preview = page.findChild(QDialog, "signin_preview")
    assert preview.document.pageCount() >= 1
    text = PdfReader(tmp_path / "签到表.pdf").pages[0].extract_text()
    assert "签名" in text and "甲一明" in text
    preview.reject()

    task = page.write_signin_sheet(session_id, tmp_path / "签到表.xlsx")
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "written") is not None or
                    page.findChild(QDialog, "written") is not None, timeout=5000)
    ws = load_workbook(tmp_path / "签到表.xlsx").active
    assert session_id in [c.value for row in ws.iter_rows(max_row=5) for c in row]
