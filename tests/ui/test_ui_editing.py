"""Editing through the forms (values prefilled from the services' ``*_form_values``), the
session's cohorts and tutors, and the district taking a street's tutor recommendation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from sqlalchemy import select
from ui_helpers import add_people, type_text

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Enrolment, ReserveEntry, SessionCohort, SessionTutor, Tutor
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.programmes import (
    save_cohort,
    save_enrolment,
    save_recommendation,
    save_reserve,
    save_tutor,
)
from yanqun_desktop.ui.app import build_main_window

DISTRICT = Actor("区组织部", "district_admin", "nanshan-district")
STREET_CLERK = Actor("街道", "admin", "zhaoshang")  # writes as the street would (like an import)


def _save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()


def _district_window(qtbot, db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    w = build_main_window(db, settings)
    qtbot.addWidget(w)
    w.show()
    return w


def _tutor(db: Database, name: str, organisation: str = "") -> str:
    return save_tutor(db, DISTRICT, {"name": name, "school": "理论派", "nomination": "自荐",
                                     "organisation": organisation}).id


def test_district_edits_a_tutor(qtbot, ui_district_db: Database, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    tutor_id = _tutor(ui_district_db, "陈教授", "深圳大学")
    w = _district_window(qtbot, ui_district_db, settings)
    w.nav.setCurrentRow(1)
    page = w.pages[1]
    page.select_id(tutor_id)
    assert page.findChild(QPushButton, "edit").isEnabled()
    dialog = page.edit_tutor()
    assert dialog.windowTitle() == "修改师资"
    assert dialog.fields["organisation"].get() == "深圳大学" and dialog.fields["school"].get() == "理论派"
    dialog.fields["organisation"].set("中山大学")
    dialog.fields["vetting"].set("考察中")
    _save(qtbot, dialog)
    with ui_district_db.session() as s:
        tutor = s.get(Tutor, tutor_id)
        assert (tutor.organisation, tutor.vetting, tutor.school) == ("中山大学", "vetting", "theory")
    assert page.model.values_at(0)["organisation"] == "中山大学"


def test_edit_session_cohorts_and_tutors(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    first = save_cohort(ui_street_db, street_actor, {"kind": "studio", "number": 1}).id
    second = save_cohort(ui_street_db, street_actor, {"kind": "studio", "number": 2}).id
    chen, li = _tutor(ui_street_db, "陈教授"), _tutor(ui_street_db, "李四", "南山区委党校")  # the district's pool
    saved = save_session(ui_street_db, street_actor, {"title": "社区治理概论", "kind": "通识课程", "date": "2024-05-10",
                                                      "cohort_ids": [first], "tutor_ids": [chen]})
    window.nav.setCurrentRow(5)
    page = window.pages[5]
    page.refresh()  # written behind the window's back
    page.select_id(saved.id)
    dialog = page.edit_session()
    assert dialog.windowTitle() == "修改课程活动" and dialog.fields["title"].get() == "社区治理概论"
    assert dialog.cohorts.checked_ids() == [first] and dialog.tutors.checked_ids() == [chen]
    dialog.cohorts.set_checked([second])
    type_text(qtbot, dialog.tutors.search, "ls")  # pinyin initials of 李四, as on the pages
    dialog.tutors.apply_search()
    assert dialog.tutors.visible_labels() == ["李四 · 南山区委党校"]
    dialog.tutors.item_of(li).setCheckState(Qt.CheckState.Checked)
    assert dialog.tutors.checked_ids() == [chen, li]  # 陈教授, filtered out of view, stays ticked
    assert "李四" in dialog.tutors.summary.text()
    _save(qtbot, dialog)
    with ui_street_db.session() as s:
        cohorts = {c.cohort_id: c.deleted for c in s.scalars(select(SessionCohort))}
        tutors = {t.tutor_id for t in s.scalars(select(SessionTutor).where(~SessionTutor.deleted))}
    assert cohorts == {first: True, second: False} and tutors == {chen, li}
    assert "第二期" in page.model.values_at(0)["cohorts"]


def test_district_takes_a_recommendation_from_the_dialog(qtbot, ui_district_db: Database, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    rec = save_recommendation(ui_district_db, STREET_CLERK, {"name": "陈教授", "organisation": "深圳大学",
                                                             "school": "理论派", "reason": "长期研究基层治理"}).id
    w = _district_window(qtbot, ui_district_db, settings)
    w.nav.setCurrentRow(1)
    tutors = w.pages[1]
    button = tutors.findChild(QPushButton, "recommendations")
    assert button.text() == "街道推荐…"
    recommendations = tutors.show_recommendations()
    page = recommendations.page
    assert recommendations.windowTitle() == "街道推荐师资" and page.scope.currentText() == "待处理"
    assert page.model.rowCount() == 1 and page.model.values_at(0)["street"] == "招商街道"
    accept = page.findChild(QPushButton, "accept")
    assert accept.text() == "纳入师资库…" and not accept.isEnabled()
    page.table.selectRow(0)
    assert accept.isEnabled()
    dialog = page.accept_selected()
    assert dialog.windowTitle() == "纳入师资库"
    assert (dialog.fields["name"].get(), dialog.fields["organisation"].get(), dialog.fields["school"].get(),
            dialog.fields["nomination"].get(), dialog.fields["recommended_by"].get()) == (
        "陈教授", "深圳大学", "理论派", "推荐", "招商街道")
    assert "长期研究基层治理" in dialog.fields["note"].get()
    _save(qtbot, dialog)
    with ui_district_db.session() as s:
        tutor = s.scalar(select(Tutor))
        assert tutor is not None and tutor.recommendation_id == rec and tutor.recommended_by == "招商街道"
    assert page.model.rowCount() == 0  # no longer open
    page.scope.setCurrentIndex(page.scope.findData("done"))
    assert page.model.values_at(0)["state"] == "已纳入师资库" and not accept.isEnabled()
    assert tutors.model.rowCount() == 1  # the tutor page refreshed too


def test_street_sees_its_recommendations_read_only(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    save_recommendation(ui_street_db, street_actor, {"name": "陈教授", "reason": "长期研究基层治理"})
    tutors = window.pages[1]
    assert tutors.findChild(QPushButton, "recommendations").text() == "我的推荐…"
    dialog = tutors.show_recommendations()
    assert dialog.windowTitle() == "我的推荐师资"
    assert dialog.page.model.values_at(0)["state"] == "待处理"
    assert dialog.page.findChild(QPushButton, "accept") is None


def test_edit_and_withdraw_a_reserve_entry(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    (person,) = add_people(ui_street_db, street_actor, ["张三"])
    entry = save_reserve(ui_street_db, street_actor, {"person_id": person, "target_role": "社区党委书记",
                                                      "note": "原备注"}).id
    window.nav.setCurrentRow(2)
    page = window.pages[2]
    page.refresh()
    page.select_id(entry)
    dialog = page.edit_entry()
    assert dialog.windowTitle() == "修改储备人选" and dialog.picker is None  # the person is fixed
    assert dialog.fields["status"].get() == "储备中" and dialog.fields["note"].get() == "原备注"
    dialog.fields["status"].set("已使用")
    _save(qtbot, dialog)
    with ui_street_db.session() as s:
        assert s.get(ReserveEntry, entry).status == "used"
    page.confirm = lambda _text: True  # type: ignore[method-assign]
    page.withdraw()
    with ui_street_db.session() as s:
        saved = s.get(ReserveEntry, entry)
        assert (saved.status, saved.target_role, saved.note) == ("withdrawn", "party_secretary", "原备注")


def test_district_edits_a_camp_enrolment(qtbot, ui_district_db: Database, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    (person,) = add_people(ui_district_db, STREET_CLERK, ["张三"])
    camp = save_cohort(ui_district_db, DISTRICT, {"kind": "camp", "number": 2024}).id
    enrolment = save_enrolment(ui_district_db, DISTRICT, {"cohort_id": camp, "person_id": person,
                                                          "talent_kind": "楼栋长"}).id
    w = _district_window(qtbot, ui_district_db, settings)
    w.nav.setCurrentRow(3)
    page = w.pages[3]
    page.select_id(enrolment)
    dialog = page.edit_trainee()
    assert dialog.windowTitle() == "修改青训营学员" and "person_id" not in dialog.fields
    dialog.fields["camp_stage"].set("育苗特训")
    dialog.fields["left_on"].set("2025-01-15")
    _save(qtbot, dialog)
    with ui_district_db.session() as s:
        row = s.get(Enrolment, enrolment)
        assert (row.camp_stage, row.left_on.isoformat()) == ("seedling", "2025-01-15")
        assert row.talent_kind == "building_leader"  # not in the form: sent back unchanged
