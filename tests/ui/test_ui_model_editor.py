"""能力素质模型: the district edits (a used model becomes a new version), a street only views."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem
from ui_helpers import OPERATOR

from yanqun_desktop.config import Settings
from yanqun_desktop.services.competency_models import model_versions, model_view
from yanqun_desktop.ui.app import build_main_window
from yanqun_desktop.ui.dialogs.model_dialog import ModelDialog


def _find(dialog: ModelDialog, code: str) -> QTreeWidgetItem:
    stack = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item.text(1) == code:
            return item
        stack.extend(item.child(i) for i in range(item.childCount()))
    raise AssertionError(code)


def _open(qtbot, db) -> ModelDialog:  # type: ignore[no-untyped-def]
    window = build_main_window(db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    window.show()
    assert window.model_action.text() == "能力素质模型(&M)…"
    assert window.model_action.isEnabled()
    window.model_action.trigger()
    dialog = window.findChild(ModelDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_district_edit_of_a_used_model_makes_a_new_version(qtbot, ui_district_db) -> None:  # type: ignore[no-untyped-def]
    db = ui_district_db
    [v1] = model_versions(db, "studio")
    assert v1.is_sample and v1.frozen
    dialog = _open(qtbot, db)
    assert dialog.kind.currentData() == "studio"
    assert dialog.version_list.item(0).text() == "第1版，示例，已使用/冻结"
    assert dialog.save_button.isEnabled()
    item = _find(dialog, "1.1.1")
    assert item.text(0) == "理论学习"
    item.setText(0, "理论武装")
    dialog.tree.setCurrentItem(item)
    assert dialog.add_item_button.isEnabled() and dialog.add_indicator_button.isEnabled()
    dialog.grab().save("/tmp/yq5_model.png")
    dialog.save_button.click()
    assert dialog.status.text() == "已生成第2版：原版本已被使用，保持不变"

    versions = model_versions(db, "studio")
    assert [v.version_no for v in versions] == [2, 1]
    new, old = model_view(db, versions[0].id), model_view(db, versions[1].id)
    assert old.id == v1.id
    assert next(n.name for n in old.nodes if n.code == "1.1.1") == "理论学习"
    assert next(n.name for n in new.nodes if n.code == "1.1.1") == "理论武装"
    assert len(new.nodes) == len(old.nodes)
    assert dialog.version_list.currentRow() == 0 and dialog.model is not None and dialog.model.id == new.id
    assert _find(dialog, "1.1.1").text(0) == "理论武装"

    # The new version is not used yet: a further edit (an added item) goes into it in place.
    dialog.tree.setCurrentItem(_find(dialog, "1.1"))
    added = dialog.add_item()
    assert added is not None and added.text(1) == "1.1.5"
    added.setText(0, "学习笔记")
    dialog.save_button.click()
    assert dialog.status.text() == "已保存。"
    assert [v.version_no for v in model_versions(db, "studio")] == [2, 1]
    assert any(n.name == "学习笔记" and n.max_score == 5.0 for n in model_view(db, new.id).nodes)
    dialog.version_list.setCurrentRow(1)
    assert not dialog.save_button.isEnabled()  # an older version is only viewed


def test_street_views_the_model_read_only(qtbot, ui_street_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, ui_street_db)
    assert dialog.tree.topLevelItemCount() > 0
    assert not dialog.save_button.isEnabled()
    assert not dialog.add_module_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert "区" in dialog.save_button.toolTip()
