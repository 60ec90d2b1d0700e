"""数据 menu, rosters: a template filled in by a clerk is previewed and imported; invalid rows
are saved for fixing; exports and the statistics workbook are written where the clerk says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from ui_helpers import OPERATOR, STREET, id_card

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person
from yanqun_desktop.services.actor import Actor


@pytest.fixture(autouse=True)
def quiet_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)


def _wait_task(qtbot, task: Any) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not task.running, timeout=15000)
    qtbot.wait(50)  # the done callback runs on the next turn of the event loop


def _filled_template(db: Database, path: Path) -> Path:
    from yanqun_desktop.reports.roster_workbook import write_roster_template

    write_roster_template(db, Actor(OPERATOR, "admin", STREET), "people", path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 6) if any(c.value == "姓名" for c in ws[r]))
    columns = {c.value: c.column for c in ws[header]}
    rows = [
        {"姓名": "温如玉", "性别": "女", "身份证号": id_card(1988, 21, "女"), "出生日期": "1988-03-12"},
        {"姓名": "柏青山", "性别": "男", "身份证号": id_card(1979, 33, "男"), "出生日期": "1979年3月12日"},
        {"姓名": "错号码", "性别": "男", "身份证号": "440305197903120000"},
    ]
    first = ws.max_row + 1
    for i, values in enumerate(rows):
        for key, value in values.items():
            ws.cell(first + i, columns[key]).value = value
    wb.save(path)
    return path


def _people(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Person.name).where(~Person.deleted)))


def test_roster_import_preview_then_skip_invalid(qtbot, window, ui_street_db: Database,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    path = _filled_template(ui_street_db, tmp_path / "人员名单.xlsx")
    dialog = window.data_menu.import_roster()
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)
    report = dialog.report
    assert report is not None, dialog.error.text()
    assert (report.count("new"), report.count("invalid")) == (2, 1)
    bad = report.invalid[0]
    assert bad.label == "错号码" and "身份证" in bad.reason
    assert not dialog.import_button.isEnabled()
    assert _people(ui_street_db) == set()

    rejected = dialog.write_rejected_to(tmp_path / "有误的行.xlsx")
    assert rejected is not None
    cells = [c.value for row in load_workbook(rejected).worksheets[0].iter_rows() for c in row]
    assert "错号码" in cells and "温如玉" not in cells

    dialog.skip_invalid.setChecked(True)
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)
    assert dialog.report.status == "applied"
    assert _people(ui_street_db) == {"温如玉", "柏青山"}
    people_page = window.pages[0]
    people_page.load_if_stale()
    assert people_page.model.rowCount() == 2  # the page refreshed from the import's changes


def test_template_export_and_statistics_from_the_menu(qtbot, window, ui_street_db: Database,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    from yanqun_desktop.services.people import save_person
    from yanqun_desktop.ui.exports import export_to

    save_person(ui_street_db, Actor(OPERATOR, "admin", STREET),
                {"name": "柏青山", "id_card": id_card(1979, 33, "男"), "mobile": "13800138000"})
    written: list[Path] = []
    menu = window.data_menu

    def run(path: Path, write: Any) -> None:
        task = export_to(window, "测试", path, write, written.append)
        _wait_task(qtbot, task)

    from yanqun_desktop.reports.roster_workbook import export_roster, write_roster_template
    from yanqun_desktop.reports.stats_workbook import write_stats_workbook
    from yanqun_desktop.services.statistics import compute_statistics

    run(tmp_path / "模板.xlsx", lambda p: write_roster_template(ui_street_db, menu.ctx.actor(), "people", p))
    run(tmp_path / "名单.xlsx", lambda p: export_roster(ui_street_db, menu.ctx.actor(), p))
    run(tmp_path / "统计.xlsx", lambda p: write_stats_workbook(compute_statistics(ui_street_db), p))
    assert written == [tmp_path / "模板.xlsx", tmp_path / "名单.xlsx", tmp_path / "统计.xlsx"]
    roster_cells = [c.value for row in load_workbook(tmp_path / "名单.xlsx").worksheets[0].iter_rows() for c in row]
    assert "柏青山" in roster_cells
    assert "13800138000" not in roster_cells  # phones masked unless asked for
    assert "总览" in load_workbook(tmp_path / "统计.xlsx").sheetnames


def test_a_failed_export_says_which_file(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from yanqun_desktop.ui.exports import export_to

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))

    def fail(_path: Path) -> None:
        raise PermissionError(13, "拒绝访问")

    _wait_task(qtbot, export_to(window, "测试", tmp_path / "名单.xlsx", fail))
    assert warnings and "名单.xlsx" in warnings[0] and "拒绝访问" in warnings[0]


def test_a_file_changed_after_the_preview_is_previewed_again(qtbot, window, ui_street_db: Database,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    import os

    path = _filled_template(ui_street_db, tmp_path / "人员名单.xlsx")
    dialog = window.data_menu.import_roster()
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)
    dialog.skip_invalid.setChecked(True)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # saved again in Excel
    assert dialog.apply() is not None  # a new preview, not the import
    assert "改动" in dialog.error.text()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)
    assert dialog.report.status == "dry-run"
    assert _people(ui_street_db) == set()  # nothing imported from a file nobody previewed


def test_full_numbers_only_when_asked_and_recorded(qtbot, window, ui_street_db: Database, tmp_path: Path,
                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from yanqun_desktop.db.models import AuditOperation
    from yanqun_desktop.services.people import save_person
    from yanqun_desktop.ui import data_menu, exports

    card = id_card(1979, 34, "男")
    save_person(ui_street_db, Actor(OPERATOR, "admin", STREET), {"name": "柏全号", "id_card": card})
    menu = window.data_menu
    target = tmp_path / "完整.xlsx"
    written: list[Path] = []
    monkeypatch.setattr(data_menu, "export_file",
                        lambda parent, title, _name, _filter, write: exports.export_to(parent, title, target, write,
                                                                                        written.append))
    monkeypatch.setattr(menu, "ask_full_numbers", lambda: True)  # the clerk chose 完整号码
    _wait_task(qtbot, menu.export_roster("people", "人员"))
    assert written == [target]
    cells = [c.value for row in load_workbook(target).worksheets[0].iter_rows() for c in row]
    assert card in cells
    with ui_street_db.session() as s:
        summary = s.scalar(select(AuditOperation.summary).where(AuditOperation.operation == "personal.export"))
    assert summary is not None and "完整.xlsx" in summary

    monkeypatch.setattr(menu, "ask_full_numbers", lambda: None)  # cancelled: nothing written
    target.unlink()
    assert menu.export_roster("people", "人员") is None and not target.exists()
