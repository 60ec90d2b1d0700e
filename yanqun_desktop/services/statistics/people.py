"""People by role, age band, education and talent kind, per street (grouped counts in SQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from yanqun_desktop.db.models import (
    Cohort,
    CommitteeMember,
    CommitteeTerm,
    Community,
    Enrolment,
    Person,
    PersonTalent,
    ReserveEntry,
    SessionTutor,
    TrainingSession,
    Tutor,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.statistics.model import Count, PeopleFigures
from yanqun_desktop.services.statistics.scope import AGE_BANDS, UNKNOWN, Scope, age_at, age_band, enrolled_by, on_record

ROLES: tuple[tuple[str, str], ...] = (
    ("people", "在册人员"),
    ("studio_training", "工作室在训学员"),
    ("studio_trained", "工作室累计学员"),
    ("camp_training", "青训营在训学员"),
    ("camp_trained", "青训营累计学员"),
    ("ta", "助教"),
    ("mentor", "导师"),
    ("reserve", "储备库·储备中"),
    ("reserve_used", "储备库·已使用"),
    ("committee", "现任两委成员"),
)


def role_selects(scope: Scope) -> dict[str, Select[Any]]:
    """Each role's people as a ``select(Person.street_id, Person.id ...)`` (rows may repeat a
    person): the figures count them distinct per street; the dashboard lists them."""
    at = scope.at
    in_scope = scope.where(Person.street_id)
    out: dict[str, Select[Any]] = {}
    for kind in ("studio", "camp"):
        trained = _enrolled(kind, "trainee", at).where(~Person.deleted, in_scope)
        out[f"{kind}_trained"] = trained
        out[f"{kind}_training"] = trained.where(
            on_record(at), or_(Enrolment.left_on.is_(None), Enrolment.left_on >= at),
            or_(Cohort.end_date.is_(None), Cohort.end_date >= at))
    out["ta"] = _enrolled("studio", "ta", at).where(on_record(at), in_scope)
    out["mentor"] = _enrolled(None, "mentor", at).where(on_record(at), in_scope)
    for status, key in (("reserve", "reserve"), ("used", "reserve_used")):
        out[key] = (
            select(Person.street_id, Person.id)
            .join(ReserveEntry, ReserveEntry.person_id == Person.id)
            .where(~ReserveEntry.deleted, ReserveEntry.status == status,
                   or_(ReserveEntry.added_on.is_(None), ReserveEntry.added_on <= at), on_record(at), in_scope)
        )
    out["committee"] = _current_committee(scope)
    return out


def people_figures(s: Session, scope: Scope) -> PeopleFigures:
    at = scope.at
    in_scope = scope.where(Person.street_id)
    roles: list[tuple[Any, Any, Any]] = []
    for key, people in role_selects(scope).items():
        roles += _per_street(s, key, people)

    # One pass over people for the count, the average age, age bands and education, grouped
    # by (street, band, education): at most a few hundred groups, summed up here. (A pivot of
    # SUM(CASE ...) columns would evaluate the band and education expressions once per column
    # per row: measured 5x slower on 100,000 people.)
    band, education_key = age_band(Person.birth_date, at), _education_key()
    grouped = s.execute(
        select(Person.street_id, band, education_key, func.count(), func.count(Person.birth_date),
               func.coalesce(func.sum(age_at(Person.birth_date, at)), 0))
        .where(on_record(at), in_scope)
        .group_by(Person.street_id, band, education_key)
    ).all()
    ages: list[tuple[Any, Any, Any]] = []
    education: list[tuple[Any, Any, Any]] = []
    people = aged = age_sum = 0
    for street_id, band_key, education_value, n, n_aged, n_age_sum in grouped:
        people, aged, age_sum = people + int(n), aged + int(n_aged), age_sum + int(n_age_sum)
        roles.append((street_id, "people", n))
        ages.append((street_id, band_key, n))
        education.append((street_id, education_value, n))
    # Driven from the talents (fewer rows than people).
    talents = s.execute(
        select(Person.street_id, PersonTalent.kind, func.count(func.distinct(PersonTalent.person_id)))
        .select_from(PersonTalent)
        .join(Person, Person.id == PersonTalent.person_id)
        .where(~PersonTalent.deleted, or_(PersonTalent.since.is_(None), PersonTalent.since <= at),
               on_record(at), in_scope)
        .group_by(Person.street_id, PersonTalent.kind)
    ).all()
    return PeopleFigures(
        people=people,
        average_age=age_sum / aged if aged else None,
        roles=scope.breakdown(ROLES, roles),
        age_bands=scope.breakdown([(k, lb) for k, lb, _ in AGE_BANDS] + [UNKNOWN], ages),
        education=scope.breakdown([(v, v) for v in vocab.EDUCATION.values] + [UNKNOWN], education),
        talents=scope.breakdown(vocab.TALENT_KIND.items(), talents),
        tutors=_tutors(s, scope),
    )


def _education_key() -> ColumnElement[str]:
    """The canonical value, or 未填 for a blank or a value the vocabulary does not know."""
    return case((Person.education.in_(vocab.EDUCATION.values), Person.education), else_=UNKNOWN[0])


def _per_street(s: Session, key: str, people: Select[Any]) -> list[tuple[Any, Any, Any]]:
    """Distinct people per street of a ``select(Person.street_id, Person.id ...)``-shaped query
    (its first column is the street); one grouped query."""
    sub = people.with_only_columns(Person.street_id.label("street_id"), Person.id.label("person_id")).subquery()
    rows = s.execute(
        select(sub.c.street_id, literal(key), func.count(func.distinct(sub.c.person_id))).group_by(sub.c.street_id)
    ).all()
    return [tuple(r) for r in rows]


def _enrolled(kind: str | None, role: str, at: Any) -> Select[Any]:
    stmt = (
        select(Person.street_id, Person.id)
        .join(Enrolment, Enrolment.person_id == Person.id)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .where(~Enrolment.deleted, ~Cohort.deleted, Enrolment.role == role, enrolled_by(at, Cohort.start_date))
    )
    return stmt.where(Cohort.kind == kind) if kind else stmt


def current_terms(at: Any) -> ColumnElement[bool]:
    """A term that is the community's latest elected by ``at`` and not ended by then."""
    later = aliased(CommitteeTerm)
    return and_(
        ~CommitteeTerm.deleted,
        CommitteeTerm.election_date <= at,
        or_(CommitteeTerm.end_date.is_(None), CommitteeTerm.end_date > at),
        ~exists().where(later.community_id == CommitteeTerm.community_id, ~later.deleted,
                        later.election_date > CommitteeTerm.election_date, later.election_date <= at),
    )


def _current_committee(scope: Scope) -> Select[Any]:
    return (
        select(Person.street_id, Person.id)
        .join(CommitteeMember, CommitteeMember.person_id == Person.id)
        .join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
        .join(Community, Community.id == CommitteeTerm.community_id)
        .where(~CommitteeMember.deleted, ~Person.deleted, current_terms(scope.at), scope.where(Community.street_id))
    )


def _tutors(s: Session, scope: Scope) -> tuple[Count, ...]:
    """The district's pool (accepted, active) by school; for a street, the tutors who taught
    its sessions by the date."""
    stmt = select(Tutor.school, func.count(func.distinct(Tutor.id))).where(~Tutor.deleted)
    if scope.street is None:
        stmt = stmt.where(Tutor.status == "active", Tutor.vetting == "accepted")
    else:
        stmt = stmt.join(SessionTutor, SessionTutor.tutor_id == Tutor.id).join(
            TrainingSession, TrainingSession.id == SessionTutor.session_id
        ).where(~SessionTutor.deleted, ~TrainingSession.deleted, TrainingSession.date <= scope.at,
                TrainingSession.street_id == scope.street.id)
    counts = dict(s.execute(stmt.group_by(Tutor.school)).all())
    return tuple(Count(code, label, int(counts.get(code, 0))) for code, label in vocab.TUTOR_SCHOOL.items())
