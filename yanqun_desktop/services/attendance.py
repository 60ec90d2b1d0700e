"""Roll-call (签到/考勤): who should attend a session, recording their attendance, and rates.

The roll lists the trainees enrolled in the session's cohorts on its date, then anyone else
already recorded (guests). Rates are computed in SQL: attended = present + late, over every
recorded status (present, late, excused leave, absent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    Attendance,
    Cohort,
    Community,
    Enrolment,
    Person,
    SessionCohort,
    TrainingSession,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.records import Saved, load_live
from yanqun_desktop.services.uow import unit_of_work

ATTENDED = ("present", "late")
# Excused leave may be recorded before a session; being there (or not) only once it has begun.
FUTURE_ALLOWED = ("leave",)


@dataclass(frozen=True)
class RollRow:
    person_id: str
    name: str
    community: str
    status: str | None  # vocab.ATTENDANCE code, None = not recorded yet
    note: str
    is_guest: bool
    enrolled: bool  # on the roll through a cohort (else added as a guest)


@dataclass(frozen=True)
class RollCall:
    session_id: str
    title: str
    date: dt.date
    kind_label: str
    cohorts: list[str]
    rows: list[RollRow]

    @property
    def in_future(self) -> bool:
        return self.date > dt.date.today()


def _enrolled_on(session_date: dt.date) -> ColumnElement[bool]:
    """Enrolled as a trainee on the session's date (not yet left, not enrolled later)."""
    return and_(
        ~Enrolment.deleted,
        Enrolment.role == "trainee",
        or_(Enrolment.enrolled_on.is_(None), Enrolment.enrolled_on <= session_date),
        or_(Enrolment.left_on.is_(None), Enrolment.left_on >= session_date),
    )


def roll_call(db: Database, session_id: str) -> RollCall:
    with db.session() as s:
        ts = load_live(s, TrainingSession, session_id, "课程活动")
        cohort_ids = list(s.scalars(select(SessionCohort.cohort_id).where(
            SessionCohort.session_id == session_id, ~SessionCohort.deleted)))
        cohort_names = list(s.scalars(select(Cohort.name).where(Cohort.id.in_(cohort_ids)).order_by(Cohort.number)))
        enrolled = set(s.scalars(select(Enrolment.person_id).where(
            Enrolment.cohort_id.in_(cohort_ids), _enrolled_on(ts.date))))
        recorded = {a.person_id: a for a in s.scalars(select(Attendance).where(
            Attendance.session_id == session_id, ~Attendance.deleted))}
        ids = enrolled | set(recorded)
        people = s.execute(
            select(Person.id, Person.name, Community.name)
            .outerjoin(Community, Community.id == Person.community_id)
            .where(Person.id.in_(ids), ~Person.deleted)
            .order_by(Person.name_sort, Person.id)
        ).all()
        rows = []
        for pid, name, community in people:
            a = recorded.get(pid)
            rows.append(RollRow(pid, name, community or "", a.status if a else None, (a.note or "") if a else "",
                                a.is_guest if a else False, pid in enrolled))
        # the roll first, guests after it
        rows.sort(key=lambda r: not r.enrolled)
        return RollCall(ts.id, ts.title, ts.date, vocab.SESSION_KIND.label(ts.kind), cohort_names, rows)


def record_attendance(db: Database, actor: Actor, session_id: str, entries: list[dict[str, Any]]) -> Saved:
    """Save a whole roll-call in one transaction. Each entry: ``person_id``, ``status`` (code,
    label or alias; empty clears an earlier record), ``note``. People not on the roll are kept
    as guests. Unchanged rows are not rewritten, so saving twice changes nothing."""
    with unit_of_work(db, actor, "attendance.record", "记录考勤") as work:
        s = work.session
        ts = load_live(s, TrainingSession, session_id, "课程活动")
        cohort_ids = select(SessionCohort.cohort_id).where(
            SessionCohort.session_id == session_id, ~SessionCohort.deleted)
        enrolled = set(s.scalars(select(Enrolment.person_id).where(
            Enrolment.cohort_id.in_(cohort_ids), _enrolled_on(ts.date))))
        existing = {a.person_id: a for a in s.scalars(select(Attendance).where(Attendance.session_id == session_id))}
        wanted = _validate(s, ts, entries)
        counts = {"new": 0, "updated": 0, "cleared": 0}
        for person_id, (status, note) in wanted.items():
            row = existing.get(person_id)
            if status is None:
                if row is not None and not row.deleted:
                    row.deleted = True
                    counts["cleared"] += 1
                continue
            guest = person_id not in enrolled
            if row is None:
                s.add(Attendance(session_id=session_id, person_id=person_id, status=status, note=note,
                                 is_guest=guest, owner=ts.owner))
                counts["new"] += 1
            elif (row.status, row.note, row.is_guest, row.deleted) != (status, note, guest, False):
                row.status, row.note, row.is_guest, row.deleted = status, note, guest, False
                counts["updated"] += 1
        work.summary = (f"记录考勤：{ts.date.isoformat()} {ts.title}（新增 {counts['new']}，"
                        f"修改 {counts['updated']}，清除 {counts['cleared']}）")
    return Saved(session_id, work.result())


def _validate(s: Any, ts: TrainingSession, entries: list[dict[str, Any]]) -> dict[str, tuple[str | None, str | None]]:
    errors: list[ValidationError] = []
    wanted: dict[str, tuple[str | None, str | None]] = {}
    names = dict(s.execute(select(Person.id, Person.name).where(
        Person.id.in_([str(e.get("person_id")) for e in entries]), ~Person.deleted)).all())
    future = ts.date > dt.date.today()
    for entry in entries:
        person_id = str(entry.get("person_id") or "")
        name = names.get(person_id)
        if name is None:
            errors.append(ValidationError("人员", "考勤名单中有不存在的人员"))
            continue
        if person_id in wanted:
            errors.append(ValidationError("人员", f"{name} 在名单中出现了两次"))
            continue
        try:
            status = vocab.ATTENDANCE.code_from_text_optional(entry.get("status"))
        except ValidationError as e:
            errors.append(ValidationError(e.field, f"{name}：{e.message}"))
            continue
        if future and status is not None and status not in FUTURE_ALLOWED:
            errors.append(ValidationError(
                "出勤情况", f"{name}：活动日期 {ts.date.isoformat()} 尚未到来，只能登记请假"))
            continue
        note = (entry.get("note") or "").strip() or None
        if note and status is None:
            errors.append(ValidationError("出勤情况", f"{name}：填写了备注，但未登记出勤情况"))
            continue
        if note and len(note) > 200:
            errors.append(ValidationError("备注", f"{name}：备注过长（最多 200 字）"))
            continue
        wanted[person_id] = (status, note)
    if errors:
        raise ValidationErrors(errors)
    return wanted


@dataclass(frozen=True)
class Rate:
    recorded: int
    present: int
    late: int
    leave: int
    absent: int

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def rate(self) -> float | None:
        return self.attended / self.recorded if self.recorded else None


def _rate_columns() -> list[ColumnElement[Any]]:
    def n(code: str) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((Attendance.status == code, 1), else_=0)), 0)

    return [func.count(Attendance.id), n("present"), n("late"), n("leave"), n("absent")]


def _rate(row: Any) -> Rate:
    return Rate(*(int(x or 0) for x in row))


def person_rate(db: Database, person_id: str) -> Rate:
    with db.session() as s:
        return _rate(s.execute(select(*_rate_columns()).where(
            Attendance.person_id == person_id, ~Attendance.deleted)).one())


def session_rate(db: Database, session_id: str) -> Rate:
    with db.session() as s:
        return _rate(s.execute(select(*_rate_columns()).where(
            Attendance.session_id == session_id, ~Attendance.deleted)).one())


def cohort_rate(db: Database, cohort_id: str) -> Rate:
    """Over the cohort's sessions and the cohort's own trainees (guests do not count)."""
    with db.session() as s:
        sessions = select(SessionCohort.session_id).where(
            SessionCohort.cohort_id == cohort_id, ~SessionCohort.deleted)
        members = select(Enrolment.person_id).where(
            Enrolment.cohort_id == cohort_id, Enrolment.role == "trainee", ~Enrolment.deleted)
        return _rate(s.execute(select(*_rate_columns()).where(
            Attendance.session_id.in_(sessions), Attendance.person_id.in_(members), ~Attendance.deleted)).one())


def person_rates_in_cohort(db: Database, cohort_id: str) -> dict[str, Rate]:
    """Each trainee's rate over the cohort's sessions, in one grouped query."""
    with db.session() as s:
        sessions = select(SessionCohort.session_id).where(
            SessionCohort.cohort_id == cohort_id, ~SessionCohort.deleted)
        members = select(Enrolment.person_id).where(
            Enrolment.cohort_id == cohort_id, Enrolment.role == "trainee", ~Enrolment.deleted)
        rows = s.execute(
            select(Attendance.person_id, *_rate_columns())
            .where(Attendance.session_id.in_(sessions), Attendance.person_id.in_(members), ~Attendance.deleted)
            .group_by(Attendance.person_id)
        ).all()
        return {r[0]: _rate(r[1:]) for r in rows}
