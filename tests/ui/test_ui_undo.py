"""编辑 → 撤销: the operator's last operation is reversed from the menu."""

from __future__ import annotations

from ui_helpers import add_people

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.undo import last_undoable


def test_undo_from_the_menu_reverses_a_person_edit(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    assert not window.undo_action.isEnabled()  # nothing done yet
    [person] = add_people(ui_street_db, street_actor, ["张三"])
    saved = save_person(ui_street_db, street_actor, {"name": "张三丰"}, person)
    window.apply_changes(saved.changes)
    candidate = last_undoable(ui_street_db, street_actor)
    assert candidate is not None and candidate.possible
    assert window.undo_action.isEnabled() and candidate.summary[:10] in window.undo_action.text()
    window.undo_action.trigger()
    with ui_street_db.session() as s:
        assert s.get(Person, person).name == "张三"
    # The undo itself cannot be undone: the action says why.
    assert not window.undo_action.isEnabled() and window.undo_action.toolTip()
