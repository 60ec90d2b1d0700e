"""A form opened before someone else saved the same record does not overwrite their change:
the save is refused with the service's message, and the form stays open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from ui_helpers import add_people

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person


def test_person_form_refuses_to_overwrite_a_newer_save(  # type: ignore[no-untyped-def]
    qtbot, window, ui_street_db: Database, street_actor: Actor, monkeypatch
) -> None:
    [pid] = add_people(ui_street_db, street_actor, ["周立"])
    page = window.pages[0]
    page.refresh()
    page.select_id(pid)
    dialog = page.edit_person()
    assert dialog is not None and dialog.fields["name"].get() == "周立"

    # Meanwhile another clerk (another PC on the district's server, another window) saves.
    save_person(ui_street_db, Actor("李晓明", "admin", street_actor.org_code), {"note": "李晓明的修改"}, pid)

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: told.append(text))
    dialog.fields["note"].set("我的修改")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(told) == 1 and "这条人员记录已被其他人修改" in told[0] and "李晓明" in told[0]
    with ui_street_db.session() as s:
        assert s.get(Person, pid).note == "李晓明的修改"

    # Reopened, the form shows their change and saves.
    dialog.reject()
    again = page.edit_person()
    assert again is not None and again.fields["note"].get() == "李晓明的修改"
    again.fields["note"].set("我的修改")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.result() == QDialog.DialogCode.Accepted
    with ui_street_db.session() as s:
        assert s.get(Person, pid).note == "我的修改"
