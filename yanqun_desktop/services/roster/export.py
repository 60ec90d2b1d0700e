"""The rows of a roster export, in the template's columns, so an exported file re-imports as
"all unchanged"; and the street's lists the template's drop-downs offer.

ID numbers and phones are masked unless ``include_personal`` is asked for (the CLI's
``--with-id-numbers``). Who may ask comes with accounts and roles (issue 7); until then the
option is the operator's explicit choice. A masked cell re-imports as "as stored"."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    Cohort,
    Community,
    Enrolment,
    Person,
    PersonTalent,
    Position,
    ReserveEntry,
    Street,
    Tutor,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import mask_id_card, mask_phone
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.lookup import resolve_street
from yanqun_desktop.services.programmes import RESERVE_STATUS
from yanqun_desktop.services.roster.specs import KINDS, RosterKind

Cell = str | dt.date | None


@dataclass
class TemplateLists:
    """What the drop-downs of a street's template offer beyond the fixed vocabularies."""

    communities: list[str]
    cohorts: list[str]


def _street_id(session: Session, actor: Actor, street: str | None) -> str | None:
    if street:
        return resolve_street(session, street).id
    return session.scalar(select(Street.id).where(Street.code == actor.org_code))


def template_lists(db: Database, actor: Actor, street: str | None = None) -> TemplateLists:
    with db.session() as s:
        street_id = _street_id(s, actor, street)
        stmt = select(Community.name).where(~Community.deleted).order_by(Community.name)
        cohorts = select(Cohort.name).where(~Cohort.deleted).order_by(Cohort.kind.desc(), Cohort.number)
        if street_id is not None:
            stmt = stmt.where(Community.street_id == street_id)
            cohorts = cohorts.where((Cohort.street_id == street_id) | (Cohort.kind == "camp"))
        return TemplateLists(list(s.scalars(stmt)), list(s.scalars(cohorts)))


def roster_rows(
    db: Database, actor: Actor, kind: str = "people", street: str | None = None, *, include_personal: bool = False
) -> tuple[RosterKind, list[list[Cell]]]:
    """The export's rows (headers excluded) for the actor's street, or ``street`` (the district:
    every street when None)."""
    spec = KINDS[kind]
    id_text = (lambda v: v or None) if include_personal else (lambda v: mask_id_card(v) or None)
    phone_text = (lambda v: v or None) if include_personal else (lambda v: mask_phone(v) or None)
    with db.session() as s:
        street_id = _street_id(s, actor, street) if street or not actor.is_district else None
        if kind == "people":
            return spec, _people(s, street_id, id_text, phone_text)
        if kind == "tutors":
            rows = s.execute(select(Tutor).where(~Tutor.deleted).order_by(Tutor.name_sort)).scalars()
            return spec, [
                [t.name, t.gender, vocab.TUTOR_SCHOOL.label(t.school), t.organisation, t.title, t.subjects,
                 vocab.NOMINATION.label(t.nomination), t.recommended_by, vocab.VETTING.label(t.vetting),
                 phone_text(t.phone), t.note]
                for t in rows
            ]
        if kind == "reserve":
            return spec, _reserve(s, street_id, id_text)
        return spec, _enrolment(s, street_id, id_text)


def _people(s: Session, street_id: str | None, id_text: Any, phone_text: Any) -> list[list[Cell]]:
    where = [~Person.deleted]
    if street_id is not None:
        where.append(Person.street_id == street_id)
    titles: dict[str, list[str]] = defaultdict(list)
    pos = (
        select(Position.person_id, Position.title)
        .join(Person, Person.id == Position.person_id)
        .where(*where, Position.end_date.is_(None), ~Position.deleted)
        .order_by(Position.start_date.is_(None), Position.start_date, Position.id)
    )
    for person_id, title in s.execute(pos):
        titles[person_id].append(title)
    talents: dict[str, list[str]] = defaultdict(list)
    tal = (
        select(PersonTalent.person_id, PersonTalent.kind)
        .join(Person, Person.id == PersonTalent.person_id)
        .where(*where, ~PersonTalent.deleted)
    )
    for person_id, code in s.execute(tal):
        talents[person_id].append(vocab.TALENT_KIND.label(code))
    stmt = (
        select(Person.id, Person.name, Person.gender, Person.birth_date, Person.ethnicity, Person.political_status,
               Person.education, Person.id_card, Person.phone, Community.name, Person.note)
        .outerjoin(Community, Community.id == Person.community_id)
        .where(*where)
        .order_by(Person.name_sort, Person.id)
    )
    return [
        [name, gender, birth, ethnicity, political, education, id_text(id_card), phone_text(phone), community,
         "、".join(titles.get(pid, [])) or None, "、".join(sorted(talents.get(pid, []))) or None, note]
        for pid, name, gender, birth, ethnicity, political, education, id_card, phone, community, note
        in s.execute(stmt)
    ]


def _person_cells(p: Person, id_text: Any) -> list[Cell]:
    return [p.name, id_text(p.id_card), p.birth_date, p.community.name if p.community else None]


def _reserve(s: Session, street_id: str | None, id_text: Any) -> list[list[Cell]]:
    stmt = select(ReserveEntry).join(Person, Person.id == ReserveEntry.person_id).where(~ReserveEntry.deleted)
    if street_id is not None:
        stmt = stmt.where(Person.street_id == street_id)
    return [
        [*_person_cells(e.person, id_text), vocab.RESERVE_TARGET.label(e.target_role), e.added_on,
         RESERVE_STATUS.get(e.status, e.status), e.note]
        for e in s.scalars(stmt.order_by(Person.name_sort, ReserveEntry.target_role))
    ]


def _enrolment(s: Session, street_id: str | None, id_text: Any) -> list[list[Cell]]:
    cohort = aliased(Cohort)
    stmt = (
        select(Enrolment)
        .join(cohort, cohort.id == Enrolment.cohort_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(~Enrolment.deleted, ~cohort.deleted)
    )
    if street_id is not None:
        stmt = stmt.where(Person.street_id == street_id)
    stmt = stmt.order_by(cohort.kind.desc(), cohort.number, Person.name_sort)

    def label(v: Any, code: str | None) -> str | None:
        return v.label(code) if code else None

    return [
        [*_person_cells(e.person, id_text), e.cohort.name, vocab.ENROLMENT_ROLE.label(e.role),
         label(vocab.TALENT_KIND, e.talent_kind), e.enrolled_on, e.left_on, label(vocab.CAMP_TIER, e.camp_tier),
         label(vocab.CAMP_STAGE, e.camp_stage), e.note]
        for e in s.scalars(stmt)
    ]
