"""The other areas' forms: enrolment with a new cohort, reserve via the person picker,
sessions, topics, cases, a tutor recommendation and the district's camp enrolment."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select
from ui_helpers import add_people, open_db, type_text

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    Cohort,
    Enrolment,
    GovernanceCase,
    ReserveEntry,
    SessionCohort,
    Topic,
    TrainingSession,
    TutorRecommendation,
)
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.programmes import save_cohort
from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.app import build_main_window


def _show(window, row: int):  # type: ignore[no-untyped-def]
    """Go to a page as the clerk would (hidden pages refresh when shown)."""
    window.nav.setCurrentRow(row)
    return window.pages[row]


def _save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()


def test_enrol_with_a_new_cohort(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    add_people(ui_street_db, street_actor, ["张三"])
    page = window.pages[0]
    page.refresh()
    page.table.selectRow(0)
    dialog = page.enrol()
    cohort_dialog = dialog.cohort.new_cohort()
    cohort_dialog.number.setValue(3)
    _save(qtbot, cohort_dialog)
    assert dialog.cohort.combo.currentText() == "招商街道书记工作室第三期"
    _save(qtbot, dialog)
    with ui_street_db.session() as s:
        enrolment = s.scalar(select(Enrolment))
        assert enrolment is not None and enrolment.role == "trainee"
    assert "招商街道书记工作室第三期" in [page.scope.itemText(i) for i in range(page.scope.count())]


def test_reserve_entry_through_the_person_picker(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    person_id, _ = add_people(ui_street_db, street_actor, ["张三", "李四"])
    page = _show(window, 2)
    dialog = page.add_entry()
    qtbot.keyClicks(dialog.picker.search, "zs")
    dialog.picker.run_search()
    assert dialog.picker.results.count() == 1 and dialog.picker.person_id == person_id
    assert "张三" in dialog.picker.choice.text()
    dialog.fields["target_role"].set("社区党委书记")
    _save(qtbot, dialog)
    with ui_street_db.session() as s:
        entry = s.scalar(select(ReserveEntry))
        assert entry is not None and entry.person_id == person_id and entry.target_role == "party_secretary"
    assert page.model.rowCount() == 1


def test_session_with_cohorts(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    cohort = save_cohort(ui_street_db, street_actor, {"kind": "studio", "number": 1})
    page = _show(window, 5)
    dialog = page.add_session()
    type_text(qtbot, dialog.fields["title"].widget, "社区治理概论")
    dialog.fields["kind"].set("通识课程")
    qtbot.keyClicks(dialog.fields["start_time"].widget, "1430")
    dialog.fields["start_time"].widget.editingFinished.emit()
    assert "14:30" in dialog.error_text("start_time")  # the format hint, in Chinese
    dialog.fields["start_time"].set("14:30")
    qtbot.keyClicks(dialog.fields["hours"].widget, "3")
    dialog.cohorts.list.item(0).setCheckState(Qt.CheckState.Checked)
    _save(qtbot, dialog)
    with ui_street_db.session() as s:
        session = s.scalar(select(TrainingSession))
        assert session is not None and session.kind == "course" and session.hours == 3
        link = s.scalar(select(SessionCohort))
        assert link is not None and link.cohort_id == cohort.id
    assert page.model.rowCount() == 1


def test_topic_and_case(qtbot, window, ui_street_db: Database) -> None:  # type: ignore[no-untyped-def]
    topics = _show(window, 4)
    dialog = topics.add_topic()
    type_text(qtbot, dialog.fields["title"].widget, "文明养犬")
    type_text(qtbot, dialog.community.lineEdit(), "花果山社区")
    _save(qtbot, dialog)
    cases = _show(window, 6)
    case_dialog = cases.add_case()
    type_text(qtbot, case_dialog.fields["title"].widget, "花果山社区文明养犬公约")
    case_dialog.topic.setCurrentIndex(1)
    _save(qtbot, case_dialog)
    with ui_street_db.session() as s:
        topic = s.scalar(select(Topic))
        case = s.scalar(select(GovernanceCase))
        assert topic is not None and case is not None and case.topic_id == topic.id
    assert cases.model.values_at(0)["topic"] == "文明养犬"


def test_missing_required_title_is_reported_next_to_the_field(qtbot, window, ui_street_db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = window.pages[4].add_topic()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("title") == "此项为必填项"
    with ui_street_db.session() as s:
        assert s.scalar(select(Topic)) is None


def test_street_recommends_a_tutor(qtbot, window, ui_street_db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = window.pages[1].recommend()
    type_text(qtbot, dialog.fields["name"].widget, "陈教授")
    _save_fails = qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _save_fails is None and "推荐理由" in dialog.error_text("reason")  # the service's message
    type_text(qtbot, dialog.fields["reason"].widget, "长期研究基层治理")
    _save(qtbot, dialog)
    with ui_street_db.session() as s:
        assert s.scalar(select(TutorRecommendation.name)) == "陈教授"


def test_district_enrols_into_the_camp(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    street = open_db(tmp_path, "zhaoshang")
    district = open_db(tmp_path, "nanshan-district")
    try:
        add_people(district, Actor("区", "district_admin", "nanshan-district"), [])
        # The district sees people of every street; add one directly as the street would.
        add_people(street, Actor("街", "admin", "zhaoshang"), [])
        w = build_main_window(district, settings)
        qtbot.addWidget(w)
        camp = w.pages[3]
        dialog = camp.add_trainee()
        year_dialog = dialog.cohort.new_cohort()
        _save(qtbot, year_dialog)
        assert "青年先锋训练营" in dialog.cohort.combo.currentText()
        with district.session() as s:
            assert s.scalar(select(Cohort.kind)) == "camp"
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.error_text("person_id") == "请选择人员"  # no one picked: the service says so
        w.apply_changes(Changes(frozenset({"cohorts"})))
    finally:
        street.dispose()
        district.dispose()
