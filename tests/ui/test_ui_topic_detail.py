"""课题详情: the team, a step and a document through the dialog."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from ui_helpers import add_people

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import TopicMember, TopicStep
from yanqun_desktop.services.activities import save_topic
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.positions import save_position


def _topic_dialog(window, db: Database, actor: Actor):  # type: ignore[no-untyped-def]
    topic_id = save_topic(db, actor, {"title": "文明养犬", "community": "花果山社区", "year": 2024}).id
    page = window.pages[4]
    window.nav.setCurrentRow(4)
    page.refresh()
    page.select_id(topic_id)
    dialog = page.open_detail()
    assert dialog is not None
    return topic_id, dialog


def test_team_saved_through_the_dialog(qtbot, window, ui_street_db: Database, street_actor: Actor) -> None:  # type: ignore[no-untyped-def]
    leader, worker = add_people(ui_street_db, street_actor, ["张书记", "李专职"])
    topic_id, dialog = _topic_dialog(window, ui_street_db, street_actor)
    team = dialog.edit_team()
    team.add_member(leader, "张书记", "leader")
    team.add_member(worker, "李专职", "fulltime_worker")
    assert team.save() is None  # the leader is not a secretary yet: the service says so
    assert "社区党委书记" in team.error.text()
    with ui_street_db.session() as s:
        assert s.scalar(select(TopicMember)) is None
    save_position(ui_street_db, street_actor, {"person_id": leader, "title": "社区党委书记",
                                               "start_date": "2020-01-01"})
    assert team.save() is not None
    with ui_street_db.session() as s:
        rows = {m.person_id: m.role for m in s.scalars(select(TopicMember).where(TopicMember.topic_id == topic_id))}
    assert rows == {leader: "leader", worker: "fulltime_worker"}
    assert dialog.team.rowCount() == 2 and dialog.team.item(0, 0).text() == "张书记"
    dialog.grab().save("/tmp/yq4_topic_detail.png")
    team2 = dialog.edit_team()
    team2.grab().save("/tmp/yq4_topic_team.png")
    team2.reject()


def test_step_and_document(qtbot, window, ui_street_db: Database, street_actor: Actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    topic_id, dialog = _topic_dialog(window, ui_street_db, street_actor)
    dialog.tabs.setCurrentIndex(1)
    dialog.steps.selectRow(0)
    dialog.started.setText("2024-03-01")
    dialog.completed.setText("2024-02-01")
    assert dialog.save_step() is None and "不能早于开始日期" in dialog.step_error.text()
    dialog.completed.setText("2024-03-20")
    assert dialog.save_step() is not None
    with ui_street_db.session() as s:
        step = s.scalar(select(TopicStep).where(TopicStep.topic_id == topic_id, TopicStep.step_no == 1))
        assert step is not None and step.completed_on is not None and step.completed_on.isoformat() == "2024-03-20"
    assert "1/6" in dialog.info_label.text()

    source = tmp_path / "调研提纲.docx"
    source.write_bytes(b"PK\x03\x04 outline \x00\xff" * 50)
    assert dialog.attach_file(source) is not None
    assert dialog.documents.count() == 1
    dialog.documents.setCurrentRow(0)
    doc = dialog.selected_document()
    assert doc is not None and dialog.save_as_button.isEnabled()
    target = tmp_path / "out.docx"
    assert dialog.save_document(doc.id, target)
    assert target.read_bytes() == source.read_bytes()
    dialog.grab().save("/tmp/yq4_topic_steps.png")
