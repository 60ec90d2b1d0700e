"""The figures as plain frozen dataclasses: what the dashboard, the CLI and the workbook read.

Every section is computed in SQL (see the sibling modules); these classes only hold the
results and turn them into JSON. A :class:`Breakdown` is the shape most figures share: counts
by category, one row per street (the district sees all eight; a street sees itself)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.services.attendance import Rate


@dataclass(frozen=True)
class Category:
    key: str  # stable code, e.g. "studio_training", "31-35", "大学本科"
    label: str  # Chinese label as printed


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class StreetCounts:
    street_code: str | None  # None: rows of no street (the district's camp, district-level records)
    street_name: str
    counts: tuple[int, ...]  # aligned with the breakdown's categories

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Breakdown:
    """Counts by category per street; ``rows`` in street order."""

    categories: tuple[Category, ...]
    rows: tuple[StreetCounts, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(r.counts[i] for r in self.rows) for i in range(len(self.categories)))

    def total(self, key: str) -> int:
        return self.totals[self._index(key)]

    def count(self, street_code: str | None, key: str) -> int:
        i = self._index(key)
        return sum(r.counts[i] for r in self.rows if r.street_code == street_code)

    def as_counts(self) -> tuple[Count, ...]:
        """The totals over every street, as labelled counts (for a single-series chart)."""
        return tuple(Count(c.key, c.label, v) for c, v in zip(self.categories, self.totals, strict=True))

    def _index(self, key: str) -> int:
        for i, c in enumerate(self.categories):
            if c.key == key:
                return i
        raise KeyError(key)


@dataclass(frozen=True)
class PeopleFigures:
    people: int  # people on record (not retired) at the date
    average_age: float | None  # of those with a birth date, completed years at the date
    roles: Breakdown  # trainees in training / trained, camp, TAs, mentors, reserve, committee ...
    age_bands: Breakdown
    education: Breakdown
    talents: Breakdown  # 四类社区人才
    tutors: tuple[Count, ...]  # by school (district: the accepted pool; street: who taught there)


@dataclass(frozen=True)
class CohortFigures:
    id: str
    kind: str  # studio | camp
    kind_label: str  # 书记工作室 | 青训营
    name: str
    street_name: str  # empty for the district's camp
    number: int
    start_date: dt.date | None
    end_date: dt.date | None
    trainees: int  # enrolled as trainee by the date (in scope)
    left: int  # of them, left before the date
    staff: int  # TAs, mentors, experts, lead
    sessions: int
    hours: float
    attendance: Rate  # the cohort's own trainees at its sessions (as services.attendance.cohort_rate)


@dataclass(frozen=True)
class StreetAttendance:
    street_code: str | None  # None: the district's sessions (camp)
    street_name: str
    sessions: int
    hours: float
    attendance: Rate


@dataclass(frozen=True)
class MonthAttendance:
    year: int
    month: int
    sessions: int
    attendance: Rate

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class TrainingFigures:
    sessions: int
    hours: float
    attendance: Rate  # every recorded roll-call row of the sessions held by the date
    sessions_by_kind: tuple[Count, ...]
    by_street: tuple[StreetAttendance, ...]
    by_month: tuple[MonthAttendance, ...]
    cohorts: tuple[CohortFigures, ...]
    camp_stages: tuple[Count, ...]  # the camp pipeline: 种子遴选 → 育苗特训 → 成材使用
    camp_tiers: tuple[Count, ...]


@dataclass(frozen=True)
class TopicFigures:
    total: int
    by_stage: Breakdown  # per street; categories: at step 1..6, completed
    by_year: tuple[Count, ...]
    by_origin: tuple[Count, ...]
    reports: int  # topics that completed 形成报告


@dataclass(frozen=True)
class HonourFigures:
    cases: int
    cases_by_year: tuple[Count, ...]
    cases_by_street: tuple[Count, ...]
    honours: int
    by_level: Breakdown  # per street (a row with no street for district-level honours)


@dataclass(frozen=True)
class CommitteeProfile:
    """The 两委 members of the terms elected in one year, at their election dates."""

    year: int
    label: str  # e.g. 2021年换届
    terms: int  # communities whose committee was elected that year
    members: int  # distinct people per term
    aged: int  # members with a birth date (the average's denominator)
    average_age: float | None  # completed years (周岁) at the term's election date
    educated: int  # members with an education recorded (the share's denominator)
    bachelor: int  # 大学本科 or above
    bachelor_share: float | None  # 0..1


@dataclass(frozen=True)
class CommitteeFigures:
    profiles: tuple[CommitteeProfile, ...]  # by election year, oldest first

    @property
    def current(self) -> CommitteeProfile | None:
        return self.profiles[-1] if self.profiles else None

    @property
    def previous(self) -> CommitteeProfile | None:
        return self.profiles[-2] if len(self.profiles) > 1 else None

    @property
    def age_change(self) -> float | None:
        """Years, current minus previous term (negative: younger)."""
        cur, prev = self.current, self.previous
        if cur is None or prev is None or cur.average_age is None or prev.average_age is None:
            return None
        return cur.average_age - prev.average_age

    @property
    def share_change(self) -> float | None:
        """Change of the bachelor share as a fraction (0.203 = 20.3 percentage points)."""
        cur, prev = self.current, self.previous
        if cur is None or prev is None or cur.bachelor_share is None or prev.bachelor_share is None:
            return None
        return cur.bachelor_share - prev.bachelor_share


@dataclass(frozen=True)
class ElectedYear:
    """Trainees put to use in one year: elected at a 两委 election or appointed."""

    year: int
    secretaries: int  # trainees newly elected community Party secretary (not secretary there before)
    committee_members: int  # trainees elected to a 两委 that year (any role, re-elected included)
    new_positions: int  # trainees who took up a position after their first enrolment
    archive_elections: int  # people with a 当选 entry in their growth archive
    archive_appointments: int  # people with a 任职 entry


@dataclass(frozen=True)
class ElectedFigures:
    by_year: tuple[ElectedYear, ...]

    def year(self, year: int) -> ElectedYear | None:
        return next((y for y in self.by_year if y.year == year), None)

    @property
    def latest_election(self) -> ElectedYear | None:
        """The latest year in which trainees were elected secretary (the seed's "11 in 2021")."""
        return next((y for y in reversed(self.by_year) if y.secretaries), None)


@dataclass(frozen=True)
class Figure:
    """One headline figure: ``value`` is a count, a float or None (no data); ``unit`` tells
    how to show it: "人", "个", "场", "岁", "%" (value a fraction), "pp" (a fraction shown
    as percentage points), "years" (a signed change in years)."""

    key: str
    label: str
    value: int | float | None
    unit: str


@dataclass(frozen=True)
class Statistics:
    scope_code: str  # a street code, or the district code for everything
    scope_name: str  # 沙河街道 / 南山区
    at: dt.date
    people: PeopleFigures
    training: TrainingFigures
    topics: TopicFigures
    honours: HonourFigures
    committees: CommitteeFigures
    elected: ElectedFigures

    @property
    def is_district(self) -> bool:
        return self.scope_code == DISTRICT_CODE

    @property
    def title(self) -> str:
        return f"{self.scope_name}社区人才培养情况统计"

    def headline(self) -> tuple[Figure, ...]:
        """The figures the district reports first (DOMAIN.md), in the order they are shown."""
        p, t, c = self.people, self.training, self.committees
        cur, prev = c.current, c.previous
        elected = self.elected.latest_election
        figures = [
            Figure("people", "在册人员", p.people, "人"),
            Figure("studio_trained", "工作室累计培养学员", p.roles.total("studio_trained"), "人"),
            Figure("studio_training", "工作室在训学员", p.roles.total("studio_training"), "人"),
            Figure("camp_trained", "青训营累计培养学员", p.roles.total("camp_trained"), "人"),
            Figure("reserve", "人才储备库（储备中）", p.roles.total("reserve"), "人"),
            Figure("tutors", "师资", sum(x.value for x in p.tutors), "人"),
            Figure("elected_year", "学员当选社区党委书记的换届年份", elected.year if elected else None, "年"),
            Figure("elected_secretaries", "学员当选社区党委书记", elected.secretaries if elected else 0, "人"),
            Figure("committee_year", "两委换届（本届）", cur.year if cur else None, "年"),
            Figure("committee_members", "本届两委成员", cur.members if cur else 0, "人"),
            Figure("committee_age", "本届两委平均年龄", cur.average_age if cur else None, "岁"),
            Figure("committee_age_change", "平均年龄较上届变化", c.age_change, "years"),
            Figure("committee_bachelor", "本届两委本科以上学历占比", cur.bachelor_share if cur else None, "%"),
            Figure("committee_bachelor_change", "本科以上学历占比较上届变化", c.share_change, "pp"),
            Figure("previous_committee_age", "上届两委平均年龄", prev.average_age if prev else None, "岁"),
            Figure("previous_committee_bachelor", "上届两委本科以上学历占比",
                   prev.bachelor_share if prev else None, "%"),
            Figure("cohorts", "期次（工作室与青训营）", len(t.cohorts), "个"),
            Figure("sessions", "课程活动", t.sessions, "场"),
            Figure("hours", "课程活动学时", t.hours, "学时"),
            Figure("attendance_rate", "出勤率", t.attendance.rate, "%"),
            Figure("topics", "微改革课题", self.topics.total, "个"),
            Figure("topic_reports", "形成报告的课题", self.topics.reports, "个"),
            Figure("cases", "治理案例", self.honours.cases, "个"),
            Figure("honours", "荣誉", self.honours.honours, "项"),
        ]
        return tuple(figures)

    def as_json(self) -> dict[str, Any]:
        """One JSON-ready object (CLI ``stats --json``): dates as ISO text, rates with their
        counts, breakdowns with categories, rows and totals; no personal data."""
        out: dict[str, Any] = {
            "scope": {"code": self.scope_code, "name": self.scope_name, "is_district": self.is_district},
            "title": self.title,
            "at": self.at.isoformat(),
            "headline": {f.key: f.value for f in self.headline()},
        }
        for name in ("people", "training", "topics", "honours", "committees", "elected"):
            out[name] = plain(getattr(self, name))
        c = self.committees
        out["committees"].update(
            current=plain(c.current), previous=plain(c.previous), age_change=c.age_change,
            share_change=c.share_change,
        )
        return out


def plain(value: Any) -> Any:
    """Dataclasses, tuples and dates to JSON-ready values."""
    if isinstance(value, Rate):
        return {"recorded": value.recorded, "present": value.present, "late": value.late, "leave": value.leave,
                "absent": value.absent, "attended": value.attended, "rate": value.rate}
    if isinstance(value, Breakdown):
        return {
            "categories": [plain(c) for c in value.categories],
            "rows": [{"street_code": r.street_code, "street_name": r.street_name, "counts": list(r.counts),
                      "total": r.total} for r in value.rows],
            "totals": list(value.totals),
        }
    if isinstance(value, MonthAttendance):
        return {"month": value.label, "sessions": value.sessions, "attendance": plain(value.attendance)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
