"""Honours of a person, the case detail (people and honours) and the 两委换届 dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select
from ui_helpers import add_people, type_text

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import CasePerson, CommitteeMember, CommitteeTerm, Honour
from yanqun_desktop.services.activities import community_choices, save_case
from yanqun_desktop.services.actor import Actor


def _pick(qtbot, picker, name: str) -> None:  # type: ignore[no-untyped-def]
    picker.search.clear()
    type_text(qtbot, picker.search, name)
    picker.run_search()
    picker.results.setCurrentRow(0)
    assert picker.person_id is not None


def test_honour_added_to_a_person(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    (person_id,) = add_people(ui_street_db, street_actor, ["张三"])
    page = window.pages[0]
    page.refresh()
    page.select_id(person_id)
    assessments = page.assessments()
    assert assessments is not None and assessments.kind == "studio"
    assessments.close()
    dialog = page.honours()
    assert dialog.table.rowCount() == 0
    form = dialog.add_honour()
    type_text(qtbot, form.fields["title"].widget, "优秀社区工作者")
    form.fields["level"].set("区级")
    form.fields["awarded_on"].set("2023-12-01")
    type_text(qtbot, form.fields["awarded_by"].widget, "南山区委组织部")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted, form.general_error.text()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "区级"
    with ui_street_db.session() as s:
        honour = s.scalar(select(Honour))
        assert honour is not None and honour.person_id == person_id and honour.level == "district"
        assert honour.title == "优秀社区工作者" and honour.case_id is None
    dialog.close()


def test_case_people_and_honour(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    person_ids = add_people(ui_street_db, street_actor, ["李四", "王五"])
    case_id = save_case(ui_street_db, street_actor, {"title": "楼道微更新", "year": "2023"}).id
    page = window.pages[6]
    page.refresh()
    page.select_id(case_id)
    detail = page.case_details()
    assert detail is not None and detail.people.rowCount() == 0
    people = detail.edit_people()
    _pick(qtbot, people.picker, "李四")
    type_text(qtbot, people.role, "牵头人")
    people.add_picked()
    _pick(qtbot, people.picker, "王五")
    people.role.clear()
    people.add_picked()
    assert people.table.rowCount() == 2
    assert people.save() is not None, people.error.text()
    assert detail.people.rowCount() == 2
    with ui_street_db.session() as s:
        rows = {r.person_id: r.role for r in s.scalars(select(CasePerson).where(CasePerson.case_id == case_id))}
    assert rows == {person_ids[0]: "牵头人", person_ids[1]: None}

    form = detail.add_honour()
    type_text(qtbot, form.fields["title"].widget, "优秀治理案例")
    form.fields["level"].set("市级")
    form.save()
    assert form.result_saved is not None, form.general_error.text()
    assert detail.honours.rowCount() == 1
    with ui_street_db.session() as s:
        honour = s.scalar(select(Honour))
        assert honour is not None and honour.case_id == case_id and honour.person_id is None
    detail.close()


def test_committee_term_and_member(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    (person_id,) = add_people(ui_street_db, street_actor, ["赵六"])
    communities = community_choices(ui_street_db)
    assert communities
    dialog = window.pages[0].committee()
    assert not dialog.member_box.isEnabled()
    assert dialog.save_term() is None and dialog.term_error.text()  # the date is required
    dialog.election_date.setText("2021-05-03")
    type_text(qtbot, dialog.label, "第七届")
    assert dialog.save_term() is not None, dialog.term_error.text()
    assert dialog.member_box.isEnabled()
    _pick(qtbot, dialog.picker, "赵六")
    dialog.body.setCurrentIndex(dialog.body.findData("party_committee"))
    dialog.role.setCurrentIndex(dialog.role.findData("secretary"))
    assert dialog.add_member() is not None, dialog.member_error.text()
    assert dialog.members.rowCount() == 1 and dialog.members.item(0, 0).text() == "赵六"
    with ui_street_db.session() as s:
        term = s.scalar(select(CommitteeTerm))
        assert term is not None and term.community_id == communities[0][0] and term.label == "第七届"
        member = s.scalar(select(CommitteeMember))
        assert member is not None and member.term_id == term.id and member.person_id == person_id
        assert (member.body, member.role) == ("party_committee", "secretary")
    # the community's recorded terms are listed, with their members
    assert dialog.recorded.rowCount() == 1 and dialog.recorded.item(0, 0).text() == "第七届"
    assert dialog.recorded.item(0, 2).text() == "赵六（社区党委·书记）"
    # a term recorded by mistake is withdrawn with its members
    dialog.recorded.selectRow(0)
    assert dialog.delete_term(confirm=False) is not None
    assert dialog.recorded.rowCount() == 0 and dialog.term_id is None and dialog.term_button.isEnabled()
    with ui_street_db.session() as s:
        assert s.scalar(select(CommitteeTerm)).deleted and s.scalar(select(CommitteeMember)).deleted
    dialog.close()
