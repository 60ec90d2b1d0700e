"""Sessions (课程/活动), their tutors and cohorts, and attendance.

Each studio cohort gets 9 通识课程 + 4 实践课程 + site visits, case sharing, expert consultations,
group discussions and one contest; each camp year its own sessions. Attendance covers the
enrolled trainees; open sessions (courses, case sharing, site visits, contests) also take
guests from the street's other people, and when ``attendance_per_person`` asks for more rows
than the cohort sessions can seat, the street holds extra 专题轮训 sessions for its community
workers, so that a street of N people gets about N x K attendance rows.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.services.demo.district import CampCohort, DistrictPlan, TutorInfo
from yanqun_desktop.services.demo.model import Person, StreetPlan
from yanqun_desktop.services.demo.programmes import StudioCohort
from yanqun_desktop.services.demo.texts import (
    CASE_SUBJECTS,
    CONSULTATION_SUBJECTS,
    DISCUSSION_SUBJECTS,
    FEEDBACK_COMMENTS,
    GENERAL_COURSES,
    LEAVE_NOTES,
    PLACES_DISTRICT,
    PRACTICE_COURSES,
    PRACTICE_TASKS,
)
from yanqun_desktop.services.demo.writer import IdSource

HOURS = {"course": 3.0, "practice_course": 4.0, "site_visit": 3.0, "case_sharing": 2.0,
         "expert_consultation": 2.0, "group_discussion": 2.5, "contest": 4.0}
OPEN_KINDS = frozenset({"course", "case_sharing", "site_visit", "contest"})
GUESTS_PER_OPEN_SESSION = 90
SEATS_PER_EXTRA_SESSION = 60


@dataclass(eq=False, slots=True)
class SessionPlan:
    id: str
    owner: str
    date: dt.date
    kind: str
    roster: list[Person] = field(default_factory=list)  # enrolled: not guests
    guests: list[Person] = field(default_factory=list)
    open_roster: bool = False  # an open training: everyone attends as a regular participant


def _dates(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    span = max(1, (end - start).days)
    out = []
    for _ in range(count):
        day = start + dt.timedelta(days=rng.randint(0, span))
        if day.weekday() == 6:  # no Sunday sessions
            day -= dt.timedelta(days=2)
        out.append(max(start, day))
    return sorted(out)


def _session_row(adder, rng: random.Random, *, street_id: str | None, kind: str, title: str,
                 day: dt.date, place: str, task: str | None, hours: float | None = None) -> dict:
    hours = HOURS[kind] if hours is None else hours
    start = dt.time(9, 0) if rng.random() < 0.55 else dt.time(14, 30)
    minutes = start.hour * 60 + start.minute + int(hours * 60)
    return adder("training_sessions", street_id=street_id, kind=kind, title=title, date=day,
                 start_time=start, end_time=dt.time(minutes // 60, minutes % 60), place=place, hours=hours,
                 practice_task=task, note=None)


def _titles(rng: random.Random, plan: StreetPlan, kinds: list[str]) -> list[tuple[str, str, str | None]]:
    """(title, place, 一课一练 task) for each kind, in order."""
    courses = iter(rng.sample(GENERAL_COURSES, sum(k == "course" for k in kinds)))
    practice = iter(rng.sample(PRACTICE_COURSES, sum(k == "practice_course" for k in kinds)))
    visits = rng.sample(plan.communities, len(plan.communities))  # a different community each visit
    visited = 0
    out = []
    for kind in kinds:
        c = rng.choice(plan.communities)
        if kind == "course":
            place = rng.choice((f"{plan.name}党群服务中心", "中共南山区委党校"))
            out.append((next(courses), place, f"一课一练：{rng.choice(PRACTICE_TASKS)}"))
        elif kind == "practice_course":
            out.append((next(practice), f"{c.name}党群服务中心", f"一课一练：{rng.choice(PRACTICE_TASKS)}"))
        elif kind == "site_visit":
            c = visits[visited % len(visits)]
            visited += 1
            out.append((f"现场观摩：{c.name}党群服务中心", f"{c.name}党群服务中心", None))
        elif kind == "case_sharing":
            out.append((f"案例分享：{c.name}“{rng.choice(CASE_SUBJECTS)[0]}”", f"{plan.name}党群服务中心", None))
        elif kind == "expert_consultation":
            out.append((f"专家问诊：{rng.choice(CONSULTATION_SUBJECTS)}", f"{plan.name}党群服务中心", None))
        elif kind == "group_discussion":
            out.append((f"小组研讨：{rng.choice(DISCUSSION_SUBJECTS)}", f"{c.name}党群服务中心", None))
        else:
            out.append(("", f"{plan.name}党群服务中心", None))
    return out


def _tutors_for(rng: random.Random, district: DistrictPlan, kind: str) -> list[TutorInfo]:
    if kind in ("course",):
        pool, n = district.tutors_of("theory", "local"), 1 + (rng.random() < 0.2)
    elif kind in ("practice_course", "case_sharing", "site_visit"):
        pool, n = district.tutors_of("practice"), 1 if kind != "site_visit" else rng.randint(0, 1)
    elif kind == "expert_consultation":
        pool, n = district.accepted_tutors, 2
    elif kind == "contest":
        pool, n = district.accepted_tutors, 3
    else:
        pool, n = district.accepted_tutors, 1 if rng.random() < 0.3 else 0
    return rng.sample(pool, min(n, len(pool)))


def studio_sessions(plan: StreetPlan, district: DistrictPlan, cohorts: list[StudioCohort]) -> list[SessionPlan]:
    rng = plan.rng
    out: list[SessionPlan] = []
    for cohort in cohorts:
        kinds = (["course"] * 9 + ["practice_course"] * 4 + ["site_visit"] * rng.randint(2, 3)
                 + ["case_sharing"] * 2 + ["expert_consultation"] * 2 + ["group_discussion"] * 3)
        rng.shuffle(kinds)
        kinds.append("contest")
        start, end = cohort.row["start_date"], cohort.row["end_date"]
        days = _dates(rng, start + dt.timedelta(days=7), end - dt.timedelta(days=14), len(kinds) - 1)
        camp = district.camps.get(cohort.year)
        last = min(end, camp.row["end_date"]) if camp else end  # the contest serves both cohorts
        days.append(last - dt.timedelta(days=rng.randint(3, 10)))
        for kind, day, (title, place, task) in zip(kinds, days, _titles(rng, plan, kinds), strict=True):
            if kind == "contest":
                title = (f"{cohort.year}年区街PK交流赛（工作室 vs 青训营）" if camp
                         else f"小社区·大舞台（{cohort.year}年）展示交流")
            row = _session_row(plan.add, rng, street_id=plan.street_id, kind=kind, title=title, day=day,
                               place=place, task=task)
            session = SessionPlan(row["id"], plan.code, day, kind)
            session.roster = [p for p in cohort.trainees if cohort.left_on.get(p.id, day) >= day]
            plan.add("session_cohorts", session_id=row["id"], cohort_id=cohort.id)
            if kind == "contest" and camp is not None:
                plan.add("session_cohorts", session_id=row["id"], cohort_id=camp.id)
                ids = {p.id for p in session.roster}
                session.roster += [p for p, _ in camp.trainees if p.street is plan and p.id not in ids]
            for tutor in _tutors_for(rng, district, kind):
                plan.add("session_tutors", session_id=row["id"], tutor_id=tutor.id)
                if rng.random() < 0.4:
                    plan.add("tutor_feedback", tutor_id=tutor.id, session_id=row["id"],
                             rating=rng.choices((5, 4, 3), (55, 35, 10))[0], comment=rng.choice(FEEDBACK_COMMENTS))
            out.append(session)
    return out


def add_guests(plan: StreetPlan, district: DistrictPlan, sessions: list[SessionPlan], target: int) -> None:
    """Seat the street's other people as guests of open sessions, and hold extra open trainings
    when the open sessions cannot seat them all, until attendance reaches ``target`` rows."""
    rng = plan.rng
    guests = target - sum(len(s.roster) for s in sessions)
    enrolled = {p.id for s in sessions for p in s.roster}  # trainees, and camp trainees at contests
    pool = [p for p in plan.people if p.status == "active" and p.id not in enrolled]
    if guests <= 0 or not pool:
        return
    rng.shuffle(pool)
    open_sessions = [s for s in sessions if s.kind in OPEN_KINDS]
    per_open = min(GUESTS_PER_OPEN_SESSION, len(pool) // 2)
    seats: list[tuple[SessionPlan, int]] = []
    if open_sessions and guests <= per_open * len(open_sessions):
        base, extra = divmod(guests, len(open_sessions))
        seats = [(s, base + (i < extra)) for i, s in enumerate(open_sessions)]
    else:
        seats = [(s, per_open) for s in open_sessions]
        rest = guests - per_open * len(open_sessions)
        size = min(SEATS_PER_EXTRA_SESSION, len(pool))
        count = math.ceil(rest / size)
        base, extra = divmod(rest, count)
        for i, (day, title, tutor) in enumerate(_extra_sessions(plan, district, count)):
            c = rng.choice(plan.communities)
            row = _session_row(plan.add, rng, street_id=plan.street_id, kind="course",
                               title=f"社区工作者专题轮训（第{i + 1}场）：{title}", day=day,
                               place=f"{c.name}党群服务中心", task=None, hours=2.0)
            if tutor is not None:
                plan.add("session_tutors", session_id=row["id"], tutor_id=tutor.id)
            session = SessionPlan(row["id"], plan.code, day, "course", open_roster=True)
            sessions.append(session)
            seats.append((session, base + (i < extra)))
    cursor = 0
    for session, count in seats:
        count = min(count, len(pool))
        picked = pool[cursor : cursor + count]
        if len(picked) < count:
            picked += pool[: count - len(picked)]
        cursor = (cursor + count) % len(pool)
        picked.sort(key=attrgetter("id"))  # ids grow in creation order: the unique index appends
        if session.open_roster:
            session.roster = picked
        else:
            session.guests = picked


def _extra_sessions(plan: StreetPlan, district: DistrictPlan, count: int) -> Iterator[tuple]:
    rng = plan.rng
    tutors = district.tutors_of("local", "practice")
    for day in _dates(rng, dt.date(2020, 3, 2), dt.date(2022, 12, 20), count):
        yield day, rng.choice(GENERAL_COURSES), (rng.choice(tutors) if tutors else None)


def camp_sessions(district: DistrictPlan, camp: CampCohort) -> list[SessionPlan]:
    """The camp's own sessions (district-owned) with the camp trainees in this database."""
    rng = district.rng
    kinds = (["course"] * 4 + ["practice_course"] * 2 + ["site_visit"] * 2 + ["case_sharing"]
             + ["expert_consultation"] + ["group_discussion"])
    rng.shuffle(kinds)
    start, end = camp.row["start_date"], camp.row["end_date"]
    days = _dates(rng, start + dt.timedelta(days=7), end - dt.timedelta(days=7), len(kinds))
    courses = iter(rng.sample(GENERAL_COURSES, 4))
    practice = iter(rng.sample(PRACTICE_COURSES, 2))
    stages = {"course": "育苗特训", "practice_course": "育苗特训", "site_visit": "现场观摩",
              "case_sharing": "总结提炼", "expert_consultation": "善谋", "group_discussion": "实干"}
    out = []
    for kind, day in zip(kinds, days, strict=True):
        if kind == "course":
            title = next(courses)
        elif kind == "practice_course":
            title = next(practice)
        else:
            title = f"青训营{stages[kind]}：{rng.choice(DISCUSSION_SUBJECTS + CONSULTATION_SUBJECTS)}"
        task = f"一课一练：{rng.choice(PRACTICE_TASKS)}" if kind in ("course", "practice_course") else None
        row = _session_row(district.add, rng, street_id=None, kind=kind, title=title, day=day,
                           place=rng.choice(PLACES_DISTRICT), task=task)
        district.add("session_cohorts", session_id=row["id"], cohort_id=camp.id)
        for tutor in _tutors_for(rng, district, kind):
            district.add("session_tutors", session_id=row["id"], tutor_id=tutor.id)
        session = SessionPlan(row["id"], DISTRICT_CODE, day, kind)
        session.roster = [p for p, _ in camp.trainees]
        out.append(session)
    return out


# Attendance statuses: (present, late, leave) cumulative thresholds; the rest is absent.
ENROLLED = (0.86, 0.92, 0.97)
GUEST = (0.90, 0.95, 0.97)


def attendance_rows(
    sessions: list[SessionPlan], rng: random.Random, ids: IdSource, first_version: int, batch: int = 50_000
) -> Iterator[list[tuple]]:
    """Batches of (id, owner, version, session_id, person_id, status, is_guest, note), the
    status drawn from ``rng``; ``is_guest`` as 0/1."""
    rows: list[tuple] = []
    append = rows.append
    rand = rng.random
    version = first_version
    for session in sessions:
        sid, owner = session.id, session.owner
        for people, is_guest, (p1, p2, p3) in ((session.roster, 0, ENROLLED), (session.guests, 1, GUEST)):
            if session.open_roster:
                p1, p2, p3 = GUEST
            for person, row_id in zip(people, ids.many(len(people)), strict=True):
                x = rand()
                if x < p1:
                    append((row_id, owner, version, sid, person.id, "present", is_guest, None))
                elif x < p2:
                    append((row_id, owner, version, sid, person.id, "late", is_guest, None))
                elif x < p3:
                    append((row_id, owner, version, sid, person.id, "leave", is_guest, rng.choice(LEAVE_NOTES)))
                else:
                    append((row_id, owner, version, sid, person.id, "absent", is_guest, None))
                version += 1
        if len(rows) >= batch:
            yield rows
            rows = []
            append = rows.append
    if rows:
        yield rows
