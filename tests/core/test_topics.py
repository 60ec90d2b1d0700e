"""Topic teams, six-step progress, documents and outcomes (street rows, also on district topics)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from sqlalchemy import func, select, update

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation, Document, Street, Topic, TopicMember, TopicOutcome, TopicStep
from yanqun_desktop.domain.validation import ValidationErrors
from yanqun_desktop.services import registries as R
from yanqun_desktop.services.activities import save_case, save_topic
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.honours import save_honour
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import save_position
from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids
from yanqun_desktop.services.topics import (
    MAX_DOCUMENT_BYTES,
    attach_document,
    document_bytes,
    is_community_secretary,
    record_step,
    remove_document,
    save_outcome,
    save_team,
    stage_label,
    topic_detail,
    topic_stage,
)

pytestmark = pytest.mark.postgres


def _count(db: Database, model: type, *where: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _person(db: Database, actor: Actor, name: str, title: str | None = None, **position: Any) -> str:
    pid = save_person(db, actor, {"name": name}).id
    if title:
        save_position(db, actor, {"person_id": pid, "title": title, "start_date": "2021-05-10", **position})
    return pid


@pytest.fixture
def team(street_db: Database, clerk: Actor) -> dict[str, str]:
    return {
        "leader": _person(street_db, clerk, "何明", "社区党委书记", organisation="白石东社区党委"),
        "worker": _person(street_db, clerk, "李红", "社区专职工作者"),
        "grid": _person(street_db, clerk, "王刚", "网格员"),
    }


def _district_topic(db: Database, district_officer: Actor, street: str = "shahe") -> str:
    """A topic the district pushed down to a street (a district row, as a package brings it)."""
    with db.session() as s:
        street_id = s.scalars(select(Street.id).where(Street.code == street)).one()
    return save_topic(db, district_officer, {"year": 2022, "title": "文明养犬", "street_id": street_id}).id


def test_team_rows_are_the_streets_even_on_a_district_topic(
    street_db: Database, clerk: Actor, district_officer: Actor, team: dict[str, str]
) -> None:
    topic_id = _district_topic(street_db, district_officer)
    members = [{"person_id": team["worker"], "role": "专职工作者"}, {"person_id": team["leader"], "role": "组长"},
               {"person_id": team["grid"], "role": "grid_worker", "joined_on": "2022-03-01"}]
    saved = save_team(street_db, clerk, topic_id, members)
    assert saved.changes.touches("topic_members")
    with street_db.session() as s:
        assert s.get(Topic, topic_id).owner == "nanshan-district"
        rows = list(s.scalars(select(TopicMember).where(TopicMember.topic_id == topic_id)))
        assert {m.owner for m in rows} == {"shahe"}
        assert {(m.person_id, m.role) for m in rows} == {
            (team["leader"], "leader"), (team["worker"], "fulltime_worker"), (team["grid"], "grid_worker")}
        assert next(m.joined_on for m in rows if m.person_id == team["grid"]) == dt.date(2022, 3, 1)
    detail = topic_detail(street_db, topic_id)
    assert [(m.name, m.role_label) for m in detail.members] == [
        ("何明", "组长"), ("李红", "专职工作者"), ("王刚", "网格员")]
    assert detail.leader is not None and detail.leader.title == "社区党委书记"
    assert detail.origin_label == "区级推送" and detail.street_name == "沙河街道"
    # the district sees the team, it does not write it
    with pytest.raises(PermissionDenied, match="课题组由街道维护"):
        save_team(street_db, district_officer, topic_id, members)


def test_replacing_a_team_tombstones_and_revives(street_db: Database, clerk: Actor, team: dict[str, str]) -> None:
    topic_id = save_topic(street_db, clerk, {"year": 2022, "title": "加装电梯"}).id
    leader = {"person_id": team["leader"], "role": "leader"}
    save_team(street_db, clerk, topic_id, [leader, {"person_id": team["worker"], "role": "专职"}])
    with street_db.session() as s:
        worker_row = s.scalars(select(TopicMember.id).where(TopicMember.person_id == team["worker"])).one()
    save_team(street_db, clerk, topic_id, [leader, {"person_id": team["grid"], "role": "网格员"}])
    with street_db.session() as s:
        assert s.get(TopicMember, worker_row).deleted is True
    save_team(street_db, clerk, topic_id, [leader, {"person_id": team["worker"], "role": "党建组织员"}])
    with street_db.session() as s:
        row = s.get(TopicMember, worker_row)  # the same row, revived with its new role
        assert (row.deleted, row.role) == (False, "party_organiser")
        assert s.scalar(select(func.count()).select_from(TopicMember).where(TopicMember.topic_id == topic_id)) == 3
    assert [m.name for m in topic_detail(street_db, topic_id).members] == ["何明", "李红"]
    # saving the same team again writes nothing
    again = save_team(street_db, clerk, topic_id, [leader, {"person_id": team["worker"], "role": "党建组织员"}])
    assert again.changes.tables == frozenset()


def test_team_refusals_write_nothing(street_db: Database, clerk: Actor, team: dict[str, str]) -> None:
    topic_id = save_topic(street_db, clerk, {"year": 2022, "title": "加装电梯"}).id
    audits = _count(street_db, AuditOperation)
    cases = [
        ([{"person_id": team["worker"], "role": "专职工作者"}], "课题组须有一名组长"),
        ([], "课题组须有一名组长"),
        ([{"person_id": team["leader"], "role": "组长"}, {"person_id": team["worker"], "role": "组长"}],
         "只能有一名组长"),
        ([{"person_id": team["leader"], "role": "组长"}, {"person_id": team["leader"], "role": "网格员"}],
         "何明 在课题组中出现了两次"),
        ([{"person_id": team["leader"], "role": "组长"}, {"person_id": team["grid"], "role": "顾问"}],
         "课题组角色「顾问」无法识别"),
        ([{"person_id": team["worker"], "role": "组长"}],
         "课题组长须由社区党委书记担任：李红 现任职务为 社区专职工作者"),
        ([{"person_id": "nobody", "role": "组长"}], "第1位成员未选择人员"),
    ]
    for members, message in cases:
        with pytest.raises(ValidationErrors, match=message):
            save_team(street_db, clerk, topic_id, members)
    assert _count(street_db, TopicMember) == 0
    assert _count(street_db, AuditOperation) == audits


@pytest.mark.parametrize(
    ("title", "organisation", "ok"),
    [
        ("社区党委书记", None, True),
        ("社区党支部书记", None, True),
        ("书记", "白石东社区党委", True),
        ("书记", None, True),
        ("社区党委书记、居委会主任", None, True),
        ("社区党委副书记", None, False),
        ("小区党支部书记", None, False),
        ("书记", "某某小区党支部", False),
        ("街道党工委书记", None, False),
        ("社区居委会主任", None, False),
    ],
)
def test_who_counts_as_a_community_secretary(title: str, organisation: str | None, ok: bool) -> None:
    assert is_community_secretary(title, organisation) is ok


def test_leader_needs_a_current_secretary_position(street_db: Database, clerk: Actor) -> None:
    topic_id = save_topic(street_db, clerk, {"year": 2022, "title": "加装电梯"}).id
    former = _person(street_db, clerk, "赵前", "社区党委书记", end_date="2021-12-31")
    save_position(street_db, clerk, {"person_id": former, "title": "街道办科员", "start_date": "2022-01-01"})
    with pytest.raises(ValidationErrors, match="赵前 现任职务为 街道办科员"):
        save_team(street_db, clerk, topic_id, [{"person_id": former, "role": "组长"}])
    nobody = _person(street_db, clerk, "孙无")
    with pytest.raises(ValidationErrors, match="孙无 现任职务为 （无现任职务）"):
        save_team(street_db, clerk, topic_id, [{"person_id": nobody, "role": "组长"}])
    plain = _person(street_db, clerk, "钱书", "书记")
    save_team(street_db, clerk, topic_id, [{"person_id": plain, "role": "组长"}])
    assert topic_detail(street_db, topic_id).leader.name == "钱书"  # type: ignore[union-attr]


def test_another_streets_topic_is_read_only(
    street_db: Database, clerk: Actor, district_officer: Actor, team: dict[str, str]
) -> None:
    topic_id = _district_topic(street_db, district_officer, street="xili")
    with pytest.raises(PermissionDenied, match="其他街道的课题"):
        save_team(street_db, clerk, topic_id, [{"person_id": team["leader"], "role": "组长"}])
    with pytest.raises(PermissionDenied, match="其他街道的课题"):
        record_step(street_db, clerk, topic_id, 1, "2022-03-01", None, None)


def _stage_in_registry(db: Database, topic_id: str) -> str:
    rows = fetch_rows(db, R.TOPICS, list_ids(db, R.TOPICS, ListQuery()))
    return rows[topic_id][R.TOPICS.columns.index(R.TOPICS.column("stage"))]


def test_six_steps_in_order(street_db: Database, clerk: Actor, district_officer: Actor) -> None:
    topic_id = _district_topic(street_db, district_officer)
    record_step(street_db, clerk, topic_id, 1, "2022-03-01", "2022-03-20", "查阅文献 12 篇")
    record_step(street_db, clerk, topic_id, "课题调研", "2022-03-21", "2022-04-30", None)
    record_step(street_db, clerk, topic_id, 3, dt.date(2022, 5, 2), None, "已开两次研讨会")
    assert topic_stage(street_db, topic_id) == 2
    assert _stage_in_registry(street_db, topic_id) == stage_label(2) == "2/6 · 进行中：小组研讨"
    with street_db.session() as s:
        steps = list(s.scalars(select(TopicStep).where(TopicStep.topic_id == topic_id).order_by(TopicStep.step_no)))
        assert [(x.step_no, x.owner) for x in steps] == [(1, "shahe"), (2, "shahe"), (3, "shahe")]
        assert steps[2].note == "已开两次研讨会" and steps[2].completed_on is None
    detail = topic_detail(street_db, topic_id)
    assert [x.state for x in detail.steps] == ["已完成", "已完成", "进行中", "未开始", "未开始", "未开始"]
    assert [x.label for x in detail.steps][:2] == ["文献查阅", "课题调研"] and detail.stage == 2
    record_step(street_db, clerk, topic_id, 3, "2022-05-02", "2022-05-20", "已开两次研讨会")
    assert topic_stage(street_db, topic_id) == 3 == topic_detail(street_db, topic_id).stage


def test_step_refusals_name_the_steps_and_write_nothing(
    street_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    topic_id = _district_topic(street_db, district_officer)
    record_step(street_db, clerk, topic_id, 1, "2022-03-01", "2022-03-20", None)
    record_step(street_db, clerk, topic_id, 2, "2022-03-21", "2022-04-30", None)
    with street_db.session() as s:
        before = [(x.step_no, x.started_on, x.completed_on, x.version) for x in s.scalars(select(TopicStep))]
    audits = _count(street_db, AuditOperation)
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    cases = [
        ((4, "2022-05-01", "2022-05-10"), "第4步「专家分享」须在第3步「小组研讨」完成之后才能完成"),
        ((3, "2022-05-10", "2022-05-01"), "第3步「小组研讨」的完成日期（2022-05-01）不能早于开始日期（2022-05-10）"),
        ((3, None, "2022-05-01"), "第3步「小组研讨」尚未填写开始日期"),
        ((3, "2022-04-01", "2022-04-15"), "不能早于第2步「课题调研」的完成日期（2022-04-30）"),
        ((3, future, None), "开始日期（.*）不能晚于今天"),
        ((1, "2022-03-01", None), "第2步「课题调研」已完成，不能撤销第1步「文献查阅」的完成"),
        ((1, "2022-03-01", "2022-05-05"), "不能晚于第2步「课题调研」的完成日期（2022-04-30）"),
        ((7, "2022-03-01", None), "课题步骤应为 1 到 6"),
    ]
    for (step, started, completed), message in cases:
        with pytest.raises(ValidationErrors, match=message):
            record_step(street_db, clerk, topic_id, step, started, completed, None)
    with street_db.session() as s:
        assert [(x.step_no, x.started_on, x.completed_on, x.version) for x in s.scalars(select(TopicStep))] == before
    assert _count(street_db, AuditOperation) == audits
    with pytest.raises(PermissionDenied, match="课题进度由街道维护"):
        record_step(street_db, district_officer, topic_id, 3, "2022-05-01", None, None)


def test_documents_hash_size_and_corruption(street_db: Database, clerk: Actor, district_officer: Actor) -> None:
    topic_id = _district_topic(street_db, district_officer)
    report = "文明养犬课题报告\n".encode() * 100
    saved = attach_document(street_db, clerk, topic_id, 6, r"C:\Users\clerk\桌面\课题报告.txt", report)
    brief = attach_document(street_db, clerk, topic_id, None, "调研提纲.docx", b"PK\x03\x04 outline")
    with street_db.session() as s:
        doc = s.get(Document, saved.id)
        assert (doc.filename, doc.size, doc.sha256, doc.step_no, doc.owner, doc.mime_type) == (
            "课题报告.txt", len(report), hashlib.sha256(report).hexdigest(), 6, "shahe", "text/plain")
    assert document_bytes(street_db, saved.id) == ("课题报告.txt", report)
    detail = topic_detail(street_db, topic_id)
    assert [d.filename for d in detail.steps[5].documents] == ["课题报告.txt"]
    assert {d.id for d in detail.documents} == {saved.id, brief.id}
    assert detail.documents[0].step_no is None  # the topic-level file first
    # refusals
    with pytest.raises(ValidationErrors, match="空文件"):
        attach_document(street_db, clerk, topic_id, 1, "空.txt", b"")
    with pytest.raises(ValidationErrors, match="超过 50 MB"):
        attach_document(street_db, clerk, topic_id, 1, "大.zip", b"\0" * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ValidationErrors, match="同样内容的文件已上传过"):
        attach_document(street_db, clerk, topic_id, 6, "报告副本.txt", report)
    with pytest.raises(PermissionDenied, match="街道课题的文件由街道上传"):
        local = save_topic(street_db, clerk, {"year": 2022, "title": "加装电梯"}).id
        attach_document(street_db, district_officer, local, None, "x.txt", b"x")
    assert _count(street_db, Document) == 2
    # bytes changed behind the app's back are refused, not handed out
    with street_db.engine.begin() as conn:
        conn.execute(update(Document).where(Document.id == saved.id).values(data=report[:-1] + b"!"))
    with pytest.raises(ServiceError, match="文件已损坏"):
        document_bytes(street_db, saved.id)
    removed = remove_document(street_db, clerk, brief.id)
    assert removed.changes.touches("documents")
    with street_db.session() as s:
        assert s.get(Document, brief.id).deleted is True
    assert [d.id for d in topic_detail(street_db, topic_id).documents] == [saved.id]


def test_district_documents_and_outcome_on_its_own_topic(
    street_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    topic_id = _district_topic(street_db, district_officer)
    brief = attach_document(street_db, district_officer, topic_id, None, "课题指南.pdf", b"%PDF-1.7 brief")
    with pytest.raises(PermissionDenied, match="不是本单位上传的"):
        remove_document(street_db, clerk, brief.id)
    save_outcome(street_db, district_officer, topic_id, "  区级小结：试点经验可推广  ")
    # the street records its own outcome of the pushed topic, in its own row
    save_outcome(street_db, clerk, topic_id, "形成4万字报告")
    save_outcome(street_db, clerk, topic_id, "形成4万字报告，入选十佳治理案例")
    with street_db.session() as s:
        assert s.get(Topic, topic_id).outcome == "区级小结：试点经验可推广"  # the district's row untouched
        outcomes = list(s.scalars(select(TopicOutcome).where(TopicOutcome.topic_id == topic_id)))
        assert [(o.owner, o.outcome) for o in outcomes] == [("shahe", "形成4万字报告，入选十佳治理案例")]
        assert s.get(Document, brief.id).owner == "nanshan-district"
    assert topic_detail(street_db, topic_id).outcome == "形成4万字报告，入选十佳治理案例"


def test_outcome_cases_and_honours_of_a_local_topic(street_db: Database, clerk: Actor) -> None:
    topic_id = save_topic(street_db, clerk, {"year": 2021, "title": "白石东城中村改造"}).id
    saved = save_outcome(street_db, clerk, topic_id, "形成改造经验报告")
    assert saved.changes.touches("topics")
    with pytest.raises(ValidationErrors, match="成果过长"):
        save_outcome(street_db, clerk, topic_id, "字" * 5001)
    case_id = save_case(street_db, clerk, {"title": "城中村改造治理案例", "year": 2021, "topic_id": topic_id}).id
    save_honour(street_db, clerk, {"title": "全国100个优秀社区工作案例", "level": "国家级", "case_id": case_id,
                                   "awarded_on": "2021-11-18"})
    detail = topic_detail(street_db, topic_id)
    assert detail.outcome == "形成改造经验报告"
    assert [c.title for c in detail.cases] == ["城中村改造治理案例"]
    assert [(h.title, h.level_label, h.target_name) for h in detail.honours] == [
        ("全国100个优秀社区工作案例", "国家级", "城中村改造治理案例")]
    save_outcome(street_db, clerk, topic_id, "")
    assert topic_detail(street_db, topic_id).outcome is None
    with pytest.raises(PermissionDenied, match="街道自选课题，成果由街道登记"):
        save_outcome(street_db, Actor("赵组织", "district_admin", "nanshan-district"), topic_id, "区里改写")
    assert topic_detail(street_db, topic_id).outcome is None
