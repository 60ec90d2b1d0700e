"""The statistics service: exact figures on a hand-built street, "as of" dates, scopes, and the
demo data landing near the seed's 两委 figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_support import BACKENDS, fresh_database
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, Community
from yanqun_desktop.services.activities import save_case, save_session, save_topic
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.archive import save_archive_entry
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.errors import NotFound
from yanqun_desktop.services.honours import save_honour
from yanqun_desktop.services.people import retire_person, save_person
from yanqun_desktop.services.positions import save_member, save_position, save_talent, save_term
from yanqun_desktop.services.programmes import save_cohort, save_enrolment, save_reserve
from yanqun_desktop.services.statistics import Statistics, compute_statistics
from yanqun_desktop.services.topics import record_step

AT = dt.date(2022, 6, 30)

# name: (birth date, education); C retires in 2021, so is off the record at AT.
PEOPLE = {
    "安一": ("1975-06-01", "大专"),
    "白二": ("1980-05-02", "本科"),
    "陈三": ("1970-01-01", "高中"),
    "丁四": ("1985-05-01", "硕士"),
    "鄂五": ("1990-12-31", "本科"),
    "冯六": ("1995-07-01", ""),
    "郭七": ("1991-06-30", "高中"),  # 31 exactly on AT
    "何八": ("1991-07-01", "大专"),  # 30 on AT, 31 the next day
    "纪九": ("", "博士"),
    "柯十": ("", ""),
}


def _build(db: Database, actor: Actor) -> dict[str, str]:
    ids = {}
    for name, (birth, education) in PEOPLE.items():
        ids[name] = save_person(db, actor, {"name": name, "birth_date": birth, "education": education}).id
    with db.session() as s:
        community = s.scalars(select(Community.id).where(Community.name == "白石东社区")).one()
    # 两委: 2018 — 安一 42, 白二 37 (birthday the day after the election), 陈三 48, 丁四 33 (born on the
    # election day): average 40.0, graduates 2 of 4. 2021 — 白二 secretary and director (one
    # person), 丁四, 鄂五, 冯六 (education not recorded): 41, 36, 30, 25 → 33.0; graduates 3 of 3.
    t18 = save_term(db, actor, {"community_id": community, "election_date": "2018-05-01",
                                "end_date": "2021-05-08"}).id
    for name, role in (("安一", "书记"), ("白二", "委员"), ("陈三", "主任"), ("丁四", "委员")):
        body = "居委会" if role == "主任" else "党委"
        save_member(db, actor, {"term_id": t18, "person_id": ids[name], "body": body, "role": role})
    t21 = save_term(db, actor, {"community_id": community, "election_date": "2021-05-08"}).id
    for name, body, role in (("白二", "党委", "书记"), ("白二", "居委会", "主任"), ("丁四", "党委", "副书记"),
                             ("鄂五", "党委", "委员"), ("冯六", "居委会", "委员")):
        save_member(db, actor, {"term_id": t21, "person_id": ids[name], "body": body, "role": role})
    retire_person(db, actor, ids["陈三"], "换届后退休", on="2021-05-08")

    first = save_cohort(db, actor, {"number": 1, "start_date": "2020-04-01", "end_date": "2020-12-31"}).id
    second = save_cohort(db, actor, {"number": 2, "start_date": "2022-03-01", "end_date": "2022-12-31"}).id
    for name in ("白二", "鄂五", "郭七"):
        save_enrolment(db, actor, {"cohort_id": first, "person_id": ids[name], "enrolled_on": "2020-04-01",
                                   "left_on": "2020-06-01" if name == "郭七" else None})
    for name in ("丁四", "何八"):
        save_enrolment(db, actor, {"cohort_id": second, "person_id": ids[name], "enrolled_on": "2022-03-01"})
    save_enrolment(db, actor, {"cohort_id": second, "person_id": ids["纪九"], "role": "助教",
                               "enrolled_on": "2022-03-01"})
    save_position(db, actor, {"person_id": ids["白二"], "title": "社区党委书记", "start_date": "2021-05-08"})
    save_archive_entry(db, actor, {"person_id": ids["白二"], "entry_date": "2021-05-08", "kind": "当选",
                                   "content": "2021年社区“两委”换届当选社区党委书记"})

    # Cohort 2's sessions: April 2/2 attended (+ a guest absent), May 1 of 2, August after AT.
    for date, kind, hours, roll in (
        ("2022-04-02", "通识课程", 3, {"丁四": "出席", "何八": "迟到", "柯十": "缺席"}),
        ("2022-05-10", "现场观摩", 2, {"丁四": "请假", "何八": "出席"}),
        ("2022-08-01", "小组研讨", 2.5, {"何八": "出席"}),
    ):
        sid = save_session(db, actor, {"title": f"{kind}{date}", "kind": kind, "date": date, "hours": hours,
                                       "cohort_ids": [second]}).id
        record_attendance(db, actor, sid, [{"person_id": ids[n], "status": st} for n, st in roll.items()])

    save_reserve(db, actor, {"person_id": ids["柯十"], "target_role": "社区党委书记", "added_on": "2021-01-01"})
    save_reserve(db, actor, {"person_id": ids["郭七"], "target_role": "业委会主任", "added_on": "2023-01-01"})
    save_talent(db, actor, {"person_id": ids["柯十"], "kind": "楼栋长", "since": "2019-01-01"})

    t1 = save_topic(db, actor, {"year": 2022, "title": "城中村改造"}).id
    t2 = save_topic(db, actor, {"year": 2021, "title": "文明养犬"}).id
    t3 = save_topic(db, actor, {"year": 2022, "title": "加装电梯"}).id
    for step in (1, 2):
        record_step(db, actor, t1, step, "2022-03-01", f"2022-0{3 + step}-01", None)
    for step in range(1, 7):
        record_step(db, actor, t2, step, "2021-03-01", f"2021-{5 + step:02d}-01", None)
    record_step(db, actor, t3, 1, "2022-06-01", "2022-09-01", None)

    case = save_case(db, actor, {"title": "文明养犬", "year": 2021, "topic_id": t2}).id
    save_case(db, actor, {"title": "楼栋长织网", "year": 2023})
    save_honour(db, actor, {"title": "新锐头雁", "level": "区级", "awarded_on": "2022-01-01", "person_id": ids["白二"]})
    save_honour(db, actor, {"title": "十佳治理案例", "level": "市级", "awarded_on": "2021-12-01", "case_id": case})
    save_honour(db, actor, {"title": "先进基层党组织", "level": "省级", "awarded_on": "2023-01-01",
                            "community_id": community})
    return ids


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Built once for the module (the tests only read it), on SQLite and on PostgreSQL: the
    same figures must come out of both."""
    from yanqun_desktop.services.setup import initialise

    path = tmp_path_factory.mktemp("world") / "street.sqlite"
    with fresh_database(request, path, path.parent / "keys") as db:
        initialise(db, "shahe")
        _build(db, Actor("王小红", "admin", "shahe"))
        yield db


@pytest.fixture(scope="module")
def stats(world: Database) -> Statistics:
    return compute_statistics(world, street="shahe", at=AT)


def test_committee_profile_and_change_against_previous_term(stats: Statistics) -> None:
    c = stats.committees
    assert [p.year for p in c.profiles] == [2018, 2021]
    prev, cur = c.previous, c.current
    assert prev is not None and cur is not None
    assert (prev.terms, prev.members, prev.aged, prev.average_age) == (1, 4, 4, 40.0)
    assert (prev.educated, prev.bachelor, prev.bachelor_share) == (4, 2, 0.5)
    assert (cur.members, cur.aged, cur.average_age) == (4, 4, 33.0)  # 白二 counted once for two posts
    assert (cur.educated, cur.bachelor, cur.bachelor_share) == (3, 3, 1.0)  # 冯六's blank is left out
    assert c.age_change == pytest.approx(-7.0) and c.share_change == pytest.approx(0.5)


def test_people_by_role_age_band_education(stats: Statistics) -> None:
    p = stats.people
    assert p.people == 9  # 陈三 retired in 2021
    roles = {c.key: c.value for c in p.roles.as_counts()}
    assert roles == {"people": 9, "studio_training": 2, "studio_trained": 5, "camp_training": 0,
                     "camp_trained": 0, "ta": 1, "mentor": 0, "reserve": 1, "reserve_used": 0, "committee": 4}
    assert {c.key: c.value for c in p.age_bands.as_counts()} == {
        "<=30": 2, "31-35": 2, "36-40": 1, "41-45": 1, "46-50": 1, ">50": 0, "unknown": 2}
    assert p.average_age == pytest.approx((26 + 30 + 31 + 31 + 37 + 42 + 47) / 7)
    education = {c.key: c.value for c in p.education.as_counts() if c.value}
    assert education == {"博士研究生": 1, "硕士研究生": 1, "大学本科": 2, "大学专科": 2, "高中": 1, "unknown": 2}
    assert {c.key: c.value for c in p.talents.as_counts()}["building_leader"] == 1
    assert [r.street_code for r in p.roles.rows] == ["shahe"]


def test_training_cohorts_sessions_attendance(stats: Statistics) -> None:
    t = stats.training
    assert (t.sessions, t.hours) == (2, 5.0)  # the August session is after AT
    assert (t.attendance.recorded, t.attendance.attended, t.attendance.rate) == (5, 3, 0.6)
    assert [(m.label, m.sessions, m.attendance.recorded, m.attendance.attended) for m in t.by_month] == [
        ("2022-04", 1, 3, 2), ("2022-05", 1, 2, 1)]
    assert {c.key: c.value for c in t.sessions_by_kind if c.value} == {"course": 1, "site_visit": 1}
    first, second = t.cohorts
    assert (first.number, first.trainees, first.left, first.sessions) == (1, 3, 1, 0)
    assert (second.trainees, second.staff, second.sessions, second.hours) == (2, 1, 2, 5.0)
    # the cohort's own trainees only: the guest's absence does not count
    assert (second.attendance.recorded, second.attendance.attended) == (4, 3)


def test_topics_cases_honours(stats: Statistics) -> None:
    stages = {c.key: c.value for c in stats.topics.by_stage.as_counts() if c.value}
    assert stages == {"step3": 1, "done": 1, "step1": 1}  # 加装电梯's step 1 completes after AT
    assert stats.topics.total == 3 and stats.topics.reports == 1
    assert stats.honours.cases == 1  # the 2023 case is not counted yet
    levels = {c.key: c.value for c in stats.honours.by_level.as_counts() if c.value}
    assert levels == {"district": 1, "city": 1}


def test_trainees_elected(stats: Statistics) -> None:
    y2021 = stats.elected.year(2021)
    assert y2021 is not None
    # 白二 (trainee since 2020, 2018 member, 2021 secretary) and 鄂五 (trainee, new member);
    # 丁四 enrolled only in 2022.
    assert (y2021.secretaries, y2021.committee_members) == (1, 2)
    assert (y2021.new_positions, y2021.archive_elections) == (1, 1)
    assert stats.elected.latest_election == y2021


def test_as_of_today_counts_later_records(world: Database) -> None:
    later = compute_statistics(world, street="沙河")  # name without 街道; today
    assert later.at == dt.date.today()
    assert later.training.sessions == 3 and later.honours.cases == 2
    assert {c.key: c.value for c in later.topics.by_stage.as_counts() if c.value} == {
        "step3": 1, "done": 1, "step2": 1}
    early = compute_statistics(world, street="shahe", at=dt.date(2019, 1, 1))
    assert [p.year for p in early.committees.profiles] == [2018]
    assert early.committees.age_change is None and early.training.sessions == 0


def test_whole_database_and_unknown_street(world: Database) -> None:
    everything = compute_statistics(world, at=AT)
    assert everything.scope_code == DISTRICT_CODE and everything.title == "南山区社区人才培养情况统计"
    assert len(everything.people.roles.rows) == 8
    assert everything.people.roles.count("shahe", "people") == 9
    assert everything.people.roles.count("nantou", "people") == 0
    with pytest.raises(NotFound, match="火星"):
        compute_statistics(world, street="火星")


def test_json_shape(stats: Statistics) -> None:
    import json

    data = json.loads(json.dumps(stats.as_json(), ensure_ascii=False))
    assert data["scope"] == {"code": "shahe", "name": "沙河街道", "is_district": False}
    assert data["at"] == "2022-06-30" and data["title"] == "沙河街道社区人才培养情况统计"
    assert data["headline"]["committee_age"] == 33.0 and data["headline"]["committee_bachelor_change"] == 0.5
    assert data["committees"]["current"]["year"] == 2021
    assert data["training"]["attendance"]["rate"] == 0.6
    assert data["people"]["age_bands"]["totals"][:2] == [2, 2]
    assert "id_card" not in json.dumps(data)


@pytest.fixture(scope="module", params=BACKENDS)
def demo_district(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The district's demo data at the smallest scale (~1.5 s): the 两委 are built per community.
    On PostgreSQL too: the demo's bulk writer and the statistics' SQL on the district's server."""
    from yanqun_desktop.services.demo import generate_demo

    path: Path = tmp_path_factory.mktemp("demo") / "d.sqlite"
    with fresh_database(request, path, path.parent / "keys") as db:
        generate_demo(db, actor_name="演示员", org_code=DISTRICT_CODE, scale=100, attendance_per_person=1)
        yield db


def test_demo_lands_near_the_seed(demo_district: Database) -> None:
    st = compute_statistics(demo_district, at=dt.date(2022, 12, 31))
    c = st.committees
    assert c.current is not None and c.current.year == 2021 and c.previous is not None
    assert c.current.average_age == pytest.approx(37.9, abs=0.5)
    assert c.current.bachelor_share == pytest.approx(0.636, abs=0.04)
    assert c.age_change == pytest.approx(-3.0, abs=0.6)
    assert c.share_change == pytest.approx(0.203, abs=0.05)
    elected = st.elected.latest_election
    assert elected is not None and elected.year == 2021 and 8 <= elected.secretaries <= 20
    assert st.training.sessions > 0 and 0.8 < (st.training.attendance.rate or 0) <= 1
    assert len(st.training.by_street) == 9  # 8 streets and the district's camp
    assert sum(st.people.age_bands.totals) == st.people.people
