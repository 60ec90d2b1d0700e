"""The person form: typing, live validation next to the field, save through the service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from sqlalchemy import func, select
from ui_helpers import OPERATOR, id_card, type_text

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation, Person
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person


def _type(qtbot, dialog, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = dialog.fields[key].widget
    target = widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget
    type_text(qtbot, target, text)


def test_add_person_through_the_form(qtbot, window, ui_street_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = window.pages[0]
    dialog = page.add_person()
    assert dialog.windowTitle() == "新增人员"
    _type(qtbot, dialog, "name", "张三")
    _type(qtbot, dialog, "id_card", id_card(1980, 7, "男"))
    _type(qtbot, dialog, "phone", "13800138000")
    _type(qtbot, dialog, "education", "本科")  # a short form; the service normalises it
    _type(qtbot, dialog, "community", "花果山社区")
    assert dialog.fields["birth_date"].get() == "1980-03-12"  # filled from the ID number
    assert dialog.fields["gender"].get() == "男"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    with ui_street_db.session() as s:
        person = s.scalar(select(Person).where(Person.name == "张三"))
        assert person is not None
        assert person.education == "大学本科" and person.phone == "13800138000"
        assert person.community is not None and person.community.name == "花果山社区"
        op = s.scalar(select(AuditOperation).where(AuditOperation.operation == "people.create"))
        assert op is not None and op.actor == OPERATOR
    assert page.model.rowCount() == 1
    assert page.selected_values()["name"] == "张三"  # the new row is selected


def test_invalid_id_card_shows_chinese_error_and_writes_nothing(qtbot, window, ui_street_db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = window.pages[0].add_person()
    _type(qtbot, dialog, "name", "李四")
    good = id_card(1985)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    _type(qtbot, dialog, "id_card", bad)  # 18 characters: checked as typed
    assert "身份证号校验位错误" in dialog.error_text("id_card")
    assert dialog.fields["id_card"].error.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    with ui_street_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert s.scalar(select(func.count()).select_from(AuditOperation)) == 0
    # Fixing the number clears the message as the clerk types.
    edit = dialog.fields["id_card"].widget
    assert isinstance(edit, QLineEdit)
    edit.setText(good)
    assert dialog.error_text("id_card") == ""


def test_service_errors_go_next_to_their_field(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    number = id_card(1979)
    save_person(ui_street_db, street_actor, {"name": "王五", "id_card": number})
    dialog = window.pages[0].add_person()
    _type(qtbot, dialog, "name", "赵六")
    _type(qtbot, dialog, "id_card", number)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "已登记在「王五」" in dialog.error_text("id_card")  # duplicate: only the service knows
    with ui_street_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1


def test_enter_moves_to_the_next_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.pages[0].add_person()
    name = dialog.fields["name"].widget
    name.setFocus()
    type_text(qtbot, name, "张三")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter did not save
    focus, gender = dialog.focusWidget(), dialog.fields["gender"].widget
    assert focus is gender or gender.isAncestorOf(focus)  # the gender combo (or its line edit)
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    birth = dialog.fields["birth_date"].widget
    assert dialog.focusWidget() is birth


def test_edit_person_prefills_and_saves(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    saved = save_person(ui_street_db, street_actor, {"name": "张三", "note": "原备注"})
    window.apply_changes(saved.changes)
    page = window.pages[0]
    page.select_id(saved.id)
    dialog = page.edit_person()
    assert dialog.fields["name"].get() == "张三" and dialog.fields["note"].get() == "原备注"
    dialog.fields["note"].set("新备注")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with ui_street_db.session() as s:
        assert s.get(Person, saved.id).note == "新备注"
