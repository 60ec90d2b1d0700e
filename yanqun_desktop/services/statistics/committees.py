"""The 两委 profile per election year and the trainees elected or appointed.

Profile (DOMAIN.md, the seed's 37.9 years / 63.6 %): over the members of the terms elected in a
year (one row per person and term, even when one person holds two posts), their age in
completed years at the term's election date, and the share with 大学本科 or above among the
members whose education is recorded. The previous term is the previous election year."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from yanqun_desktop.db.models import (
    ArchiveEntry,
    Cohort,
    CommitteeMember,
    CommitteeTerm,
    Community,
    Enrolment,
    Person,
    Position,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.statistics.model import CommitteeFigures, CommitteeProfile, ElectedFigures, ElectedYear
from yanqun_desktop.services.statistics.scope import Scope, age_at_column, date_part

SECRETARY = ("party_committee", "secretary")


def committee_figures(s: Session, scope: Scope) -> CommitteeFigures:
    members = (
        select(CommitteeMember.term_id, CommitteeMember.person_id)
        .where(~CommitteeMember.deleted)
        .distinct()
        .subquery()
    )
    year = date_part("year", CommitteeTerm.election_date)
    age = age_at_column(Person.birth_date, CommitteeTerm.election_date)
    bachelor = case((Person.education.in_(sorted(vocab.BACHELOR_OR_ABOVE)), 1), else_=0)
    rows = s.execute(
        select(year, func.count(func.distinct(CommitteeTerm.id)), func.count(), func.count(Person.birth_date),
               func.avg(age), func.count(Person.education), func.coalesce(func.sum(bachelor), 0))
        .select_from(members)
        .join(CommitteeTerm, CommitteeTerm.id == members.c.term_id)
        .join(Person, Person.id == members.c.person_id)
        .join(Community, Community.id == CommitteeTerm.community_id)
        .where(~CommitteeTerm.deleted, ~Person.deleted, CommitteeTerm.election_date <= scope.at,
               scope.where(Community.street_id))
        .group_by(year)
        .order_by(year)
    ).all()
    profiles = []
    for y, terms, count, aged, average, educated, graduates in rows:
        profiles.append(CommitteeProfile(
            year=int(y), label=f"{int(y)}年换届", terms=int(terms), members=int(count), aged=int(aged),
            average_age=float(average) if average is not None else None, educated=int(educated),
            bachelor=int(graduates), bachelor_share=int(graduates) / int(educated) if educated else None,
        ))
    return CommitteeFigures(tuple(profiles))


def _first_enrolment() -> Any:
    """Each trainee's first enrolment date (studio or camp; the cohort's start if unrecorded)."""
    return (
        select(Enrolment.person_id.label("person_id"),
               func.min(func.coalesce(Enrolment.enrolled_on, Cohort.start_date)).label("since"))
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .where(~Enrolment.deleted, ~Cohort.deleted, Enrolment.role == "trainee")
        .group_by(Enrolment.person_id)
        .subquery()
    )


def elected_figures(s: Session, scope: Scope) -> ElectedFigures:
    at = scope.at
    first = _first_enrolment()
    table: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])

    # Trainees (enrolled by the election) elected to a 两委; and of them, the secretaries who
    # were not that community's secretary in an earlier term.
    earlier_m, earlier_t = aliased(CommitteeMember), aliased(CommitteeTerm)

    def before(*extra: Any) -> Any:
        return exists().where(
            earlier_m.term_id == earlier_t.id, earlier_m.person_id == CommitteeMember.person_id, ~earlier_m.deleted,
            ~earlier_t.deleted, earlier_t.community_id == CommitteeTerm.community_id,
            earlier_t.election_date < CommitteeTerm.election_date, *extra)

    year = date_part("year", CommitteeTerm.election_date)
    is_secretary = and_(CommitteeMember.body == SECRETARY[0], CommitteeMember.role == SECRETARY[1])
    was_secretary = before(earlier_m.body == SECRETARY[0], earlier_m.role == SECRETARY[1])
    elected = s.execute(
        select(year,
               func.count(func.distinct(case((and_(is_secretary, ~was_secretary), CommitteeMember.person_id)))),
               func.count(func.distinct(CommitteeMember.person_id)))
        .join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
        .join(Community, Community.id == CommitteeTerm.community_id)
        .join(first, first.c.person_id == CommitteeMember.person_id)
        .join(Person, Person.id == CommitteeMember.person_id)
        .where(~CommitteeMember.deleted, ~CommitteeTerm.deleted, ~Person.deleted, CommitteeTerm.election_date <= at,
               first.c.since <= CommitteeTerm.election_date, scope.where(Community.street_id))
        .group_by(year)
    ).all()
    for y, secretaries, joined in elected:
        table[int(y)][0] += int(secretaries)
        table[int(y)][1] += int(joined)

    # Positions taken up after the first enrolment (appointed, or the post an election gave).
    start_year = date_part("year", Position.start_date)
    positions = s.execute(
        select(start_year, func.count(func.distinct(Position.person_id)))
        .join(first, first.c.person_id == Position.person_id)
        .join(Person, Person.id == Position.person_id)
        .where(~Position.deleted, ~Person.deleted, Position.start_date.is_not(None),
               Position.start_date >= first.c.since, Position.start_date <= at, scope.where(Person.street_id))
        .group_by(start_year)
    ).all()
    for y, n in positions:
        table[int(y)][2] += int(n)

    entry_year = date_part("year", ArchiveEntry.entry_date)
    # The person as a correlated EXISTS, so the few election/appointment entries drive the
    # query rather than a scan of every person.
    live_person = exists().where(Person.id == ArchiveEntry.person_id, ~Person.deleted, scope.where(Person.street_id))
    archive = s.execute(
        select(entry_year, ArchiveEntry.kind, func.count(func.distinct(ArchiveEntry.person_id)))
        .where(~ArchiveEntry.deleted, ArchiveEntry.kind.in_(("election", "appointment")),
               ArchiveEntry.entry_date <= at, live_person)
        .group_by(entry_year, ArchiveEntry.kind)
    ).all()
    for y, kind, n in archive:
        table[int(y)][3 if kind == "election" else 4] += int(n)
    return ElectedFigures(tuple(ElectedYear(y, *table[y]) for y in sorted(table)))
