"""The people page's extras: positions (任职经历), the photo, and the district's person form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog
from sqlalchemy import select
from ui_helpers import add_people, type_text

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person, Position, Street
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.photos import get_photo
from yanqun_desktop.ui.app import build_main_window


def _save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()


def _select_person(window, db: Database, actor: Actor, name: str = "张三"):  # type: ignore[no-untyped-def]
    (person_id,) = add_people(db, actor, [name])
    page = window.pages[0]
    page.refresh()
    page.select_id(person_id)
    return page, person_id


def test_add_and_end_a_position(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    page, person_id = _select_person(window, ui_street_db, street_actor)
    dialog = page.positions()
    assert dialog.windowTitle() == "任职经历 — 张三" and dialog.empty.isVisibleTo(dialog)
    form = dialog.add_position()
    assert form.windowTitle() == "新增任职"
    type_text(qtbot, form.fields["title"].widget, "社区党委书记")
    type_text(qtbot, form.fields["organisation"].widget, "花果山社区党委")
    form.fields["start_date"].set("2021-05-03")
    _save(qtbot, form)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "现任"
    assert page.selected_values()["title"] == "社区党委书记"  # the page's 现任职务 column followed

    dialog.table.selectRow(0)
    form = dialog.edit_position()
    assert form.fields["title"].get() == "社区党委书记"
    form.fields["end_date"].set("2020-01-01")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("end_date") == "离任日期不能早于任职日期"  # the service's words, by the field
    form.fields["end_date"].set("2024-06-30")
    _save(qtbot, form)
    assert dialog.table.item(0, 3).text() == "2024-06-30" and dialog.table.item(0, 4).text() == "已离任"
    with ui_street_db.session() as s:
        position = s.scalar(select(Position))
        assert position is not None and position.person_id == person_id
        assert position.end_date is not None and position.organisation == "花果山社区党委"
    assert page.selected_values()["title"] == ""  # no current position any more


def test_set_and_remove_a_photo(qtbot, window, ui_street_db: Database, street_actor: Actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, person_id = _select_person(window, ui_street_db, street_actor)
    dialog = page.photo()
    assert dialog.windowTitle() == "照片 — 张三" and dialog.preview.text() == "暂无照片"
    assert not dialog.remove_button.isEnabled()
    not_an_image = tmp_path / "photo.png"
    not_an_image.write_text("not an image")
    assert dialog.set_from_file(not_an_image) is None
    assert dialog.error.text() == "照片须为 JPG 或 PNG 图片"  # the service's check, shown in the dialog
    image = QImage(30, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    png = tmp_path / "zhangsan.png"
    assert image.save(str(png), "PNG")
    assert dialog.set_from_file(png) is not None
    assert not dialog.error.isVisibleTo(dialog) and not dialog.preview.pixmap().isNull()
    stored = get_photo(ui_street_db, person_id)
    assert stored is not None and stored[1] == "image/png" and stored[0] == png.read_bytes()
    dialog.confirm = lambda _text: True  # type: ignore[method-assign]
    dialog.remove()
    assert get_photo(ui_street_db, person_id) is None and dialog.preview.text() == "暂无照片"


def test_district_person_form_with_a_street(qtbot, ui_district_db: Database, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    w = build_main_window(ui_district_db, settings)
    qtbot.addWidget(w)
    w.show()
    page = w.pages[0]
    dialog = page.add_person()
    street = dialog.fields["street"].widget
    assert street.itemText(0) == "" and "招商街道" in [street.itemText(i) for i in range(street.count())]
    type_text(qtbot, dialog.fields["name"].widget, "张三")
    type_text(qtbot, dialog.community.lineEdit(), "花果山社区")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_text("street") == "此项为必填项"
    street.setCurrentIndex(street.findText("招商街道"))
    _save(qtbot, dialog)
    with ui_district_db.session() as s:
        person = s.scalar(select(Person))
        assert person is not None and person.street.code == "zhaoshang"
        assert person.community is not None and person.community.name == "花果山社区"
        assert person.community.street_id == s.scalar(select(Street.id).where(Street.code == "zhaoshang"))
    assert page.model.rowCount() == 1
    edit = page.edit_person()
    assert "street" not in edit.fields  # a person's street does not change by editing
    assert edit.fields["community"].get() == "花果山社区"
