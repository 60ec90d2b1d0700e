"""Registry pages: SQL search through the model, lazy blocks, read-only areas, one-click actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from ui_helpers import add_people, type_text

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.registries import PEOPLE
from yanqun_desktop.ui.models.registry_model import RegistryModel


def test_search_zs_finds_zhang_san(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    window.apply_changes(_changes(ui_street_db, street_actor, ["张三", "李四", "王五"]))
    page = window.pages[0]
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.search, "zs")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)  # after the debounce
    assert page.model.values_at(0)["name"] == "张三"
    assert page.count_label.text() == "共 1 条"


def test_model_fetches_blocks_lazily_and_bounded(ui_street_db: Database, street_actor: Actor) -> None:
    add_people(ui_street_db, street_actor, ["张三", "李四", "王五", "赵六", "钱七"])
    model = RegistryModel(ui_street_db, PEOPLE)
    model.BLOCK, model.MAX_BLOCKS = 2, 2
    model.refresh()
    assert model.rowCount() == 5 and model.fetches == 0  # ids only, no rows yet
    assert model.data(model.index(0, 0)) == "李四"  # pinyin order: li, qian, wang, zhang, zhao
    assert model.fetches == 1 and model.cached_rows == 2
    model.data(model.index(1, 0))
    assert model.fetches == 1  # same block
    model.data(model.index(4, 0))
    model.data(model.index(2, 0))
    assert model.fetches == 3 and model.cached_rows <= 4  # bounded: the oldest block was dropped
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "赵六"


def test_tutor_pool_is_read_only_at_a_street(window) -> None:  # type: ignore[no-untyped-def]
    tutors = window.pages[1]
    for name in ("add", "edit", "retire"):
        button = tutors.findChild(QPushButton, name)
        assert not button.isEnabled()
        assert "区委组织部维护" in button.toolTip()
    recommend = tutors.findChild(QPushButton, "recommend")
    assert recommend.isEnabled() and recommend.text() == "推荐师资…"
    camp = window.pages[3]
    assert not camp.findChild(QPushButton, "add").isEnabled()
    assert "区级举办" in camp.findChild(QPushButton, "add").toolTip()


def test_retire_and_show_retired(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    window.apply_changes(_changes(ui_street_db, street_actor, ["张三"]))
    page = window.pages[0]
    page.table.selectRow(0)
    dialog = page.retire()
    type_text(qtbot, dialog.fields["reason"].widget, "调离")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0  # retired people leave the active list
    assert page.empty_label.isVisibleTo(page)
    page.show_retired.setChecked(True)
    assert page.model.rowCount() == 1 and page.model.values_at(0)["status"] == "退出"
    page.table.selectRow(0)
    assert page.findChild(QPushButton, "reinstate").isEnabled()
    assert not page.findChild(QPushButton, "retire").isEnabled()


def _changes(db: Database, actor: Actor, names: list[str]):  # type: ignore[no-untyped-def]
    from yanqun_desktop.services.uow import Changes

    add_people(db, actor, names)
    return Changes(frozenset({"people"}))


def test_delete_after_confirmation(qtbot, window, ui_street_db: Database, street_actor: Actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.services.activities import save_topic

    saved = save_topic(ui_street_db, street_actor, {"year": 2022, "title": "文明养犬"})
    window.nav.setCurrentRow(4)
    page = window.pages[4]
    window.apply_changes(saved.changes)
    page.select_id(saved.id)
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or True)
    page.findChild(QPushButton, "delete").click()
    assert asked == ["确定删除「文明养犬」吗？"]
    assert page.model.rowCount() == 0
