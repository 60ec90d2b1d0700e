"""The main window in Chinese: navigation, title, menus, status bar, refresh on changes."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from ui_helpers import OPERATOR, add_people, open_db

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.ui.app import build_main_window, selftest_window
from yanqun_desktop.ui.pages.registry_page import RegistryPage

NAV = ["工作室学员", "师资库", "人才储备库", "青训营", "微改革课题", "课程活动", "治理案例", "统计概览", "同步中心",
       "操作日志"]


def test_chinese_labels(window) -> None:  # type: ignore[no-untyped-def]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV
    assert window.windowTitle() == "雁群 — 招商街道"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "数据(&D)", "帮助(&H)"]
    people = window.pages[0]
    assert people.search.placeholderText() == "按姓名、拼音首字母或身份证号搜索"
    assert people.show_retired.text() == "显示已退出"
    buttons = [b.text() for b in people.findChildren(QPushButton)]
    assert "新增" in buttons and "编辑" in buttons
    assert people.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    # 当前用户：王小红（管理员）: with nobody signed in, the operator acts as the administrator
    assert OPERATOR in window.operator_label.text() and "管理员" in window.operator_label.text()


def test_demo_database_is_marked(qtbot, ui_street_db: Database, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    ui_street_db.set_meta(demo="1")
    w = build_main_window(ui_street_db, settings)
    qtbot.addWidget(w)
    assert w.windowTitle() == "雁群 — 招商街道 【演示数据】"
    assert w.demo_action.isEnabled()


def test_demo_action_disabled_for_a_real_database(window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    assert window.demo_action.isEnabled()  # empty: allowed
    saved = save_person(ui_street_db, street_actor, {"name": "张三"})
    window.apply_changes(saved.changes)
    assert not window.demo_action.isEnabled()
    assert "演示" in window.demo_action.toolTip()


def test_changes_refresh_only_touched_pages(window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    registries = [page for page in window.pages if isinstance(page, RegistryPage)]
    resets = {page.spec.key: 0 for page in registries}
    for page in registries:
        page.model.modelReset.connect(lambda key=page.spec.key: resets.__setitem__(key, resets[key] + 1))
    saved = save_person(ui_street_db, street_actor, {"name": "张三"})
    window.apply_changes(saved.changes)
    assert resets["people"] == 1  # visible: refreshed at once
    assert resets["tutors"] == 0 and resets["sessions"] == 0 and resets["cases"] == 0
    assert window.pages[0].model.rowCount() == 1
    window.nav.setCurrentRow(2)  # the reserve page was marked stale; it refreshes when shown
    assert resets["reserve"] == 1


def test_district_window(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    db = open_db(tmp_path, "nanshan-district")
    try:
        w = build_main_window(db, settings)
        qtbot.addWidget(w)
        assert w.windowTitle() == "雁群 — 南山区"
        people, tutors = w.pages[0], w.pages[1]
        assert people.findChild(QPushButton, "add").isEnabled()  # with the person's street
        assert tutors.findChild(QPushButton, "add").isEnabled()
        assert tutors.findChild(QPushButton, "recommend") is None
        assert tutors.findChild(QPushButton, "recommendations").text() == "街道推荐…"
    finally:
        db.dispose()


def test_selftest_renders(ui_street_db: Database, settings: Settings, street_actor: Actor) -> None:
    add_people(ui_street_db, street_actor, ["张三", "李四"])
    assert selftest_window(ui_street_db, settings) == "雁群 — 招商街道"


def test_generate_demo_runs_off_the_ui_thread(qtbot, window, ui_street_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading
    import types

    calls: list[dict[str, object]] = []

    def generate_demo(db, *, actor_name, org_code, progress=None, **_kw):  # type: ignore[no-untyped-def]
        calls.append({"thread": threading.current_thread() is threading.main_thread(), "actor": actor_name,
                      "org": org_code})
        progress("人员", 0.5)
        save_person(db, Actor(actor_name, "admin", org_code), {"name": "演示甲"})
        db.set_meta(demo="1")
        return None

    fake = types.ModuleType("yanqun_desktop.services.demo")
    fake.generate_demo = generate_demo  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "yanqun_desktop.services.demo", fake)
    task = window.generate_demo()
    assert task is not None and not window.demo_action.isEnabled()  # one run at a time
    qtbot.waitUntil(lambda: window.task is None, timeout=5000)
    assert calls == [{"thread": False, "actor": OPERATOR, "org": "zhaoshang"}]
    assert window.windowTitle().endswith("【演示数据】")
    assert window.pages[0].model.rowCount() == 1  # pages refreshed after the generation
