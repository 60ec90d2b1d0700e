"""Honours to a person, a case or a community; the people of a governance case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation, CasePerson, Community, Honour
from yanqun_desktop.domain.validation import ValidationErrors
from yanqun_desktop.services.activities import save_case, save_topic
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.honours import (
    case_detail,
    delete_honour,
    honour_form_values,
    honours_of_person,
    save_honour,
    set_case_people,
)
from yanqun_desktop.services.people import save_person

pytestmark = pytest.mark.postgres


def _count(db: Database, model: type, *where: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _community(db: Database, name: str = "白石东社区") -> str:
    with db.session() as s:
        return s.scalars(select(Community.id).where(Community.name == name)).one()


def test_honour_to_a_person_case_or_community(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    case_id = save_case(street_db, clerk, {"title": "文明养犬", "year": 2022}).id
    to_person = save_honour(street_db, clerk, {"title": "小社区·大舞台 新锐头雁", "level": "区级",
                                               "awarded_on": "2022-11-20", "awarded_by": "南山区委组织部",
                                               "person_id": pid})
    to_case = save_honour(street_db, clerk, {"title": "十佳治理案例", "level": "district", "case_id": case_id})
    to_community = save_honour(street_db, clerk, {"title": "深圳市先进基层党组织", "level": "市",
                                                  "community_id": _community(street_db)})
    with street_db.session() as s:
        h = s.get(Honour, to_person.id)
        assert (h.title, h.level, h.awarded_on, h.awarded_by, h.person_id, h.case_id, h.community_id, h.owner) == (
            "小社区·大舞台 新锐头雁", "district", dt.date(2022, 11, 20), "南山区委组织部", pid, None, None, "shahe")
        assert (s.get(Honour, to_case.id).case_id, s.get(Honour, to_community.id).level) == (case_id, "city")
    views = honours_of_person(street_db, pid)
    assert [(v.title, v.level_label, v.target_kind, v.target_name) for v in views] == [
        ("小社区·大舞台 新锐头雁", "区级", "person", "何明")]
    form = honour_form_values(street_db, to_community.id)
    assert (form["level"], form["target_kind"], form["target"]) == ("市级", "community", "社区：白石东社区")


def test_honour_target_rules_and_refusals_write_nothing(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    case_id = save_case(street_db, clerk, {"title": "文明养犬"}).id
    future = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    with pytest.raises(ValidationErrors) as err:
        save_honour(street_db, clerk, {"title": "", "level": "宇宙级", "awarded_on": future})
    assert err.value.fields == ["荣誉名称", "荣誉级别", "获得日期", "获奖对象"]
    assert "请选择获奖对象" in str(err.value)
    with pytest.raises(ValidationErrors, match="只能是人员、治理案例或社区中的一个"):
        save_honour(street_db, clerk, {"title": "x", "level": "市级", "person_id": pid, "case_id": case_id})
    with pytest.raises(ValidationErrors, match="所选人员不存在"):
        save_honour(street_db, clerk, {"title": "x", "level": "市级", "person_id": "gone"})
    assert _count(street_db, Honour) == 0


def test_edit_keeps_or_moves_the_target_and_delete(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    case_id = save_case(street_db, clerk, {"title": "文明养犬"}).id
    hid = save_honour(street_db, clerk, {"title": "优秀党务工作者", "level": "区级", "person_id": pid}).id
    save_honour(street_db, clerk, {"level": "市级"}, hid)  # target and title kept
    with street_db.session() as s:
        h = s.get(Honour, hid)
        assert (h.title, h.level, h.person_id) == ("优秀党务工作者", "city", pid)
    save_honour(street_db, clerk, {"case_id": case_id, "person_id": ""}, hid)  # moved to the case
    with street_db.session() as s:
        h = s.get(Honour, hid)
        assert (h.person_id, h.case_id) == (None, case_id)
    assert honours_of_person(street_db, pid) == []
    deleted = delete_honour(street_db, clerk, hid)
    assert deleted.changes.touches("honours")
    with street_db.session() as s:
        assert s.get(Honour, hid).deleted is True
    assert case_detail(street_db, case_id).honours == []


def test_case_people_replace_and_detail(street_db: Database, clerk: Actor) -> None:
    a = save_person(street_db, clerk, {"name": "何明"}).id
    b = save_person(street_db, clerk, {"name": "李红"}).id
    c = save_person(street_db, clerk, {"name": "王刚"}).id
    topic_id = save_topic(street_db, clerk, {"year": 2021, "title": "白石东城中村改造"}).id
    case_id = save_case(street_db, clerk, {"title": "城中村改造", "year": 2021, "topic_id": topic_id,
                                           "community": "白石东"}).id
    set_case_people(street_db, clerk, case_id, [{"person_id": a, "role": "牵头人"}, {"person_id": b, "role": "参与者"}])
    set_case_people(street_db, clerk, case_id, [{"person_id": a, "role": "牵头人"}, {"person_id": c}])
    with street_db.session() as s:
        links = {x.person_id: x for x in s.scalars(select(CasePerson).where(CasePerson.case_id == case_id))}
        assert links[b].deleted is True and links[c].role is None and links[a].owner == "shahe"
    set_case_people(street_db, clerk, case_id, [{"person_id": a, "role": "牵头人"}, {"person_id": b, "role": "执笔"}])
    save_honour(street_db, clerk, {"title": "十佳治理案例", "level": "区级", "case_id": case_id,
                                   "awarded_on": "2021-12-01"})
    detail = case_detail(street_db, case_id)
    assert (detail.topic_title, detail.community_name, detail.street_name) == (
        "白石东城中村改造", "白石东社区", "沙河街道")
    assert sorted((p.name, p.role) for p in detail.people) == [("何明", "牵头人"), ("李红", "执笔")]
    assert [h.title for h in detail.honours] == ["十佳治理案例"]
    assert _count(street_db, CasePerson) == 3  # b revived, not inserted twice
    # a linked person sees the case's honour when asked
    assert [h.target_kind for h in honours_of_person(street_db, b, include_cases=True)] == ["case"]
    audits = _count(street_db, AuditOperation)
    with pytest.raises(ValidationErrors, match="何明 出现了两次"):
        set_case_people(street_db, clerk, case_id, [{"person_id": a}, {"person_id": a, "role": "x"}])
    assert _count(street_db, AuditOperation) == audits


def test_case_of_another_street_is_read_only(
    street_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    from yanqun_desktop.db.models import Street

    with street_db.session() as s:
        xili = s.scalars(select(Street.id).where(Street.code == "xili")).one()
    case_id = save_case(street_db, district_officer, {"title": "西丽的案例", "street_id": xili}).id
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    with pytest.raises(PermissionDenied, match="其他街道的案例"):
        set_case_people(street_db, clerk, case_id, [{"person_id": pid}])
    assert _count(street_db, CasePerson) == 0
