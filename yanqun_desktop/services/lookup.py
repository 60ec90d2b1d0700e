"""Resolving what a clerk or a script names: streets, communities, people (CLI.md, "Identifiers")."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import DISTRICT_CODE, Cohort, Community, Person, Street
from yanqun_desktop.domain.validation import ValidationError, check_id_card
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import Ambiguous, NotFound

DISTRICT_NAMES = {DISTRICT_CODE, "南山区", "南山区委组织部", "district"}


def resolve_street(session: Session, text: str) -> Street:
    """Accepts the code (``shahe``), the full name (沙河街道) or the name without 街道 (沙河)."""
    key = text.strip()
    name = key if key.endswith("街道") else f"{key}街道"
    street = session.scalar(select(Street).where(or_(Street.code == key.lower(), Street.name == name)))
    if street is None:
        raise NotFound(f"没有名为「{key}」的街道。可用：南头、南山、沙河、蛇口、招商、粤海、桃源、西丽。")
    return street


def is_district_name(text: str) -> bool:
    return text.strip() in DISTRICT_NAMES


def community_for(session: Session, actor: Actor, street_id: str, name: str) -> Community:
    """The community of that name in the street; a name the street has not seen before is
    added for it and flagged 待核实 for the district to confirm — never mapped to another."""
    clean = name.strip().replace(" ", "")
    if not clean:
        raise ValidationError("社区", "社区名称不能为空")
    if not clean.endswith("社区"):
        clean += "社区"
    found = session.scalar(
        select(Community).where(Community.street_id == street_id, Community.name == clean, ~Community.deleted)
    )
    if found is not None:
        return found
    community = Community(street_id=street_id, name=clean, verified=False, owner=actor.org_code)
    session.add(community)
    session.flush()  # callers take its id at once
    return community


def find_person(session: Session, identifier: str) -> Person:
    """A person by UUID, ID-card number, or a unique name (an ambiguous name lists candidates,
    by community and birth year — never by ID number)."""
    text = identifier.strip()
    live = ~Person.deleted
    try:
        uuid.UUID(text)
    except ValueError:
        pass
    else:
        person = session.get(Person, text)
        if person is None or person.deleted:
            raise NotFound(f"没有编号为 {text} 的人员。")
        return person
    if len(text) == 18 and text[:17].isdigit():
        try:
            number = check_id_card(text).number
        except ValidationError:
            number = text.upper()
        person = session.scalar(select(Person).where(Person.id_card == number, live))
        if person is None:
            raise NotFound("没有该身份证号对应的人员。")
        return person
    people = list(session.scalars(select(Person).where(Person.name == text, live).limit(20)))
    if not people:
        raise NotFound(f"没有名为「{text}」的人员。")
    if len(people) > 1:
        candidates = [
            f"{p.id}  {p.name}  {p.community.name if p.community else ''}  {p.birth_date.year if p.birth_date else ''}"
            for p in people
        ]
        raise Ambiguous(f"有 {len(people)} 人名为「{text}」，请改用编号：", candidates)
    return people[0]


def find_cohort(session: Session, identifier: str) -> Cohort:
    """A cohort by UUID, ``studio:<period>`` (期数, in this database's street; at the district,
    ambiguous across streets unless written ``studio:<street>:<period>``) or ``camp:<year>``."""
    text = identifier.strip()
    live = ~Cohort.deleted
    kind, _, rest = text.partition(":")
    kind = kind.lower()
    if kind in ("studio", "camp") and rest:
        street_part, _, number_text = rest.rpartition(":")
        try:
            number = int(number_text)
        except ValueError:
            raise NotFound(f"期次「{text}」的写法不对：应为 studio:期数 或 camp:年份。") from None
        stmt = select(Cohort).where(Cohort.kind == kind, Cohort.number == number, live)
        if street_part:
            stmt = stmt.where(Cohort.street_id == resolve_street(session, street_part).id)
        found = list(session.scalars(stmt.limit(20)))
        if not found:
            what = f"第 {number} 期书记工作室" if kind == "studio" else f"{number} 年青训营"
            raise NotFound(f"没有{what}（{text}）。")
        if len(found) > 1:
            raise Ambiguous(f"有 {len(found)} 个期次对应「{text}」，请改用编号或 studio:街道:期数：",
                            [f"{c.id}  {c.name}" for c in found])
        return found[0]
    try:
        uuid.UUID(text)
    except ValueError:
        raise NotFound(f"没有期次「{text}」：请用编号（UUID）、studio:期数 或 camp:年份。") from None
    cohort = session.get(Cohort, text)
    if cohort is None or cohort.deleted:
        raise NotFound(f"没有编号为 {text} 的期次。")
    return cohort
