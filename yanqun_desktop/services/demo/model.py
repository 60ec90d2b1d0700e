"""In-memory shapes of the demo data before it is written, and the person factory.

Content comes only from the ``random.Random`` streams (seeded by seed and street code), never
from ids, the clock or the order of a set, so one seed always gives the same names, dates and
counts whether a street is generated alone or as part of the district database.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from yanqun_desktop.domain.validation import make_id_card
from yanqun_desktop.services.demo.names import ALL_REGIONS, REGION_INDEX, NameMaker, building_name
from yanqun_desktop.services.demo.writer import IdSource

# Data describe the programme up to the end of 2022 (the seed report's year); ages of people
# without a committee role are drawn against this date, never against today's date.
REFERENCE_DATE = dt.date(2022, 12, 31)
# ID-card order codes: sequences 0..499 per (region, birth date, gender), split into one block
# per street so that two streets can never produce the same number. With 8 streets, street i
# uses 1 + 62 i .. 62 (i + 1), i.e. 1..496 (sequence 0, order code 000/001, is never issued).
SEQUENCE_SPACE = 499

Row = dict[str, Any]


def age_at(birth: dt.date, on: dt.date) -> int:
    """Completed years (周岁) on a date."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def birth_for_age(rng: random.Random, age: int, on: dt.date) -> dt.date:
    """A birth date giving exactly ``age`` completed years on ``on``."""
    try:
        anniversary = on.replace(year=on.year - age)
    except ValueError:  # 29 February
        anniversary = on.replace(year=on.year - age, day=28)
    birth = anniversary - dt.timedelta(days=rng.randint(0, 364))
    while age_at(birth, on) > age:
        birth += dt.timedelta(days=1)
    while age_at(birth, on) < age:
        birth -= dt.timedelta(days=1)
    return birth


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


@dataclass(eq=False, slots=True)
class Person:
    id: str
    street: StreetPlan
    community: Community | None
    name: str
    gender: str
    birth_date: dt.date
    ethnicity: str
    political_status: str
    education: str
    id_card: str
    phone: str | None
    estate: str | None = None
    grid: str | None = None
    building: str | None = None
    status: str = "active"
    retired_on: dt.date | None = None
    retired_reason: str | None = None
    roles: set[str] = field(default_factory=set)  # demo bookkeeping, e.g. "fulltime", "sec21"

    def age(self, on: dt.date = REFERENCE_DATE) -> int:
        return age_at(self.birth_date, on)


@dataclass(eq=False)
class Community:
    id: str
    name: str
    stem: str  # the name without 社区, e.g. 风华
    street: StreetPlan
    estates: list[str] = field(default_factory=list)
    grids: int = 3
    company: str | None = None  # 股份合作公司 of an urban village
    people: list[Person] = field(default_factory=list)
    by_role: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    secretary18: Person | None = None
    secretary21: Person | None = None
    term18: list[tuple[Person, str, str]] = field(default_factory=list)  # (person, body, role)
    term21: list[tuple[Person, str, str]] = field(default_factory=list)
    election18: dt.date = dt.date(2018, 4, 1)
    election21: dt.date = dt.date(2021, 4, 1)


@dataclass(eq=False)
class StreetPlan:
    """One street's demo: its people and records, built from its own random stream."""

    code: str
    name: str
    street_id: str
    index: int  # position among the streets: selects its ID-card sequence block and phone block
    studio_name: str | None
    rng: random.Random
    names: NameMaker
    ids: IdSource
    communities: list[Community] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    staff: dict[str, Person] = field(default_factory=dict)  # lead, expert, instructor
    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    street_count: int = 8
    _slots: dict[tuple[str, dt.date, str], int] = field(default_factory=dict)
    _phone_no: int = 0

    @property
    def studio(self) -> str:
        return f"{self.name}“{self.studio_name}”书记工作室" if self.studio_name else f"{self.name}书记工作室"

    # -- people ----------------------------------------------------------------------------
    def id_card(self, region: str, birth: dt.date, gender: str) -> str:
        """A valid, never repeating ID number: this street's block of order codes, first free
        slot for (region, birth date, gender); another region when a slot block is full."""
        block = SEQUENCE_SPACE // max(8, self.street_count)
        start = REGION_INDEX.get(region, 0)
        for step in range(len(ALL_REGIONS) + 1):
            code = region if step == 0 else ALL_REGIONS[(start + step) % len(ALL_REGIONS)]
            key = (code, birth, gender)
            used = self._slots.get(key, 0)
            if used < block:
                self._slots[key] = used + 1
                return make_id_card(code, birth, 1 + self.index * block + used, gender)
        raise RuntimeError("ID-card sequences exhausted")  # 62 x ~70 regions per birthday: never

    def phone(self) -> str:
        """Invented mobile numbers 170 + street block (2 digits) + 6 digits: unique in a database
        and across streets (the block 99 is the district's tutors)."""
        self._phone_no += 1
        return f"170{self.index:02d}{self._phone_no:06d}"

    def new_person(
        self,
        community: Community | None,
        *,
        gender: str | None = None,
        birth: dt.date | None = None,
        age: int | None = None,
        education: str | None = None,
        political_status: str | None = None,
    ) -> Person:
        rng = self.rng
        gender = gender or ("男" if rng.random() < 0.52 else "女")
        if birth is None:
            birth = birth_for_age(rng, age if age is not None else rng.randint(24, 58), REFERENCE_DATE)
        ethnicity = self.names.ethnicity()
        name = self.names.name_for(gender, ethnicity)
        region = self.names.region(ethnicity)
        person = Person(
            id=self.ids(),
            street=self,
            community=community,
            name=name,
            gender=gender,
            birth_date=birth,
            ethnicity=ethnicity,
            political_status=political_status or _political(rng),
            education=education or _education(rng, age_at(birth, REFERENCE_DATE)),
            id_card=self.id_card(region, birth, gender),
            phone=self.phone() if rng.random() < 0.96 else None,
        )
        if community is not None:
            person.estate = rng.choice(community.estates)
            person.grid = f"第{rng.randint(1, community.grids)}网格"
            if rng.random() < 0.5:
                person.building = building_name(rng)
            community.people.append(person)
        self.people.append(person)
        return person

    def add(self, table: str, **values: Any) -> Row:
        """Queue a row of a street-owned table (owner defaults to this street)."""
        row: Row = {"id": self.ids(), "owner": self.code, **values}
        self.rows[table].append(row)
        return row

    def position(
        self, person: Person, title: str, organisation: str | None, start: dt.date | None, end: dt.date | None = None
    ) -> None:
        self.add("positions", person_id=person.id, title=title, organisation=organisation,
                 start_date=start, end_date=end)


def _political(rng: random.Random) -> str:
    x = rng.random()
    if x < 0.55:
        return "中共党员"
    if x < 0.58:
        return "中共预备党员"
    if x < 0.70:
        return "共青团员"
    if x < 0.72:
        return rng.choice(("民盟盟员", "民进会员", "九三学社社员", "无党派人士"))
    return "群众"


def _education(rng: random.Random, age: int) -> str:
    """Younger people hold higher degrees, as in the seed's committee profile."""
    x = rng.random() + (0.25 if age < 35 else 0.0) - (0.25 if age >= 50 else 0.0)
    if x > 0.97:
        return "硕士研究生"
    if x > 0.45:
        return "大学本科"
    if x > 0.15:
        return "大学专科"
    if x > 0.07:
        return rng.choice(("高中", "中等专科"))
    return "初中"
