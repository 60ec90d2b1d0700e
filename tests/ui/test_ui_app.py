"""Bootstrap pieces: first run, settings, background work with a late progress dialog."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from ui_helpers import type_text

from yanqun_desktop.config import load_settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.ui.app import run_gui
from yanqun_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from yanqun_desktop.ui.main_window import MainWindow
from yanqun_desktop.ui.operations import run_task
from yanqun_desktop.ui.qt_app import APP_QM, ensure_app


def test_translation_catalogue_is_installed(qapp) -> None:  # type: ignore[no-untyped-def]
    assert APP_QM.exists()
    ensure_app()
    assert QCoreApplication.translate("FormDialog", "Save") == "保存"


def test_first_run_binds_the_database_to_a_street(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    db = Database.open(tmp_path / "new.sqlite", keys_dir=tmp_path / "keys")
    try:
        dialog = FirstRunDialog(db)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "欢迎使用雁群"
        assert dialog.office.count() == 9 and dialog.office.itemText(8) == "南山区（区级）"
        dialog.office.setCurrentIndex(dialog.office.findText("沙河街道"))
        dialog.save()
        assert db.org().code == "shahe"
    finally:
        db.dispose()


def test_settings_dialog_saves_the_operator(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_settings()
    dialog.operator.clear()
    type_text(qtbot, dialog.operator, "李文书")
    save = next(b for b in dialog.findChildren(QPushButton) if b.text() == "保存")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert load_settings().operator_name == "李文书"
    assert window.ctx.actor().name == "李文书"
    assert "李文书" in window.operator_label.text()


def test_settings_dialog_sets_the_database_for_the_next_start(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    dialog = window.open_settings()
    save = next(b for b in dialog.findChildren(QPushButton) if b.text() == "保存")
    dialog.database.setText("mysql://host/db")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "postgresql" in told[-1] and load_settings().db == ""  # refused, nothing saved
    dialog.database.setText(str(tmp_path / "no-such-folder" / "x.sqlite"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "不存在" in told[-1] and load_settings().db == ""
    copy = tmp_path / "copy.sqlite"
    dialog.database.setText(str(copy))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert load_settings().db == str(copy) and "重新启动" in told[-1]
    url = "postgresql+psycopg://clerk@10.0.0.5/yanqun"
    dialog = window.open_settings()
    dialog.database.setText(url)
    qtbot.mouseClick(next(b for b in dialog.findChildren(QPushButton) if b.text() == "保存"), Qt.MouseButton.LeftButton)
    assert load_settings().db == url


def test_background_task_reports_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    results: list[object] = []

    def work(progress):  # type: ignore[no-untyped-def]
        progress("一半", 0.5)
        return 42

    task = run_task(None, "测试", work, results.append, results.append)
    assert not task.dialog.isVisible()  # quick work never flashes a dialog
    qtbot.waitUntil(lambda: results == [42], timeout=3000)


def test_background_task_failure_is_handed_over(qtbot) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    errors: list[Exception] = []

    def work(progress):  # type: ignore[no-untyped-def]
        raise ValueError("坏了")

    run_task(None, "测试", work, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=3000)
    assert str(errors[0]) == "坏了"


def test_run_gui_refuses_a_foreign_database(qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: shown.append(f"{title}|{text}"))
    assert run_gui(path, demo=False) == 1
    assert shown and shown[0].startswith("无法打开数据库|") and "不是雁群数据库" in shown[0]


def test_run_gui_opens_the_demo_database(qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.sqlite"
    db = Database.open(path, keys_dir=tmp_path / "keys")
    initialise(db, "zhaoshang")
    db.set_meta(demo="1")
    save_person(db, Actor("演示", "admin", "zhaoshang"), {"name": "张三"})  # has people: no generation
    db.dispose()
    titles: list[str] = []

    def event_loop(*_args: object) -> int:
        # Stands in for app.exec(): running (and quitting) the real loop inside pytest-qt
        # leaves the application closing, and later tests' timers would never fire.
        titles.extend(w.windowTitle() for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert run_gui(path, demo=True, keys_dir=tmp_path / "keys") == 0
    assert titles == ["雁群 — 招商街道 【演示数据】"]
