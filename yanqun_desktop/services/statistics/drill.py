"""The records behind a dashboard figure: click 工作室在训学员 and see who they are.

``records_behind(db, key, street=..., at=...)`` answers for each headline figure key of
``Statistics.headline()`` with the same filters the figure is computed with (the role selects
of ``people``, the same term year as the 两委 profile ...), so the list has as many entries as
the figure counts. Lists hold no ID numbers and no phones: names, places, dates, counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    Attendance,
    Cohort,
    CommitteeMember,
    CommitteeTerm,
    Community,
    Enrolment,
    GovernanceCase,
    Honour,
    Person,
    Street,
    Topic,
    TopicStep,
    TrainingSession,
    Tutor,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.errors import NotFound
from yanqun_desktop.services.statistics import build_scope
from yanqun_desktop.services.statistics.committees import (
    SECRETARY,
    _first_enrolment,
    committee_figures,
    elected_figures,
)
from yanqun_desktop.services.statistics.outcomes import STAGES, honour_street, stage_key
from yanqun_desktop.services.statistics.people import role_selects
from yanqun_desktop.services.statistics.scope import Scope, age_at, on_record

PEOPLE_COLUMNS = ("姓名", "街道", "社区", "性别", "年龄", "学历")


@dataclass(frozen=True)
class RecordList:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    kind: str  # people | tutors | cohorts | sessions | topics | cases | honours
    ids: tuple[str, ...]  # the record behind each row (a person's id for people lists)


def _people(s: Session, scope: Scope, people: Select[Any], extra: Any = None) -> tuple[list, list]:
    """Distinct people of a ``select(..., Person.id ...)`` as rows, by street then name."""
    ids = people.with_only_columns(Person.id.label("pid")).distinct().subquery()
    age = age_at(Person.birth_date, scope.at) if extra is None else extra
    rows = s.execute(
        select(Person.id, Person.name, Street.name, Community.name, Person.gender, age, Person.education)
        .join(ids, ids.c.pid == Person.id)
        .join(Street, Street.id == Person.street_id)
        .outerjoin(Community, Community.id == Person.community_id)
        .order_by(Street.sort_order, Person.name_sort, Person.id)
    ).all()
    return [r[0] for r in rows], [
        (name, street, community or "", g or "", "" if a is None else int(a), edu or "")
        for _, name, street, community, g, a, edu in rows
    ]


def _term_members(s: Session, scope: Scope, year: int | None) -> tuple[list, list]:
    """Members of the 两委 terms elected in ``year`` (the profile's year), age at election."""
    if year is None:
        return [], []
    members = (
        select(Person.street_id, Person.id)
        .join(CommitteeMember, CommitteeMember.person_id == Person.id)
        .join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
        .join(Community, Community.id == CommitteeTerm.community_id)
        .where(~CommitteeMember.deleted, ~CommitteeTerm.deleted, ~Person.deleted,
               CommitteeTerm.election_date <= scope.at, extract("year", CommitteeTerm.election_date) == year,
               scope.where(Community.street_id))
    )
    return _people(s, scope, members)


def _new_secretaries(s: Session, scope: Scope, year: int | None) -> tuple[list, list]:
    """Trainees newly elected community Party secretary in ``year`` (as ``elected_figures``)."""
    if year is None:
        return [], []
    first = _first_enrolment()
    earlier_m, earlier_t = aliased(CommitteeMember), aliased(CommitteeTerm)
    was_secretary = (
        select(earlier_m.id)
        .join(earlier_t, earlier_t.id == earlier_m.term_id)
        .where(earlier_m.person_id == CommitteeMember.person_id, ~earlier_m.deleted, ~earlier_t.deleted,
               earlier_t.community_id == CommitteeTerm.community_id,
               earlier_t.election_date < CommitteeTerm.election_date,
               earlier_m.body == SECRETARY[0], earlier_m.role == SECRETARY[1])
        .exists()
    )
    elected = (
        select(Person.street_id, Person.id)
        .join(CommitteeMember, CommitteeMember.person_id == Person.id)
        .join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
        .join(Community, Community.id == CommitteeTerm.community_id)
        .join(first, first.c.person_id == Person.id)
        .where(~CommitteeMember.deleted, ~CommitteeTerm.deleted, ~Person.deleted,
               CommitteeTerm.election_date <= scope.at, extract("year", CommitteeTerm.election_date) == year,
               first.c.since <= CommitteeTerm.election_date, CommitteeMember.body == SECRETARY[0],
               CommitteeMember.role == SECRETARY[1], ~was_secretary, scope.where(Community.street_id))
    )
    return _people(s, scope, elected)


def _tutors(s: Session, scope: Scope) -> tuple[list, list]:
    from yanqun_desktop.db.models import SessionTutor

    stmt = select(Tutor.id, Tutor.name, Tutor.school, Tutor.organisation, Tutor.title).where(~Tutor.deleted)
    if scope.street is None:
        stmt = stmt.where(Tutor.status == "active", Tutor.vetting == "accepted")
    else:
        taught = (
            select(SessionTutor.tutor_id)
            .join(TrainingSession, TrainingSession.id == SessionTutor.session_id)
            .where(~SessionTutor.deleted, ~TrainingSession.deleted, TrainingSession.date <= scope.at,
                   TrainingSession.street_id == scope.street.id)
        )
        stmt = stmt.where(Tutor.id.in_(taught))
    rows = s.execute(stmt.order_by(Tutor.school, Tutor.name_sort, Tutor.id)).all()
    schools = dict(vocab.TUTOR_SCHOOL.items())
    return [r[0] for r in rows], [(n, schools.get(k, k), org or "", t or "") for _, n, k, org, t in rows]


def _sessions(s: Session, scope: Scope) -> tuple[list, list]:
    """Sessions held by the date, with their roll-call counts and rate (as the figures)."""
    counts = (
        select(Attendance.session_id.label("sid"), func.count().label("recorded"),
               func.sum(case((Attendance.status.in_(("present", "late")), 1), else_=0)).label("attended"))
        .where(~Attendance.deleted)
        .group_by(Attendance.session_id)
        .subquery()
    )
    rows = s.execute(
        select(TrainingSession.id, TrainingSession.date, TrainingSession.title, TrainingSession.kind, Street.name,
               TrainingSession.hours, counts.c.recorded, counts.c.attended)
        .outerjoin(Street, Street.id == TrainingSession.street_id)
        .outerjoin(counts, counts.c.sid == TrainingSession.id)
        .where(~TrainingSession.deleted, TrainingSession.date <= scope.at, scope.where(TrainingSession.street_id))
        .order_by(TrainingSession.date.desc(), TrainingSession.title)
    ).all()
    kinds = dict(vocab.SESSION_KIND.items())
    out = []
    for _, date, title, kind, street, hours, recorded, attended in rows:
        attended = int(attended or 0)
        rate = f"{attended / recorded:.1%}" if recorded else ""
        out.append((date.isoformat(), title, kinds.get(kind, kind), street or "区级", float(hours or 0),
                    int(recorded or 0), attended, rate))
    return [r[0] for r in rows], out


def _cohorts(s: Session, scope: Scope) -> tuple[list, list]:
    trainees = (
        select(Enrolment.cohort_id.label("cid"), func.count(func.distinct(Enrolment.person_id)).label("n"))
        .join(Person, Person.id == Enrolment.person_id)
        .where(~Enrolment.deleted, Enrolment.role == "trainee", ~Person.deleted, scope.where(Person.street_id))
        .group_by(Enrolment.cohort_id)
        .subquery()
    )
    rows = s.execute(
        select(Cohort.id, Cohort.name, Cohort.kind, Street.name, Cohort.start_date, Cohort.end_date, trainees.c.n)
        .outerjoin(Street, Street.id == Cohort.street_id)
        .outerjoin(trainees, trainees.c.cid == Cohort.id)
        .where(~Cohort.deleted, or_(Cohort.start_date.is_(None), Cohort.start_date <= scope.at),
               or_(Cohort.street_id.is_(None), scope.where(Cohort.street_id)) if scope.street is None
               else or_(Cohort.street_id == scope.street.id, trainees.c.n > 0))
        .order_by(Cohort.kind.desc(), Street.sort_order, Cohort.number)
    ).all()
    kinds = {"studio": "书记工作室", "camp": "青训营"}
    return [r[0] for r in rows], [
        (name, kinds.get(k, k), street or "区级", start.isoformat() if start else "", end.isoformat() if end else "",
         int(n or 0))
        for _, name, k, street, start, end, n in rows
    ]


def _topics(s: Session, scope: Scope, reports_only: bool) -> tuple[list, list]:
    done = (
        select(TopicStep.topic_id.label("tid"), func.max(TopicStep.step_no).label("done"))
        .where(~TopicStep.deleted, TopicStep.completed_on.is_not(None), TopicStep.completed_on <= scope.at)
        .group_by(TopicStep.topic_id)
        .subquery()
    )
    stmt = (
        select(Topic.id, Topic.year, Topic.title, Street.name, func.coalesce(done.c.done, 0))
        .outerjoin(Street, Street.id == Topic.street_id)
        .outerjoin(done, done.c.tid == Topic.id)
        .where(~Topic.deleted, Topic.year <= scope.at.year, scope.where(Topic.street_id))
        .order_by(Topic.year.desc(), Street.sort_order, Topic.title)
    )
    rows = s.execute(stmt).all()
    labels = dict(STAGES)
    kept = [r for r in rows if not reports_only or stage_key(int(r[4])) == "done"]
    return [r[0] for r in kept], [(y, t, st or "区级", labels[stage_key(int(d))]) for _, y, t, st, d in kept]


def _cases(s: Session, scope: Scope) -> tuple[list, list]:
    rows = s.execute(
        select(GovernanceCase.id, GovernanceCase.year, GovernanceCase.title, Street.name)
        .outerjoin(Street, Street.id == GovernanceCase.street_id)
        .where(~GovernanceCase.deleted, or_(GovernanceCase.year.is_(None), GovernanceCase.year <= scope.at.year),
               scope.where(GovernanceCase.street_id))
        .order_by(GovernanceCase.year.desc(), GovernanceCase.title)
    ).all()
    return [r[0] for r in rows], [(y or "", t, st or "区级") for _, y, t, st in rows]


def _honours(s: Session, scope: Scope) -> tuple[list, list]:
    street = honour_street()  # as the honour figures count it
    who = func.coalesce(
        select(Person.name).where(Person.id == Honour.person_id).scalar_subquery(),
        select(GovernanceCase.title).where(GovernanceCase.id == Honour.case_id).scalar_subquery(),
        select(Community.name).where(Community.id == Honour.community_id).scalar_subquery(),
    )
    street_name = select(Street.name).where(Street.id == street).scalar_subquery()
    rows = s.execute(
        select(Honour.id, Honour.awarded_on, Honour.title, Honour.level, who, street_name)
        .where(~Honour.deleted, or_(Honour.awarded_on.is_(None), Honour.awarded_on <= scope.at), scope.where(street))
        .order_by(Honour.awarded_on.desc(), Honour.title)
    ).all()
    levels = dict(vocab.HONOUR_LEVEL.items())
    return [r[0] for r in rows], [
        (d.isoformat() if d else "", t, levels.get(lv, lv), w or "", st or "区级") for _, d, t, lv, w, st in rows
    ]


def _everyone(scope: Scope) -> Select[Any]:
    return select(Person.street_id, Person.id).where(on_record(scope.at), scope.where(Person.street_id))


Lister = Callable[[Session, Scope], tuple[list, list]]
PEOPLE_KEYS = ("studio_trained", "studio_training", "camp_trained", "camp_training", "reserve")
CURRENT_TERM_KEYS = ("committee_year", "committee_members", "committee_age", "committee_bachelor",
                     "committee_age_change", "committee_bachelor_change")
PREVIOUS_TERM_KEYS = ("previous_committee_age", "previous_committee_bachelor")
ELECTED_KEYS = ("elected_year", "elected_secretaries")
SESSION_COLUMNS = ("日期", "名称", "类别", "街道", "学时", "记录人次", "出勤人次", "出勤率")
TOPIC_COLUMNS = ("年度", "课题", "街道", "进度")


def _term_year(s: Session, scope: Scope, previous: bool) -> int | None:
    c = committee_figures(s, scope)
    term = c.previous if previous else c.current
    return term.year if term else None


def _elected_year(s: Session, scope: Scope) -> int | None:
    latest = elected_figures(s, scope).latest_election
    return latest.year if latest else None


def _lister(key: str) -> tuple[str, tuple[str, ...], Lister] | None:
    if key == "people":
        return "people", PEOPLE_COLUMNS, lambda s, scope: _people(s, scope, _everyone(scope))
    if key in PEOPLE_KEYS:
        return "people", PEOPLE_COLUMNS, lambda s, scope: _people(s, scope, role_selects(scope)[key])
    if key in CURRENT_TERM_KEYS or key in PREVIOUS_TERM_KEYS:
        previous = key in PREVIOUS_TERM_KEYS
        return "people", PEOPLE_COLUMNS, lambda s, scope: _term_members(s, scope, _term_year(s, scope, previous))
    if key in ELECTED_KEYS:
        return "people", PEOPLE_COLUMNS, lambda s, scope: _new_secretaries(s, scope, _elected_year(s, scope))
    return {
        "tutors": ("tutors", ("姓名", "类别", "单位", "职务/职称"), _tutors),
        "cohorts": ("cohorts", ("期次", "类别", "街道", "开始", "结束", "学员"), _cohorts),
        "sessions": ("sessions", SESSION_COLUMNS, _sessions),
        "hours": ("sessions", SESSION_COLUMNS, _sessions),
        "attendance_rate": ("sessions", SESSION_COLUMNS, _sessions),
        "topics": ("topics", TOPIC_COLUMNS, lambda s, scope: _topics(s, scope, False)),
        "topic_reports": ("topics", TOPIC_COLUMNS, lambda s, scope: _topics(s, scope, True)),
        "cases": ("cases", ("年度", "案例", "街道"), _cases),
        "honours": ("honours", ("日期", "荣誉", "级别", "获得者", "街道"), _honours),
    }.get(key)


def drillable(key: str) -> bool:
    return _lister(key) is not None


def records_behind(db: Database, key: str, *, street: str | None = None, at: dt.date | None = None,
                   label: str | None = None) -> RecordList:
    """The records the headline figure ``key`` counts (``street``: code or name, None:
    everything; ``label``: the figure's name, for the title). Raises NotFound."""
    at = at or dt.date.today()
    found = _lister(key)
    if found is None:
        raise NotFound(f"“{label or key}”没有可列出的记录")
    kind, columns, lister = found
    with db.session() as s:
        scope = build_scope(s, street, at)
        ids, rows = lister(s, scope)
    title = f"{scope.name} · {label or key}（截至 {at.year}年{at.month}月{at.day}日，{len(rows)} 条）"
    return RecordList(key, title, columns, tuple(rows), kind, tuple(ids))
