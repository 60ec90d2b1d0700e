"""What a printed growth archive shows, read through the services (and small reads of our own
where no service exists: ethnicity, sessions as rows, topics, mentors, outcomes, cohorts).

Deliberately absent: the ID-card number and the phone — a printout travels (review meetings,
files in a cabinet), and neither helps a reviewer judge a trainee's growth."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import aliased

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    Attendance,
    Cohort,
    CommitteeMember,
    CommitteeTerm,
    Enrolment,
    MentorLink,
    Person,
    ReserveEntry,
    Topic,
    TopicMember,
    TrainingSession,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.archive import Timeline, person_timeline
from yanqun_desktop.services.assessments import AssessmentView, assessment_history
from yanqun_desktop.services.attendance import Rate, person_rate
from yanqun_desktop.services.honours import HonourView, honours_of_person
from yanqun_desktop.services.photos import get_photo
from yanqun_desktop.services.positions import PositionView, positions_of


@dataclass(frozen=True)
class SessionRow:
    date: dt.date
    title: str
    kind: str
    hours: float
    status: str  # label: 出席 / 迟到 / 请假 / 缺席


@dataclass(frozen=True)
class TopicRow:
    year: int
    title: str
    role: str


@dataclass(frozen=True)
class CohortRow:
    id: str
    kind: str  # studio | camp
    name: str
    role: str
    tier: str
    stage: str
    enrolled_on: dt.date | None
    left_on: dt.date | None


@dataclass
class ArchiveData:
    timeline: Timeline
    ethnicity: str
    street: str
    cohorts: list[CohortRow]
    positions: list[PositionView]
    sessions: list[SessionRow]
    rate: Rate
    topics: list[TopicRow]
    assessments: list[AssessmentView]
    honours: list[HonourView]
    mentors: list[str]  # "张三（第一期，2022-03-01 起）"
    apprentices: list[str]
    outcomes: list[str]
    photo: bytes | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.timeline.name

    @property
    def studio(self) -> str:
        """The cohort for the header: the latest studio cohort, else the latest camp cohort."""
        for kind in ("studio", "camp"):
            rows = [c for c in self.cohorts if c.kind == kind]
            if rows:
                return rows[-1].name
        return ""


def _label(vocabulary: vocab.CodedVocabulary, code: str | None) -> str:
    if not code:
        return ""
    return vocabulary.label(code) if code in vocabulary else code


def read_archive(db: Database, person_id: str, *, with_photo: bool = True) -> ArchiveData:
    timeline = person_timeline(db, person_id)
    photo = get_photo(db, person_id) if with_photo else None
    with db.session() as s:
        p = s.get(Person, person_id)
        assert p is not None  # person_timeline raised NotFound otherwise
        ethnicity = p.ethnicity or ""
        cohorts = [
            CohortRow(c.id, c.kind, c.name, _label(vocab.ENROLMENT_ROLE, e.role), _label(vocab.CAMP_TIER, e.camp_tier),
                      _label(vocab.CAMP_STAGE, e.camp_stage), e.enrolled_on, e.left_on)
            for e, c in s.execute(
                select(Enrolment, Cohort).join(Cohort, Cohort.id == Enrolment.cohort_id)
                .where(Enrolment.person_id == person_id, ~Enrolment.deleted, ~Cohort.deleted)
                .order_by(Cohort.start_date.is_(None), Cohort.start_date, Cohort.number))
        ]
        sessions = [
            SessionRow(d, title, _label(vocab.SESSION_KIND, kind), hours or 0.0, _label(vocab.ATTENDANCE, status))
            for d, title, kind, hours, status in s.execute(
                select(TrainingSession.date, TrainingSession.title, TrainingSession.kind, TrainingSession.hours,
                       Attendance.status)
                .join(Attendance, Attendance.session_id == TrainingSession.id)
                .where(Attendance.person_id == person_id, ~Attendance.deleted, ~TrainingSession.deleted)
                .order_by(TrainingSession.date, TrainingSession.title))
        ]
        topics = [
            TopicRow(year, title, _label(vocab.TOPIC_ROLE, role))
            for year, title, role in s.execute(
                select(Topic.year, Topic.title, TopicMember.role).join(Topic, Topic.id == TopicMember.topic_id)
                .where(TopicMember.person_id == person_id, ~TopicMember.deleted, ~Topic.deleted)
                .order_by(Topic.year, Topic.title))
        ]
        mentors, apprentices = _mentors(s, person_id)
        outcomes = _outcomes(s, person_id, cohorts, timeline)
    return ArchiveData(
        timeline=timeline, ethnicity=ethnicity, street=timeline.street, cohorts=cohorts,
        positions=positions_of(db, person_id), sessions=sessions, rate=person_rate(db, person_id), topics=topics,
        assessments=assessment_history(db, person_id), honours=honours_of_person(db, person_id),
        mentors=mentors, apprentices=apprentices, outcomes=outcomes, photo=photo[0] if photo else None,
    )


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{start.isoformat()} 至 {end.isoformat()}"
    if start:
        return f"{start.isoformat()} 起"
    return ""


def _mentors(s: object, person_id: str) -> tuple[list[str], list[str]]:
    other = aliased(Person)
    out: dict[str, list[str]] = {"mentor": [], "apprentice": []}
    for side, mine, theirs in (("mentor", MentorLink.apprentice_id, MentorLink.mentor_id),
                               ("apprentice", MentorLink.mentor_id, MentorLink.apprentice_id)):
        rows = s.execute(  # type: ignore[attr-defined]
            select(other.name, Cohort.name, MentorLink.start_date, MentorLink.end_date, MentorLink.note)
            .join(other, other.id == theirs)
            .outerjoin(Cohort, Cohort.id == MentorLink.cohort_id)
            .where(mine == person_id, ~MentorLink.deleted, ~other.deleted)
            .order_by(MentorLink.start_date))
        for name, cohort, start, end, note in rows:
            extra = "，".join(x for x in (cohort, _span(start, end), note) if x)
            out[side].append(f"{name}（{extra}）" if extra else name)
    return out["mentor"], out["apprentice"]


def _outcomes(s: object, person_id: str, cohorts: list[CohortRow], timeline: Timeline) -> list[str]:
    """结果运用: reserve pool, camp pipeline, committee (两委) seats, recorded elections/appointments."""
    lines: list[str] = []
    for target, status, added in s.execute(  # type: ignore[attr-defined]
            select(ReserveEntry.target_role, ReserveEntry.status, ReserveEntry.added_on)
            .where(ReserveEntry.person_id == person_id, ~ReserveEntry.deleted)):
        state = {"reserve": "储备中", "used": "已使用", "withdrawn": "已退出"}.get(status, status)
        when = f"，{added.isoformat()} 入库" if added else ""
        lines.append(f"列入社区人才储备库（储备方向：{_label(vocab.RESERVE_TARGET, target)}，{state}{when}）")
    for c in cohorts:
        if c.kind == "camp" and (c.tier or c.stage):
            bits = "，".join(x for x in (c.tier, f"培养阶段：{c.stage}" if c.stage else "") if x)
            lines.append(f"{c.name}：{bits}")
    for label, election, body, role, community in s.execute(  # type: ignore[attr-defined]
            select(CommitteeTerm.label, CommitteeTerm.election_date, CommitteeMember.body, CommitteeMember.role,
                   CommitteeTerm.community_id)
            .join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
            .where(CommitteeMember.person_id == person_id, ~CommitteeMember.deleted, ~CommitteeTerm.deleted)
            .order_by(CommitteeTerm.election_date)):
        del community
        lines.append(f"{election.isoformat()} {label}：当选{_label(vocab.COMMITTEE_BODY, body)}"
                     f"{_label(vocab.COMMITTEE_ROLE, role)}")
    for e in timeline.entries:
        if e.source == "entry" and e.kind in ("election", "appointment"):
            lines.append(f"{e.date.isoformat()} {e.kind_label}：{e.content}")
    return lines


def cohort_person_ids(db: Database, cohort_id: str) -> list[str]:
    """The cohort's active trainees (enrolled as 学员), in name order."""
    with db.session() as s:
        # IN, not a join with DISTINCT: PostgreSQL refuses DISTINCT ordered by columns not selected.
        trainees = select(Enrolment.person_id).where(
            Enrolment.cohort_id == cohort_id, Enrolment.role == "trainee", ~Enrolment.deleted)
        return list(s.scalars(
            select(Person.id).where(Person.id.in_(trainees), ~Person.deleted, Person.status == "active")
            .order_by(Person.name_sort, Person.id)))


def all_person_ids(db: Database) -> list[str]:
    """Every active person who has a growth archive to print: enrolled as a trainee in any cohort
    (studio or camp), in name order. Committee members and others who never trained are left out."""
    with db.session() as s:
        trainees = select(Enrolment.person_id).where(Enrolment.role == "trainee", ~Enrolment.deleted)
        return list(s.scalars(
            select(Person.id).where(Person.id.in_(trainees), ~Person.deleted, Person.status == "active")
            .order_by(Person.name_sort, Person.id)))
