"""A street's studio (书记工作室): three cohorts with trainees, TAs, mentors, experts and the
lead; mentor pairs, the talent reserve pool, growth-archive entries and assessments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from yanqun_desktop.services.demo.district import DistrictPlan
from yanqun_desktop.services.demo.model import Person, Row, StreetPlan, random_date
from yanqun_desktop.services.demo.texts import PRACTICE_TASKS

STUDIO_YEARS = ((1, "第一期", 2020, 4), (2, "第二期", 2021, 5), (3, "第三期", 2022, 3))
TALENT_OF_ROLE = {
    "shareholding_chair": "shareholding_chair",
    "owners_chair": "owners_committee_chair",
    "social_org_head": "social_org_head",
    "building_leader": "building_leader",
}


@dataclass(eq=False)
class StudioCohort:
    number: int
    year: int
    row: Row
    trainees: list[Person] = field(default_factory=list)
    left_on: dict[str, dt.date] = field(default_factory=dict)  # person id → date they left
    mentors: list[Person] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def name(self) -> str:
        return self.row["name"]


def build_studio(plan: StreetPlan, scale: int, actor: str) -> list[StudioCohort]:
    rng = plan.rng
    cohorts: list[StudioCohort] = []
    past: set[str] = set()
    ta_used: set[str] = set()
    for number, label, year, month in STUDIO_YEARS:
        start = dt.date(year, month, rng.randint(6, 25))
        end = dt.date(year, 12, rng.randint(10, 28))
        row = plan.add("cohorts", kind="studio", street_id=plan.street_id, number=number,
                       name=f"{plan.studio}{label}", start_date=start, end_date=end,
                       note="“传、帮、带、践”：师傅带徒弟，一课一练")
        cohort = StudioCohort(number, year, row)
        cohorts.append(cohort)
        trainees = _trainees(plan, cohort, scale, past)
        for person, talent in trainees:
            past.add(person.id)
            person.roles.add("trainee")
            left = None
            if rng.random() < 0.03:
                left = random_date(rng, start + dt.timedelta(days=60), end - dt.timedelta(days=30))
                cohort.left_on[person.id] = left
            plan.add("enrolments", cohort_id=cohort.id, person_id=person.id, role="trainee",
                     talent_kind=talent, camp_tier=None, camp_stage=None, enrolled_on=start, left_on=left,
                     note="工作调动，中途退出" if left else None)
            cohort.trainees.append(person)
            archive(plan, person, start, "selection",
                    f"经社区推荐、街道党工委考察，入选{cohort.name}学员", actor)
        _staff_enrolments(plan, cohort, ta_used, start)
        _mentor_pairs(plan, cohort, actor)
    return cohorts


def archive(plan: StreetPlan, person: Person, on: dt.date, kind: str, content: str, actor: str) -> None:
    plan.add("archive_entries", person_id=person.id, entry_date=on, kind=kind, content=content,
             recorded_by=actor)


def _trainees(plan: StreetPlan, cohort: StudioCohort, scale: int, past: set[str]) -> list[tuple[Person, str | None]]:
    """Community secretaries and committee members first, young workers, then the four kinds
    of community talent (股份公司董事长、业委会主任、社会组织负责人、楼栋长)."""
    rng = plan.rng
    size = min(rng.randint(30, 40), max(10, scale // 5))
    term = "committee18" if cohort.year < 2021 else "committee21"
    on = cohort.row["start_date"]
    chosen: list[tuple[Person, str | None]] = []
    seen: set[str] = set(past)

    def take(pool: list[Person], count: int, talent: str | None = None) -> None:
        pool = [p for p in pool if p.id not in seen and p.status == "active" and "tutor" not in p.roles]
        for person in rng.sample(pool, min(count, len(pool), size - len(chosen))):
            seen.add(person.id)
            chosen.append((person, talent))

    if cohort.number == 1:  # the deputies who will be elected secretary in 2021
        take([p for c in plan.communities for p in c.people if "trainee_elected" in p.roles], size)
    leaders = [p for c in plan.communities for p in c.by_role[term] if p.age(on) <= 50]
    take(leaders, round(size * 0.45))
    take([p for c in plan.communities for p in c.by_role["fulltime"] + c.by_role["party_organiser"]
          if p.age(on) <= 40], round(size * 0.15))
    for role, talent in TALENT_OF_ROLE.items():
        take([p for c in plan.communities for p in c.by_role[role]], round(size * 0.1), talent)
    take(leaders + [p for c in plan.communities for p in c.by_role["fulltime"]], size)  # fill up
    return chosen


def _staff_enrolments(plan: StreetPlan, cohort: StudioCohort, ta_used: set[str], start: dt.date) -> None:
    """About 40 young community workers as TAs across the cohorts, community secretaries as
    mentors (导师), the street's party-building expert and instructor, and the lead."""
    rng = plan.rng
    in_cohort = {p.id for p in cohort.trainees}
    young = [p for c in plan.communities for p in c.by_role["fulltime"] + c.by_role["grid_worker"]
             if p.age(start) <= 35 and p.id not in in_cohort and p.id not in ta_used]
    for person in rng.sample(young, min(len(young), rng.randint(12, 15))):
        ta_used.add(person.id)
        person.roles.add("ta")
        plan.add("enrolments", cohort_id=cohort.id, person_id=person.id, role="ta", talent_kind=None,
                 camp_tier=None, camp_stage=None, enrolled_on=start, left_on=None, note="助教")
    term = "sec18" if cohort.year < 2021 else "sec21"
    seniors = [p for c in plan.communities for p in c.people
               if term in p.roles and p.id not in in_cohort and "trainee_elected" not in p.roles]
    cohort.mentors = rng.sample(seniors, min(len(seniors), rng.randint(3, 5)))
    for person in cohort.mentors:
        person.roles.add("mentor")
        plan.add("enrolments", cohort_id=cohort.id, person_id=person.id, role="mentor", talent_kind=None,
                 camp_tier=None, camp_stage=None, enrolled_on=start, left_on=None, note="导师")
    for key, role, note in (("expert", "expert", "党建专家"), ("instructor", "expert", "指导员"),
                            ("lead", "lead", "牵头人")):
        plan.add("enrolments", cohort_id=cohort.id, person_id=plan.staff[key].id, role=role, talent_kind=None,
                 camp_tier=None, camp_stage=None, enrolled_on=start, left_on=None, note=note)


def _mentor_pairs(plan: StreetPlan, cohort: StudioCohort, actor: str) -> None:
    """师傅带徒弟: most trainees are paired with one of the cohort's mentors."""
    rng = plan.rng
    if not cohort.mentors:
        return
    start, end = cohort.row["start_date"], cohort.row["end_date"]
    for i, person in enumerate(cohort.trainees):
        if rng.random() > 0.7 and "trainee_elected" not in person.roles:
            continue
        mentor = cohort.mentors[i % len(cohort.mentors)]
        plan.add("mentor_links", mentor_id=mentor.id, apprentice_id=person.id, cohort_id=cohort.id,
                 start_date=start, end_date=end, note="师傅带徒弟")
        archive(plan, person, start + dt.timedelta(days=7), "mentor", f"与导师{mentor.name}结成师徒对子", actor)


def studio_outcomes(plan: StreetPlan, cohorts: list[StudioCohort], actor: str) -> None:
    """Practice tasks, completion notes and the 2021 elections in the growth archive."""
    rng = plan.rng
    for cohort in cohorts:
        start, end = cohort.row["start_date"], cohort.row["end_date"]
        for person in cohort.trainees:
            if person.id in cohort.left_on:
                continue
            for task in rng.sample(PRACTICE_TASKS, rng.randint(1, 3)):
                archive(plan, person, random_date(rng, start + dt.timedelta(days=20), end), "practice_task",
                        f"完成“一课一练”：{task}", actor)
            archive(plan, person, end, "note", f"完成{cohort.name}全部课程，准予结业", actor)
    first = cohorts[0]
    for person in first.trainees:
        c = person.community
        if c is None or person.id in first.left_on:
            continue
        if "trainee_elected" in person.roles:
            archive(plan, person, c.election21, "election", "2021年社区“两委”换届当选社区党委书记", actor)
        elif "committee21" in person.roles and "committee18" not in person.roles:
            archive(plan, person, c.election21, "election", f"2021年社区“两委”换届当选{c.name}“两委”委员", actor)


def build_reserve(plan: StreetPlan, scale: int) -> None:
    """社区人才储备库: reserve candidates for the four target roles (about 6.5 % of people)."""
    rng = plan.rng
    total = max(8, round(scale * 0.065))
    communities = plan.communities
    pools = {
        "party_secretary": [p for c in communities for p in c.by_role["deputy21"] + c.by_role["committee21"]
                            + c.by_role["fulltime"]
                            if p.age() <= 45 and ("sec21" not in p.roles or "trainee_elected" in p.roles)],
        "shareholding_chair": [p for c in communities if c.company for p in c.people
                               if 30 <= p.age() <= 58 and "shareholding_chair" not in p.roles],
        "social_org_head": [p for c in communities for p in c.by_role["fulltime"] + c.by_role["grid_worker"]
                            + c.by_role["social_org_head"] if p.age() <= 50],
        "owners_committee_chair": [p for c in communities for p in c.by_role["building_leader"]
                                   + c.by_role["estate_branch_secretary"]],
    }
    shares = {"party_secretary": 0.4, "shareholding_chair": 0.15, "social_org_head": 0.2,
              "owners_committee_chair": 0.25}
    for target, pool in pools.items():
        unique = list(dict.fromkeys(p for p in pool if p.status == "active"))
        elected = [p for p in unique if "trainee_elected" in p.roles] if target == "party_secretary" else []
        picks = elected + rng.sample([p for p in unique if p not in elected],
                                     min(len(unique) - len(elected), round(total * shares[target])))
        for person in picks:
            used = target == "party_secretary" and "trainee_elected" in person.roles
            status = "used" if used else rng.choices(("reserve", "used", "withdrawn"), (90, 5, 5))[0]
            plan.add("reserve_entries", person_id=person.id, target_role=target,
                     added_on=random_date(rng, dt.date(2019, 3, 1), dt.date(2022, 10, 31)), status=status,
                     note="第一期学员，2021年换届当选书记" if used else None)


def build_assessments(plan: StreetPlan, cohorts: list[StudioCohort], model: tuple[str, list[str]] | None) -> None:
    """One end-of-cohort assessment per trainee against the (sample) studio model."""
    if model is None:
        return
    rng = plan.rng
    model_id, items = model
    assessor = plan.staff["lead"].name
    for cohort in cohorts:
        for person in cohort.trainees:
            if person.id in cohort.left_on:
                continue
            row = plan.add("assessments", person_id=person.id, model_id=model_id, cohort_id=cohort.id,
                           assessed_on=cohort.row["end_date"], assessor=assessor,
                           note="演示数据：依据示例模型测评")
            level = rng.gauss(3.8, 0.4)
            for node_id in items:
                score = max(1.0, min(5.0, round((level + rng.gauss(0, 0.5)) * 2) / 2))
                plan.add("assessment_scores", assessment_id=row["id"], node_id=node_id, score=score)


def build_recommendations(plan: StreetPlan, district: DistrictPlan) -> None:
    """The street's tutor recommendations (推荐) and one still waiting for the district."""
    rng = plan.rng
    for tutor in district.tutors:
        if tutor.recommended_by_street == plan.code:
            plan.add("tutor_recommendations", street_id=plan.street_id, name=tutor.name,
                     organisation=tutor.row["organisation"], school=tutor.school, subjects=tutor.row["subjects"],
                     reason="授课经验丰富，熟悉社区工作", tutor_id=tutor.id)
    candidates = [c.secretary21 for c in plan.communities if c.secretary21 is not None]
    if candidates:
        person = rng.choice(candidates)
        plan.add("tutor_recommendations", street_id=plan.street_id, name=person.name,
                 organisation=f"{person.community.name}党委" if person.community else None, school="practice",
                 subjects="社区党建、群众工作", reason="优秀社区党委书记，治理经验可复制", tutor_id=None)
