"""备份与恢复 from the File menu: a backup now into a chosen folder, the list, a restore with its
preview that replaces the database and starts the app again; the quiet daily backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from ui_helpers import OPERATOR

from yanqun_desktop.config import Settings, load_settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.ui.app import build_main_window
from yanqun_desktop.ui.dialogs.backup_dialog import BackupDialog


def test_backup_now_list_and_restore(qtbot, ui_street_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    actor = Actor(OPERATOR, "admin", "zhaoshang")
    save_person(ui_street_db, actor, {"name": "恢复前甲"})
    window = build_main_window(ui_street_db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    restarted: list[bool] = []
    dialog = BackupDialog(window.ctx, lambda: restarted.append(True), window)
    qtbot.addWidget(dialog)
    dialog.set_folder(tmp_path / "drive-d")
    assert load_settings().backup_dir == str(tmp_path / "drive-d")
    dialog.back_up()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "手动"
    path = dialog.backups[0].path
    save_person(ui_street_db, actor, {"name": "恢复前乙"})

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    db_path = ui_street_db.path
    assert dialog.restore(path)
    assert "人员：1" in asked[0] and restarted == [True]
    with sqlite3.connect(db_path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM people WHERE deleted = 0")] == ["恢复前甲"]
    assert len(list((tmp_path / "drive-d").glob("*before-restore*.yqbak"))) == 1


def test_a_refused_backup_is_explained(qtbot, ui_street_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = build_main_window(ui_street_db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    bad = tmp_path / "bad.yqbak"
    bad.write_bytes(b"not a backup")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    dialog = BackupDialog(window.ctx, lambda: None, window)
    qtbot.addWidget(dialog)
    assert not dialog.restore(bad, confirm=False)
    assert "bad.yqbak" in warned[0] and "不是雁群备份文件" in warned[0]


def test_daily_backup_runs_quietly_once(qtbot, ui_street_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings()
    settings.backup_dir = str(tmp_path / "daily")
    from yanqun_desktop.config import save_settings

    save_settings(settings)
    window = build_main_window(ui_street_db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    task = window.scheduled_backup()
    assert task is not None and task.quiet
    qtbot.waitUntil(lambda: window.task is None, timeout=20000)
    assert len(list((tmp_path / "daily").glob("*-scheduled.yqbak"))) == 1
    assert "已备份" in window.statusBar().currentMessage()
    assert window.scheduled_backup() is None  # not due again today


def test_check_database_from_the_menu_repairs_after_a_backup(  # type: ignore[no-untyped-def]
    qtbot, ui_street_db: Database, tmp_path: Path
) -> None:
    from yanqun_desktop.config import save_settings

    settings = load_settings()
    settings.backup_dir = str(tmp_path / "b")
    save_settings(settings)
    pid = save_person(ui_street_db, Actor(OPERATOR, "admin", "zhaoshang"), {"name": "检查乙"}).id
    conn = sqlite3.connect(ui_street_db.path)
    conn.execute("UPDATE people SET owner = '' WHERE id = ?", (pid,))
    conn.commit()
    conn.close()
    window = build_main_window(ui_street_db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    dialog = window.open_check()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert "1" in dialog.summary.text() and dialog.repair_button.isEnabled()
    assert "同步字段缺失" in dialog.details.toPlainText()
    dialog.repair()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert not dialog.repair_button.isEnabled() and "未发现问题" in dialog.summary.text()
    assert "修复前已备份" in dialog.details.toPlainText()
    assert len(list((tmp_path / "b").glob("*before-repair*.yqbak"))) == 1
