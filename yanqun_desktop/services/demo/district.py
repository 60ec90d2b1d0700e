"""District-owned demo records: the tutor pool and the youth vanguard camp (青训营).

They come from their own random stream (seed + "district"), so they are the same whether the
database holds one street or all eight; a street database holds only its own camp trainees.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.services.demo.model import Person, Row, StreetPlan
from yanqun_desktop.services.demo.names import NameMaker
from yanqun_desktop.services.demo.texts import TUTOR_ORGS, TUTOR_SUBJECTS
from yanqun_desktop.services.demo.writer import IdSource

TUTOR_COUNT = 60
CAMP_YEARS = (2021, 2022)
CAMP_SIZE = 30  # trainees per camp cohort across the 8 streets


@dataclass(eq=False)
class TutorInfo:
    row: Row
    school: str
    accepted: bool
    secretary_of: str | None = None  # street code: an excellent community secretary (实践派)
    pick: int = 0
    recommended_by_street: str | None = None

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def name(self) -> str:
        return self.row["name"]


@dataclass(eq=False)
class CampCohort:
    year: int
    row: Row
    trainees: list[tuple[Person, Row]] = field(default_factory=list)  # (person, enrolment row)

    @property
    def id(self) -> str:
        return self.row["id"]


@dataclass(eq=False)
class DistrictPlan:
    rng: random.Random
    names: NameMaker
    ids: IdSource
    street_codes: list[str]  # all streets, in order
    street_names: dict[str, str]
    tutors: list[TutorInfo] = field(default_factory=list)
    camps: dict[int, CampCohort] = field(default_factory=dict)
    camp_quota: dict[str, int] = field(default_factory=dict)
    national_case_street: str = ""
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, **values: Any) -> Row:
        row: Row = {"id": self.ids(), "owner": DISTRICT_CODE, **values}
        self.rows.setdefault(table, []).append(row)
        return row

    @property
    def accepted_tutors(self) -> list[TutorInfo]:
        return [t for t in self.tutors if t.accepted]

    def tutors_of(self, *schools: str) -> list[TutorInfo]:
        return [t for t in self.tutors if t.accepted and t.school in schools]


def build_district(rng: random.Random, ids: IdSource, streets: list[tuple[str, str]]) -> DistrictPlan:
    """Tutors, camp cohorts, the camp quota of each street; ``streets`` = all (code, name)."""
    plan = DistrictPlan(rng, NameMaker(rng), ids, [c for c, _ in streets], dict(streets))
    _tutors(plan)
    for year in CAMP_YEARS:
        row = plan.add("cohorts", kind="camp", street_id=None, number=year,
                       name=f"南山区社区青年先锋训练营（{year}年）",
                       start_date=dt.date(year, 4, 10 + rng.randint(0, 10)),
                       end_date=dt.date(year, 12, 10 + rng.randint(0, 10)),
                       note="区级统筹，一年一期：种子遴选 → 育苗特训 → 成材使用")
        plan.camps[year] = CampCohort(year, row)
    extra = set(rng.sample(range(len(streets)), max(0, min(len(streets), CAMP_SIZE - 3 * len(streets)))))
    plan.camp_quota = {code: 3 + (i in extra) for i, (code, _) in enumerate(streets)}
    plan.national_case_street = rng.choice(plan.street_codes)
    return plan


def _tutors(plan: DistrictPlan) -> None:
    rng = plan.rng
    schools = ["theory"] * 15 + ["local"] * 20 + ["practice"] * 25
    for n, school in enumerate(schools[:TUTOR_COUNT]):
        gender = "男" if rng.random() < 0.6 else "女"
        name = plan.names.han_name(gender)
        organisation, title = rng.choice(TUTOR_ORGS[school])
        info_street = rng.choice(plan.street_codes)
        secretary_of = None
        if organisation == "街道党工委":
            organisation = f"{plan.street_names[info_street]}党工委"
        elif organisation == "社区党委":
            secretary_of = info_street
            organisation = f"{plan.street_names[info_street]}社区党委"
        nomination = "self" if rng.random() < 0.4 else "recommended"
        rec_street = rng.choice(plan.street_codes) if nomination == "recommended" and rng.random() < 0.6 else None
        recommended_by = None
        if nomination == "recommended":
            recommended_by = f"{plan.street_names[rec_street]}党工委" if rec_street else "中共南山区委组织部"
        vetting = rng.choices(("accepted", "vetting", "pending", "rejected"), (75, 10, 10, 5))[0]
        row = plan.add(
            "tutors", name=name, gender=gender, person_id=None, school=school, organisation=organisation,
            title=title, subjects="、".join(rng.sample(TUTOR_SUBJECTS[school], 2)), nomination=nomination,
            recommended_by=recommended_by, vetting=vetting, phone=f"17099{n + 1:06d}",
            status="active" if rng.random() < 0.95 else "retired", note=None,
        )
        plan.tutors.append(TutorInfo(row, school, vetting == "accepted" and row["status"] == "active",
                                     secretary_of, rng.randrange(1000), rec_street))


def link_secretary_tutors(plan: DistrictPlan, streets: dict[str, StreetPlan]) -> None:
    """实践派 tutors who are community secretaries become those people when their street is
    in this database (the tutor row then links ``person_id``)."""
    for tutor in plan.tutors:
        street = streets.get(tutor.secretary_of or "")
        if street is None:
            continue
        secretaries = [c.secretary21 for c in street.communities if c.secretary21 is not None
                       and "trainee_elected" not in c.secretary21.roles]
        if not secretaries:
            continue
        person = secretaries[tutor.pick % len(secretaries)]
        community = person.community
        tutor.row.update(name=person.name, gender=person.gender, person_id=person.id,
                         organisation=f"{community.name}党委" if community else tutor.row["organisation"])
        person.roles.add("tutor")


def select_camp_trainees(plan: DistrictPlan, street: StreetPlan) -> None:
    """The street's young secretaries and deputies for each camp year, with tier and stage.
    Drawn from the street's own random stream; rows are the district's."""
    rng = street.rng
    taken: set[str] = set()
    for year, camp in plan.camps.items():
        on = dt.date(year, 4, 1)
        pools = [
            [p for c in street.communities for p in c.by_role["sec21"] + c.by_role["deputy21"] if p.age(on) <= 40],
            [p for c in street.communities for p in c.by_role["committee21"] if p.age(on) <= 38],
            [p for c in street.communities for p in c.by_role["fulltime"] if p.age(on) <= 35],
        ]
        chosen: list[Person] = []
        for pool in pools:
            pool = [p for p in pool if p.id not in taken and p not in chosen]
            need = plan.camp_quota.get(street.code, 3) - len(chosen)
            if need <= 0:
                break
            chosen.extend(rng.sample(pool, min(need, len(pool))))
        stages = (("in_use", "seedling"), (60, 40)) if year == CAMP_YEARS[0] else (
            ("seed", "seedling", "in_use"), (20, 60, 20))
        for person in chosen:
            taken.add(person.id)
            person.roles.add(f"camp{year}")
            tier = rng.choices(("district_key", "street_core", "reserve"), (27, 40, 33))[0]
            stage = rng.choices(*stages)[0]
            row = plan.add("enrolments", cohort_id=camp.id, person_id=person.id, role="trainee",
                           talent_kind=None, camp_tier=tier, camp_stage=stage,
                           enrolled_on=camp.row["start_date"], left_on=None, note=None)
            camp.trainees.append((person, row))
