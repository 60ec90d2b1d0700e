"""The record dialogs offer only what the signed-in role may do (ui/gating.Offer).

A read-only account and a studio leader open every dialog that writes, on records an
administrator made, and find the records there to read but no write button offered and nothing
to type into; an administrator and a clerk find the buttons. A studio leader records
assessments for the people of their own studio only. The services refuse anyway
(tests/core/test_permissions.py); these tests are about what the dialogs show.

One database per office for the whole module (the dialogs here only read it, but for the studio
leader's one assessment, which no other test counts)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidgetItemIterator,
    QWidget,
)
from sqlalchemy import func, select
from test_ui_camp_board import camp_trainee
from ui_helpers import OPERATOR, STREET, add_people, open_db

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Assessment
from yanqun_desktop.services.activities import community_choices, save_case, save_session, save_topic
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.archive import save_archive_entry
from yanqun_desktop.services.assessments import save_assessment
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.competency_models import current_model
from yanqun_desktop.services.honours import honours_of_person, save_honour
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.photos import set_photo
from yanqun_desktop.services.positions import positions_of, save_member, save_position, save_term
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.services.scope import OUT_OF_SCOPE
from yanqun_desktop.services.topics import attach_document, record_step
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import missing_tip
from yanqun_desktop.ui.models.timeline_model import TYPED

DISTRICT_CODE = "nanshan-district"
ADMIN = Actor("孙管理", "admin", STREET)
CLERK = Actor("李办事", "clerk", STREET)
READER = Actor("赵只读", "read_only", STREET)
LEADER = Actor("钱牵头", "studio_leader", STREET)
READERS = pytest.mark.parametrize("actor", [READER, LEADER], ids=["read_only", "studio_leader"])
WRITERS = pytest.mark.parametrize("actor", [ADMIN, CLERK], ids=["admin", "clerk"])


# -- what a dialog offers -----------------------------------------------------------------------


def offered(button: QWidget) -> bool:
    """Shown (not hidden by the dialog) and enabled; the dialogs are not shown in these tests."""
    return not button.isHidden() and button.isEnabled()


def writable(widget: QWidget) -> bool:
    """Could the clerk change this input's value?"""
    if widget.isHidden() or not widget.isEnabled():
        return False
    if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractItemView):
        return widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    return isinstance(widget, QComboBox | QAbstractButton)


def writable_inputs(root: QWidget) -> list[str]:
    """The inputs under ``root`` (a form's field) a clerk could still change, by object name."""
    kinds = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QAbstractItemView)
    found = [root, *root.findChildren(QWidget)]
    inputs = [w for w in found if isinstance(w, kinds)]
    # A combo's own line edit and list, a spin box's line edit: their owner decides.
    inside = [w for w in inputs if isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
              or (w.parentWidget() is not None and isinstance(w.parentWidget().parentWidget(), QComboBox))]
    return [w.objectName() or type(w).__name__ for w in inputs if w not in inside and writable_effective(w)]


def writable_effective(widget: QWidget) -> bool:
    """``writable``, with a disabled ancestor (a disabled list's items) counted."""
    return writable(widget) and widget.isEnabledTo(widget.window())


def read_only_form(form) -> None:  # type: ignore[no-untyped-def]
    assert not offered(form.save_button), type(form).__name__
    writable_fields = {key: writable_inputs(f.widget) for key, f in form.fields.items()}
    assert not any(writable_fields.values()), (type(form).__name__, writable_fields)
    assert offered(form.cancel_button)  # 关闭


def writable_form(form) -> None:  # type: ignore[no-untyped-def]
    assert offered(form.save_button), type(form).__name__
    assert any(writable_inputs(f.widget) for f in form.fields.values())


def ctx(db: Database, actor: Actor) -> AppContext:
    return AppContext(db, Settings(operator_name=OPERATOR), actor)


# -- records made by an administrator --------------------------------------------------------


def png_bytes() -> bytes:
    image = QImage(30, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#2471a3"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture(scope="module")
def street(tmp_path_factory, qapp) -> Iterator[dict[str, str | Database]]:  # type: ignore[no-untyped-def]
    """张三, of the street's studio, with one of every record; 李四 outside the studio."""
    db = open_db(tmp_path_factory.mktemp("gating"), STREET)
    zhang, li = add_people(db, ADMIN, ["张三", "李四"])
    cohort = save_cohort(db, ADMIN, {"kind": "studio", "number": 1, "start_date": "2024-03-01"}).id
    save_enrolment(db, ADMIN, {"cohort_id": cohort, "person_id": zhang, "enrolled_on": "2024-03-01"})
    save_position(db, ADMIN, {"person_id": zhang, "title": "社区党委书记", "organisation": "花果山社区党委",
                              "start_date": "2021-05-03"})
    save_honour(db, ADMIN, {"person_id": zhang, "title": "优秀社区工作者", "level": "district"})
    save_archive_entry(db, ADMIN, {"person_id": zhang, "entry_date": "2022-03-01", "kind": "当选",
                                   "content": "2021年换届当选社区党委书记"})
    set_photo(db, ADMIN, zhang, png_bytes())
    model = current_model(db, "studio")
    items = [n for n in model.nodes if n.level == "item"]
    save_assessment(db, ADMIN, {"person_id": zhang, "model_id": model.id, "assessed_on": "2024-01-10",
                                "assessor": "孙管理", "scores": {n.id: 1 for n in items}})
    session = save_session(db, ADMIN, {"title": "社区治理概论", "kind": "通识课程", "date": "2024-04-02",
                                       "hours": 3, "cohort_ids": [cohort]}).id
    record_attendance(db, ADMIN, session, [{"person_id": zhang, "status": "出席"}])
    topic = save_topic(db, ADMIN, {"title": "文明养犬", "community": "花果山社区", "year": 2024}).id
    record_step(db, ADMIN, topic, 1, "2024-03-01", "", "走访楼栋")
    attach_document(db, ADMIN, topic, 1, "调研提纲.txt", "调研提纲".encode())
    case = save_case(db, ADMIN, {"title": "楼道微更新", "year": "2023"}).id
    community = community_choices(db)[0][0]
    term = save_term(db, ADMIN, {"community_id": community, "election_date": "2021-05-01", "label": "2021年换届"}).id
    save_member(db, ADMIN, {"term_id": term, "person_id": zhang, "body": "党委", "role": "委员"})
    yield {"db": db, "zhang": zhang, "li": li, "cohort": cohort, "session": session, "topic": topic, "case": case}
    db.dispose()


@pytest.fixture(scope="module")
def district(tmp_path_factory, qapp) -> Iterator[dict[str, str | Database]]:  # type: ignore[no-untyped-def]
    db = open_db(tmp_path_factory.mktemp("gating-district"), DISTRICT_CODE)
    cohort, person, enrolment = camp_trainee(db)
    yield {"db": db, "cohort": cohort, "person": person, "enrolment": enrolment}
    db.dispose()


# -- the people page's record dialogs --------------------------------------------------------------


@READERS
def test_positions_and_honours_are_read_not_edited(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.honours_dialog import HonoursDialog
    from yanqun_desktop.ui.dialogs.positions_dialog import PositionsDialog

    db, zhang = street["db"], street["zhang"]
    lists = ((PositionsDialog, positions_of(db, zhang)), (HonoursDialog, honours_of_person(db, zhang)))
    for dialog_class, rows in lists:
        dialog = dialog_class(ctx(db, actor), zhang, "张三 · 招商街道")
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == len(rows) == 1  # read as before
        dialog.table.selectRow(0)  # the selection enables edit/delete for an editor: not here
        for button in (dialog.add_button, dialog.edit_button, dialog.delete_button):
            assert button.isHidden() and not button.isEnabled(), button.objectName()
        # Double-click opens the record to read: nothing to change, no Save.
        form = dialog.edit_position() if dialog_class is PositionsDialog else dialog.edit_honour()
        assert form is not None
        read_only_form(form)
        assert form.fields["title"].get() in ("社区党委书记", "优秀社区工作者")
        assert form.windowTitle() not in ("修改任职", "编辑荣誉")
        form.reject()


@READERS
def test_photo_is_shown_without_choose_or_delete(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.photo_dialog import PhotoDialog

    dialog = PhotoDialog(ctx(street["db"], actor), street["zhang"], "张三")
    qtbot.addWidget(dialog)
    assert dialog.has_photo and not dialog.preview.pixmap().isNull()
    assert not offered(dialog.choose_button) and not offered(dialog.remove_button)
    dialog.reload()  # reloading enables 删除照片 for an editor once there is a photo
    assert not dialog.remove_button.isEnabled()


@READERS
def test_archive_is_read_and_printed_not_edited(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.archive_dialog import ArchiveDialog

    dialog = ArchiveDialog(ctx(street["db"], actor), street["zhang"])  # 张三 is of the leader's studio
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.entry_at(r).source == TYPED)
    dialog.table.selectRow(row)
    assert "2021年换届当选社区党委书记" in dialog.detail.text()
    for button in (dialog.add_button, dialog.edit_button, dialog.delete_button):
        assert button.isHidden() and not button.isEnabled(), button.objectName()
    assert offered(dialog.print_button)  # PRINT_ARCHIVES is everyone's
    form = dialog.edit_entry()
    assert form is not None
    read_only_form(form)
    form.reject()


@READERS
def test_committee_terms_are_listed_with_nothing_to_record(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.committee_dialog import CommitteeTermDialog

    dialog = CommitteeTermDialog(ctx(street["db"], actor))
    qtbot.addWidget(dialog)
    assert dialog.recorded.rowCount() == 1 and "张三" in dialog.recorded.item(0, 2).text()
    assert offered(dialog.community)  # the community whose terms to read
    for button in (dialog.term_button, dialog.member_button, dialog.delete_term_button):
        assert not offered(button), button.objectName()
    assert dialog.member_box.isHidden() and dialog.election_date.isHidden()


@READERS
def test_assessments_of_another_office_or_outside_the_studio_are_only_read(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog

    outsider = AssessmentDialog(ctx(street["db"], actor), street["li"], "李四", "studio")
    qtbot.addWidget(outsider)
    assert not offered(outsider.add_button) and not offered(outsider.delete_button)
    if actor.role == "read_only":  # the role lacks the permission: not shown at all
        assert outsider.add_button.isHidden()
        assert outsider.add_button.toolTip() == missing_tip(actor, Permission.RECORD_ASSESSMENTS)
    else:  # a studio leader may record, but not for 李四: said on the disabled button
        assert not outsider.add_button.isHidden() and outsider.add_button.toolTip() == OUT_OF_SCOPE
    mine = AssessmentDialog(ctx(street["db"], actor), street["zhang"], "张三", "studio")
    qtbot.addWidget(mine)
    assert mine.table.rowCount() >= 1  # the history is read by everyone
    mine.table.selectRow(0)
    assert offered(mine.add_button) == (actor.role == "studio_leader")
    assert offered(mine.delete_button) == (actor.role == "studio_leader")


def test_a_studio_leader_records_an_assessment_of_their_studio(qtbot, street) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog

    db = street["db"]
    dialog = AssessmentDialog(ctx(db, LEADER), street["zhang"], "张三", "studio")
    qtbot.addWidget(dialog)
    before = dialog.table.rowCount()
    form = dialog.new_assessment()
    assert form is not None
    writable_form(form)
    form.fields["assessed_on"].set("2024-06-01")
    for spin in form.spins.values():
        spin.setValue(spin.maximum() * 0.5)
    form.save()
    assert form.result_saved is not None, form.general_error.text()
    with db.session() as s:
        saved = s.get(Assessment, form.result_saved.id)
        assert saved is not None and saved.person_id == street["zhang"] and saved.updated_by == LEADER.name
    assert dialog.table.rowCount() == before + 1


@WRITERS
def test_editors_are_offered_the_writes(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.archive_dialog import ArchiveDialog
    from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog
    from yanqun_desktop.ui.dialogs.committee_dialog import CommitteeTermDialog
    from yanqun_desktop.ui.dialogs.honours_dialog import HonoursDialog
    from yanqun_desktop.ui.dialogs.photo_dialog import PhotoDialog
    from yanqun_desktop.ui.dialogs.positions_dialog import PositionsDialog

    c, zhang = ctx(street["db"], actor), street["zhang"]
    for dialog in (PositionsDialog(c, zhang, "张三"), HonoursDialog(c, zhang, "张三")):
        qtbot.addWidget(dialog)
        dialog.table.selectRow(0)
        assert all(offered(b) for b in (dialog.add_button, dialog.edit_button, dialog.delete_button))
        form = dialog.edit_position() if isinstance(dialog, PositionsDialog) else dialog.edit_honour()
        writable_form(form)
        form.reject()
    photo = PhotoDialog(c, zhang, "张三")
    qtbot.addWidget(photo)
    assert offered(photo.choose_button) and offered(photo.remove_button)
    archive = ArchiveDialog(c, zhang)
    qtbot.addWidget(archive)
    assert offered(archive.add_button) and offered(archive.print_button)
    committee = CommitteeTermDialog(c)
    qtbot.addWidget(committee)
    assert offered(committee.term_button) and not committee.member_box.isHidden()
    assessments = AssessmentDialog(c, street["li"], "李四", "studio")  # the studio limit is the leader's only
    qtbot.addWidget(assessments)
    assert offered(assessments.add_button)


# -- details, roll call and the forms ---------------------------------------------------------------


@READERS
def test_topic_and_case_details_are_read_only(qtbot, street, actor: Actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.case_detail_dialog import CaseDetailDialog, CasePeopleDialog
    from yanqun_desktop.ui.dialogs.topic_detail_dialog import TeamDialog, TopicDetailDialog

    c = ctx(street["db"], actor)
    topic = TopicDetailDialog(c, street["topic"])
    qtbot.addWidget(topic)
    topic.steps.selectRow(0)
    assert topic.started.text() == "2024-03-01" and topic.note.toPlainText() == "走访楼栋"
    for button in (topic.edit_team_button, topic.save_step_button, topic.attach_button, topic.remove_doc_button,
                   topic.save_outcome_button):
        assert button.isHidden() and not button.isEnabled(), button.objectName()
    assert not any(writable(w) for w in (topic.started, topic.completed, topic.note, topic.outcome))
    topic.documents.setCurrentRow(0)
    assert offered(topic.save_as_button)  # a file is read by saving a copy
    copy = tmp_path / "copy.txt"
    assert topic.save_document(topic.selected_document().id, copy) and copy.read_text() == "调研提纲"
    team = TeamDialog(c, topic.detail)
    qtbot.addWidget(team)
    assert not any(offered(b) for b in team.findChildren(QPushButton) if b.objectName() != "cancel")
    assert writable_inputs(team.picker) == [] and not writable(team.role)

    case = CaseDetailDialog(c, street["case"])
    qtbot.addWidget(case)
    assert not offered(case.people_button) and not offered(case.honour_button)
    people = CasePeopleDialog(c, case.detail)
    qtbot.addWidget(people)
    assert not any(offered(b) for b in people.findChildren(QPushButton) if b.objectName() != "cancel")


@READERS
def test_roll_call_is_read_not_recorded(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.rollcall_dialog import RollCallDialog

    dialog = RollCallDialog(ctx(street["db"], actor), street["session"])
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.model.rows[0].status == "present"
    for button in (dialog.save_button, dialog.all_present_button, dialog.guest_button):
        assert button.isHidden() and not button.isEnabled(), button.objectName()
    assert dialog.legend.isHidden()
    dialog.show()
    qtbot.keyClick(dialog.table, Qt.Key.Key_4)  # 缺席, for an editor
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # saves and closes, for an editor
    assert not dialog.model.dirty and dialog.model.rows[0].status == "present"
    assert dialog.isVisible() and dialog.result_saved is None
    dialog.table.edit_note(0)
    assert dialog.table.state() != QAbstractItemView.State.EditingState
    dialog.reject()  # nothing unsaved: closes without asking
    assert not dialog.isVisible()


def form_dialogs(c: AppContext, zhang: str) -> list:  # type: ignore[type-arg]
    """The street's forms that write records (the camp's: test_district_dialogs_follow_the_role)."""
    from yanqun_desktop.ui.dialogs.case_dialog import CaseDialog
    from yanqun_desktop.ui.dialogs.cohort_dialog import CohortDialog
    from yanqun_desktop.ui.dialogs.enrolment_dialog import StudioEnrolmentDialog
    from yanqun_desktop.ui.dialogs.recommendation_dialog import RecommendationDialog
    from yanqun_desktop.ui.dialogs.reserve_dialog import ReserveDialog
    from yanqun_desktop.ui.dialogs.retire_dialog import RetirePersonDialog
    from yanqun_desktop.ui.dialogs.session_dialog import SessionDialog
    from yanqun_desktop.ui.dialogs.topic_dialog import TopicDialog
    from yanqun_desktop.ui.dialogs.transfer_dialog import TransferDialog
    from yanqun_desktop.ui.dialogs.tutor_dialog import TutorDialog

    return [
        CohortDialog(c, "studio"), StudioEnrolmentDialog(c, zhang, "张三"), TransferDialog(c, zhang, "张三"),
        RetirePersonDialog(c, zhang, "张三"), RecommendationDialog(c), TutorDialog(c), ReserveDialog(c),
        TopicDialog(c), CaseDialog(c), SessionDialog(c),
    ]


@READERS
def test_forms_open_read_only(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    forms = form_dialogs(ctx(street["db"], actor), street["zhang"])
    for form in forms:
        qtbot.addWidget(form)
        read_only_form(form)
    enrol = forms[1]
    assert not offered(enrol.cohort.new_button)  # 新建期次… writes a cohort


@WRITERS
def test_forms_are_writable_for_editors(qtbot, street, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    forms = form_dialogs(ctx(street["db"], actor), street["zhang"])
    for form in forms:
        qtbot.addWidget(form)
        writable_form(form)
    assert offered(forms[1].cohort.new_button)


def test_recommendations_window_offers_a_reader_nothing_to_take(qtbot, district) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.recommendations_dialog import RecommendationsDialog

    for actor, takes in ((Actor("赵只读", "read_only", DISTRICT_CODE), False),
                         (Actor("区组织部", "district_admin", DISTRICT_CODE), True)):
        dialog = RecommendationsDialog(ctx(district["db"], actor))
        qtbot.addWidget(dialog)
        accept = dialog.page.findChild(QPushButton, "accept")
        assert (accept is not None and not accept.isHidden()) == takes


# -- the district's camp board, models and camp assessments ---------------------------------------------


@pytest.mark.parametrize("role", ["read_only", "district_admin", "clerk"])
def test_district_dialogs_follow_the_role(qtbot, district, role: str) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog, AssessmentFormDialog
    from yanqun_desktop.ui.dialogs.camp_board_dialog import CampBoardDialog
    from yanqun_desktop.ui.dialogs.camp_enrolment_dialog import CampEnrolmentDialog
    from yanqun_desktop.ui.dialogs.model_dialog import ModelDialog

    actor = Actor("区里的人", role, DISTRICT_CODE)
    editor = role != "read_only"
    db = district["db"]
    c = ctx(db, actor)
    board = CampBoardDialog(c, district["cohort"])
    qtbot.addWidget(board)
    assert board.select_enrolment(district["enrolment"]) and board.selected_card() is not None  # read by all
    for widget in (board.next_button, board.tier, board.tier_button):
        assert offered(widget) == editor, widget.objectName()
    models = ModelDialog(c, "camp")
    qtbot.addWidget(models)
    assert models.tree.topLevelItemCount() > 0  # read by all
    assert offered(models.add_module_button) == offered(models.save_button) == editor
    items = QTreeWidgetItemIterator(models.tree)
    assert bool(items.value().flags() & Qt.ItemFlag.ItemIsEditable) == editor
    assessments = AssessmentDialog(c, district["person"], "何明", "camp")
    qtbot.addWidget(assessments)
    assert offered(assessments.add_button) == editor
    form = AssessmentFormDialog(c, district["person"], "何明", current_model(db, "camp"))
    qtbot.addWidget(form)
    (writable_form if editor else read_only_form)(form)
    trainee = CampEnrolmentDialog(c, district["enrolment"], None, ("何明", "2024"))
    qtbot.addWidget(trainee)
    (writable_form if editor else read_only_form)(trainee)


def test_a_read_only_user_sees_the_screens(qtbot, street) -> None:  # type: ignore[no-untyped-def]
    """Screenshots to look at (/tmp/yq_gating_*.png): what a reader is shown."""
    from yanqun_desktop.ui.dialogs.positions_dialog import PositionsDialog
    from yanqun_desktop.ui.dialogs.topic_detail_dialog import TopicDetailDialog

    c = ctx(street["db"], READER)
    positions = PositionsDialog(c, street["zhang"], "张三 · 招商街道")
    topic = TopicDetailDialog(c, street["topic"])
    for name, dialog in (("positions", positions), ("topic", topic)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.grab().isNull()
        dialog.grab().save(f"/tmp/yq_gating_{name}.png")
    with street["db"].session() as s:  # the readers wrote nothing
        assert s.scalar(select(func.count()).select_from(Assessment).where(Assessment.updated_by == READER.name)) == 0
