"""Micro-reform topics (微改革课题) with teams and six-step progress, the reports and governance
cases they produce, and honours for people, cases and communities."""

from __future__ import annotations

import datetime as dt
import hashlib

from yanqun_desktop.domain.vocab import TOPIC_STEP
from yanqun_desktop.services.demo.district import DistrictPlan
from yanqun_desktop.services.demo.model import Community, Person, StreetPlan, random_date
from yanqun_desktop.services.demo.programmes import StudioCohort
from yanqun_desktop.services.demo.texts import (
    CASE_HONOURS,
    CASE_SUBJECTS,
    COMMUNITY_HONOURS,
    DISTRICT_TOPICS,
    NATIONAL_CASE_HONOUR,
    PERSON_HONOURS,
    STEP_NOTES,
    STREET_PERSON_HONOURS,
    TOPIC_OUTCOMES,
)

TOPIC_YEARS = (2021, 2022)
TEAM_ROLES = (("fulltime", "fulltime_worker", 2), ("party_organiser", "party_organiser", 1),
              ("grid_worker", "grid_worker", 2), ("estate_branch_secretary", "estate_branch_secretary", 1))


def build_topics(plan: StreetPlan, district: DistrictPlan, scale: int) -> list[tuple[dict, Community, list[Person]]]:
    """Topics pushed down by the district (district rows) and raised by the street, each with a
    team led by the community's secretary. Returns the finished ones (row, community, team)."""
    rng = plan.rng
    done: list[tuple[dict, Community, list[Person]]] = []
    for year in TOPIC_YEARS:
        pushed = rng.randint(1, 2)
        local = rng.randint(1, 2) + scale // 3000
        for n in range(pushed + local):
            c = rng.choice(plan.communities)
            leader = c.secretary21
            if leader is None:
                continue
            if n < pushed:
                subject = rng.choice(DISTRICT_TOPICS)
                topic = district.add("topics", year=year, title=f"{subject}（{c.name}试点）", origin="district",
                                     street_id=plan.street_id, community_id=c.id,
                                     summary=f"区委组织部{year}年推送课题，由{c.name}党委书记领题攻坚。", outcome=None)
            else:
                subject = rng.choice(CASE_SUBJECTS)[0]
                topic = plan.add("topics", year=year, title=f"{c.name}“{subject}”微改革", origin="local",
                                 street_id=plan.street_id, community_id=c.id,
                                 summary=f"围绕“{subject}”开展调研，探索可复制的治理办法。", outcome=None)
            begun = dt.date(year, rng.randint(3, 5), rng.randint(1, 28))
            team = _team(plan, topic["id"], c, leader, begun)
            finished = _steps(plan, topic, begun, year)
            if finished:
                topic["outcome"] = rng.choice(TOPIC_OUTCOMES)
                if topic["origin"] == "district":  # the street's result of a pushed topic is the street's row
                    plan.add("topic_outcomes", topic_id=topic["id"], outcome=topic["outcome"])
                _report(plan, topic, leader)
                done.append((topic, c, team))
    return done


def _team(plan: StreetPlan, topic_id: str, c: Community, leader: Person, begun: dt.date) -> list[Person]:
    rng = plan.rng
    plan.add("topic_members", topic_id=topic_id, person_id=leader.id, role="leader", joined_on=begun)
    team = [leader]
    for source, role, most in TEAM_ROLES:
        pool = [p for p in c.by_role[source] if p.status == "active"]
        for person in rng.sample(pool, min(len(pool), rng.randint(1, most))):
            plan.add("topic_members", topic_id=topic_id, person_id=person.id, role=role, joined_on=begun)
            team.append(person)
    return team


def _steps(plan: StreetPlan, topic: dict, begun: dt.date, year: int) -> bool:
    """Six-step progress: last year's topics mostly finished, this year's at various stages."""
    rng = plan.rng
    steps = len(TOPIC_STEP)
    reached = (steps if rng.random() < 0.8 else rng.randint(4, 5)) if year < TOPIC_YEARS[-1] else rng.randint(1, steps)
    finished = reached == steps and rng.random() < 0.9
    day = begun
    for step_no in range(1, reached + 1):
        completed = None
        if step_no < reached or finished:
            completed = day + dt.timedelta(days=rng.randint(20, 50))
        plan.add("topic_steps", topic_id=topic["id"], step_no=step_no, started_on=day, completed_on=completed,
                 note=STEP_NOTES[step_no - 1])
        day = (completed or day) + dt.timedelta(days=rng.randint(1, 10))
    return finished


def _report(plan: StreetPlan, topic: dict, leader: Person) -> None:
    text = (f"{topic['title']}\n课题报告（演示数据）\n\n课题组长：{leader.name}\n\n"
            f"一、背景\n{topic['summary']}\n\n二、主要做法\n（略）\n\n三、成效与经验\n{topic['outcome']}\n")
    data = text.encode("utf-8")
    plan.add("documents", topic_id=topic["id"], step_no=len(TOPIC_STEP), case_id=None,
             filename=f"{topic['title']}课题报告.txt", mime_type="text/plain; charset=utf-8", size=len(data),
             sha256=hashlib.sha256(data).hexdigest(), data=data)


def build_cases(plan: StreetPlan, district: DistrictPlan, finished, scale: int, actor: str) -> None:
    """Governance cases out of finished topics and from communities' own work, with honours."""
    rng = plan.rng
    cases: list[tuple[dict, list[Person]]] = []
    for topic, c, team in finished:
        if rng.random() < 0.6:
            row = plan.add("governance_cases", title=topic["title"].replace("微改革", "治理案例"), year=topic["year"],
                           street_id=plan.street_id, community_id=c.id, topic_id=topic["id"], summary=topic["outcome"])
            cases.append((row, team))
    for _ in range(rng.randint(2, 3) + scale // 5000):
        c = rng.choice(plan.communities)
        subject, summary = rng.choice(CASE_SUBJECTS)
        team = [p for p in (c.secretary21, *rng.sample(c.people, min(2, len(c.people)))) if p is not None]
        row = plan.add("governance_cases", title=f"{c.name}“{subject}”", year=rng.randint(2019, 2022),
                       street_id=plan.street_id, community_id=c.id, topic_id=None, summary=summary)
        cases.append((row, list(dict.fromkeys(team))))
    for row, team in cases:
        for i, person in enumerate(team[:4]):
            plan.add("case_people", case_id=row["id"], person_id=person.id, role="牵头人" if i == 0 else "参与者")
        if rng.random() < 0.4:
            title, level, by = rng.choice(CASE_HONOURS)
            plan.add("honours", title=title, level=level, awarded_on=dt.date(row["year"], 12, rng.randint(1, 28)),
                     awarded_by=by, person_id=None, case_id=row["id"], community_id=None)
    if district.national_case_street == plan.code and cases:
        row = cases[0][0]
        title, level, by = NATIONAL_CASE_HONOUR
        plan.add("honours", title=title, level=level, awarded_on=dt.date(max(row["year"], 2021), 11, 18),
                 awarded_by=by, person_id=None, case_id=row["id"], community_id=None)


def build_honours(plan: StreetPlan, cohorts: list[StudioCohort], actor: str) -> None:
    """Honours to people (小社区·大舞台 新锐头雁 / 魅力头雁 and others) and to communities."""
    rng = plan.rng
    secretaries = [c.secretary21 for c in plan.communities if c.secretary21 is not None]
    young = [p for p in cohorts[-1].trainees if p.age() <= 40]
    awards: list[tuple[Person, tuple[str, str, str], dt.date]] = []
    for person in rng.sample(young, min(len(young), rng.randint(1, 2))):
        awards.append((person, PERSON_HONOURS[0], dt.date(2022, 11, 20)))
    charm = [p for p in secretaries if "trainee" in p.roles] or secretaries
    for person in rng.sample(charm, min(len(charm), rng.randint(1, 2))):
        awards.append((person, PERSON_HONOURS[1], dt.date(2022, 11, 20)))
    for person in rng.sample(secretaries, min(len(secretaries), rng.randint(2, 4))):
        awards.append((person, rng.choice(PERSON_HONOURS[2:]), dt.date(rng.randint(2019, 2022), 6, 30)))
    for cohort in cohorts:
        for person in rng.sample(cohort.trainees, min(len(cohort.trainees), rng.randint(2, 4))):
            title = f"{plan.studio}{cohort.name[-3:]}{STREET_PERSON_HONOURS[3]}"
            awards.append((person, (title, "street", f"{plan.name}党工委"), cohort.row["end_date"]))
    for person, (title, level, by), on in awards:
        plan.add("honours", title=title, level=level, awarded_on=on, awarded_by=by, person_id=person.id,
                 case_id=None, community_id=None)  # the archive derives honours: no typed copy
    for c in rng.sample(plan.communities, min(len(plan.communities), rng.randint(1, 2))):
        title, level, by = rng.choice(COMMUNITY_HONOURS)
        plan.add("honours", title=title, level=level, awarded_on=random_date(rng, dt.date(2020, 6, 1),
                 dt.date(2022, 12, 1)), awarded_by=by, person_id=None, case_id=None, community_id=c.id)
