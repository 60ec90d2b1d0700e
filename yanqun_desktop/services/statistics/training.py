"""Cohorts, sessions, attendance rates (overall, per street, per month) and the camp pipeline.

Sessions are counted per street, month and kind; attendance is counted per (session, status)
in SQL first (one pass over the covering index ix_attendance_session_status), then joined to
the sessions and grouped by street, month and status; the few thousand grouped rows are summed
here into the totals. The rate is the one of ``services.attendance`` (present + late over every
recorded status)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import Attendance, Cohort, Enrolment, Person, SessionCohort, Street, TrainingSession
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.attendance import Rate, _rate, _rate_columns
from yanqun_desktop.services.statistics.model import (
    CohortFigures,
    Count,
    MonthAttendance,
    StreetAttendance,
    TrainingFigures,
)
from yanqun_desktop.services.statistics.scope import NO_STREET, Scope, date_part, enrolled_by

KIND_LABELS = {"studio": "书记工作室", "camp": "青训营"}
ZERO = Rate(0, 0, 0, 0, 0)


def _add(a: Rate, b: Rate) -> Rate:
    return Rate(a.recorded + b.recorded, a.present + b.present, a.late + b.late, a.leave + b.leave,
                a.absent + b.absent)


def _status_rate(status: str, n: int) -> Rate:
    """``n`` rows of one status as a rate's counts (every status counts as recorded, as
    ``services.attendance._rate_columns``)."""
    return Rate(n, *(n if status == code else 0 for code in ("present", "late", "leave", "absent")))


def training_figures(s: Session, scope: Scope) -> TrainingFigures:
    at = scope.at
    held = and_(~TrainingSession.deleted, TrainingSession.date <= at, scope.where(TrainingSession.street_id))
    year, month = date_part("year", TrainingSession.date), date_part("month", TrainingSession.date)
    session_rows = s.execute(
        select(TrainingSession.street_id, year, month, TrainingSession.kind, func.count(TrainingSession.id),
               func.coalesce(func.sum(TrainingSession.hours), 0.0))
        .where(held)
        .group_by(TrainingSession.street_id, year, month, TrainingSession.kind)
    ).all()
    # Attendance counted per (session, status): with ix_attendance_session_status that is one
    # pass over a covering index in its own order (no table lookups, no sort, no per-row CASE);
    # the ~60,000 resulting rows are joined to their sessions and summed per street and month.
    per_session = (
        select(Attendance.session_id.label("session_id"), Attendance.status.label("status"),
               func.count().label("n"))
        .where(~Attendance.deleted)
        .group_by(Attendance.session_id, Attendance.status)
    )
    if scope.street is not None:  # a street's sessions only: do not aggregate the other streets' rows
        per_session = per_session.where(Attendance.session_id.in_(select(TrainingSession.id).where(held)))
    a = per_session.subquery()
    status_rows = s.execute(
        select(TrainingSession.street_id, year, month, a.c.status, func.sum(a.c.n))
        .join(a, a.c.session_id == TrainingSession.id)
        .where(held)
        .group_by(TrainingSession.street_id, year, month, a.c.status)
    ).all()

    total, sessions, hours = ZERO, 0, 0.0
    by_kind: dict[str, int] = defaultdict(int)
    by_street: dict[str | None, list[Any]] = {}
    by_month: dict[tuple[int, int], list[Any]] = {}
    for street_id, y, m, kind, n, h in session_rows:
        sessions, hours = sessions + n, hours + float(h)
        by_kind[kind] += n
        cell = by_street.setdefault(street_id, [0, 0.0, ZERO])
        cell[0], cell[1] = cell[0] + n, cell[1] + float(h)
        by_month.setdefault((int(y), int(m)), [0, ZERO])[0] += n
    for street_id, y, m, status, n in status_rows:
        rate = _status_rate(status, int(n))
        total = _add(total, rate)
        cell = by_street.setdefault(street_id, [0, 0.0, ZERO])
        cell[2] = _add(cell[2], rate)
        mcell = by_month.setdefault((int(y), int(m)), [0, ZERO])
        mcell[1] = _add(mcell[1], rate)

    streets = [StreetAttendance(st.code, st.name, *by_street.get(st.id, [0, 0.0, ZERO])) for st in scope.streets]
    if scope.street is None and None in by_street:
        streets.append(StreetAttendance(None, NO_STREET, *by_street[None]))
    stages, tiers = _camp_pipeline(s, scope)
    return TrainingFigures(
        sessions=sessions,
        hours=hours,
        attendance=total,
        sessions_by_kind=tuple(Count(c, lb, by_kind.get(c, 0)) for c, lb in vocab.SESSION_KIND.items()),
        by_street=tuple(streets),
        by_month=tuple(MonthAttendance(y, m, n, r) for (y, m), (n, r) in sorted(by_month.items())),
        cohorts=_cohorts(s, scope),
        camp_stages=stages,
        camp_tiers=tiers,
    )


def _cohorts(s: Session, scope: Scope) -> tuple[CohortFigures, ...]:
    """Studio cohorts of the scope and the camp cohorts (for a street: its own people in the
    camp), begun by the date, with enrolments, sessions and the trainees' attendance rate."""
    at = scope.at
    visible = and_(~Cohort.deleted, or_(Cohort.start_date.is_(None), Cohort.start_date <= at),
                   or_(Cohort.kind == "camp", scope.where(Cohort.street_id)))
    cohorts = s.execute(
        select(Cohort.id, Cohort.kind, Cohort.name, Street.name, Cohort.number, Cohort.start_date, Cohort.end_date)
        .outerjoin(Street, Street.id == Cohort.street_id)
        .where(visible)
        .order_by(Cohort.kind.desc(), Street.sort_order, Cohort.number)  # studio first, then the camp
    ).all()
    people_in_scope = scope.where(Person.street_id)
    enrolled = and_(~Enrolment.deleted, enrolled_by(at, Cohort.start_date))
    member_rows = s.execute(
        select(Enrolment.cohort_id, Enrolment.role,
               func.count(func.distinct(Enrolment.person_id)),
               func.count(func.distinct(case((Enrolment.left_on < at, Enrolment.person_id)))))
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(visible, enrolled, ~Person.deleted, people_in_scope)
        .group_by(Enrolment.cohort_id, Enrolment.role)
    ).all()
    trainees: dict[str, tuple[int, int]] = {}
    staff: dict[str, int] = defaultdict(int)
    for cohort_id, role, n, left in member_rows:
        if role == "trainee":
            trainees[cohort_id] = (int(n), int(left))
        else:
            staff[cohort_id] += int(n)
    held = and_(~SessionCohort.deleted, ~TrainingSession.deleted, TrainingSession.date <= at)
    session_rows = s.execute(
        select(SessionCohort.cohort_id, func.count(TrainingSession.id),
               func.coalesce(func.sum(TrainingSession.hours), 0))
        .join(TrainingSession, TrainingSession.id == SessionCohort.session_id)
        .where(held)
        .group_by(SessionCohort.cohort_id)
    ).all()
    sessions = {r[0]: (int(r[1]), float(r[2])) for r in session_rows}
    # As services.attendance.cohort_rate: the cohort's own trainees (guests do not count).
    # The person (at most one row: its primary key) as EXISTS rather than a join: joined, a
    # street's filter on people.street_id drove the query from the street's 12,500 people
    # through all their attendance (~0.5 s); this way the cohorts' sessions drive it (~0.04 s).
    person_in_scope = exists().where(Person.id == Attendance.person_id, people_in_scope)
    rate_rows = s.execute(
        select(SessionCohort.cohort_id, *_rate_columns())
        .join(TrainingSession, TrainingSession.id == SessionCohort.session_id)
        .join(Attendance, Attendance.session_id == SessionCohort.session_id)
        .join(Enrolment, and_(Enrolment.cohort_id == SessionCohort.cohort_id,
                              Enrolment.person_id == Attendance.person_id, Enrolment.role == "trainee",
                              ~Enrolment.deleted))
        .where(held, ~Attendance.deleted, person_in_scope)
        .group_by(SessionCohort.cohort_id)
    ).all()
    rates = {r[0]: _rate(r[1:]) for r in rate_rows}
    out = []
    for cid, kind, name, street_name, number, start, end in cohorts:
        n, left = trainees.get(cid, (0, 0))
        if scope.street is not None and kind == "camp" and n == 0:
            continue  # a camp year without this street's people
        count, hours = sessions.get(cid, (0, 0.0))
        out.append(CohortFigures(cid, kind, KIND_LABELS.get(kind, kind), name, street_name or "", number, start, end,
                                 n, left, staff.get(cid, 0), count, hours, rates.get(cid, ZERO)))
    return tuple(out)


def _camp_pipeline(s: Session, scope: Scope) -> tuple[tuple[Count, ...], tuple[Count, ...]]:
    """Camp trainees enrolled and not left by the date, by pipeline stage and by tier."""
    at = scope.at
    base = (
        select(Enrolment.camp_stage, Enrolment.camp_tier, func.count())
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Cohort.kind == "camp", ~Cohort.deleted, ~Enrolment.deleted, Enrolment.role == "trainee",
               ~Person.deleted, enrolled_by(at, Cohort.start_date),
               or_(Enrolment.left_on.is_(None), Enrolment.left_on >= at), scope.where(Person.street_id))
        .group_by(Enrolment.camp_stage, Enrolment.camp_tier)
    )
    stages: dict[str, int] = defaultdict(int)
    tiers: dict[str, int] = defaultdict(int)
    for stage, tier, n in s.execute(base):
        stages[stage or ""] += n
        tiers[tier or ""] += n
    return (
        tuple(Count(c, lb, stages.get(c, 0)) for c, lb in vocab.CAMP_STAGE.items()),
        tuple(Count(c, lb, tiers.get(c, 0)) for c, lb in vocab.CAMP_TIER.items()),
    )
