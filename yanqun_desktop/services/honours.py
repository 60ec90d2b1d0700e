"""Honours (荣誉) to a person, a governance case or a community, and the people of a case.

Honours and case links are street rows (SYNC.md); the district may record honours it awards
itself (e.g. 小社区·大舞台), which are then the district's rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    CasePerson,
    Community,
    Document,
    GovernanceCase,
    Honour,
    Person,
    Street,
    Topic,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.records import Saved, delete_record, form_values, load_live, save_record
from yanqun_desktop.services.uow import unit_of_work

TARGETS = (("person_id", "person", "人员"), ("case_id", "case", "治理案例"), ("community_id", "community", "社区"))


@dataclass(frozen=True)
class HonourView:
    id: str
    title: str
    level: str  # vocab.HONOUR_LEVEL code
    level_label: str
    awarded_on: dt.date | None
    awarded_by: str | None
    target_kind: str  # person | case | community
    target_id: str
    target_name: str
    owner: str


@dataclass(frozen=True)
class CasePersonView:
    id: str
    person_id: str
    name: str
    role: str | None


@dataclass(frozen=True)
class CaseDocumentView:
    id: str
    filename: str
    size: int
    sha256: str


@dataclass(frozen=True)
class CaseDetail:
    id: str
    title: str
    year: int | None
    owner: str
    street_id: str | None
    street_name: str | None
    community_id: str | None
    community_name: str | None
    summary: str | None
    topic_id: str | None
    topic_title: str | None
    people: list[CasePersonView]
    honours: list[HonourView]
    documents: list[CaseDocumentView]


# -- reading ------------------------------------------------------------------------------------
def _level_label(code: str) -> str:
    return vocab.HONOUR_LEVEL.label(code) if code in vocab.HONOUR_LEVEL else code


def honour_views(session: Session, stmt: Select[tuple[Honour]]) -> list[HonourView]:
    """Live honours of ``stmt`` (a ``select(Honour)`` with filters), newest first, with the
    name of what each was awarded to. Shared with the topic and case details."""
    rows = list(session.scalars(stmt.where(~Honour.deleted)))
    people = _names(session, Person.id, Person.name, [h.person_id for h in rows])
    cases = _names(session, GovernanceCase.id, GovernanceCase.title, [h.case_id for h in rows])
    communities = _names(session, Community.id, Community.name, [h.community_id for h in rows])
    out = []
    for h in rows:
        if h.person_id:
            kind, target, name = "person", h.person_id, people.get(h.person_id, "")
        elif h.case_id:
            kind, target, name = "case", h.case_id, cases.get(h.case_id, "")
        else:
            kind, target, name = "community", h.community_id or "", communities.get(h.community_id or "", "")
        out.append(HonourView(h.id, h.title, h.level, _level_label(h.level), h.awarded_on, h.awarded_by, kind,
                              target, name, h.owner))
    out.sort(key=lambda v: (v.awarded_on or dt.date.min, v.title), reverse=True)
    return out


def _names(session: Session, id_col: Any, name_col: Any, ids: list[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {i: n for i, n in session.execute(select(id_col, name_col).where(id_col.in_(wanted)))}


def honours_of_person(db: Database, person_id: str, *, include_cases: bool = False) -> list[HonourView]:
    """Honours awarded to the person, newest first; with ``include_cases``, also the honours of
    governance cases the person is linked to (target_kind "case")."""
    with db.session() as s:
        cond = Honour.person_id == person_id
        if include_cases:
            linked = select(CasePerson.case_id).where(CasePerson.person_id == person_id, ~CasePerson.deleted)
            cond = cond | Honour.case_id.in_(linked)
        return honour_views(s, select(Honour).where(cond))


def case_detail(db: Database, case_id: str) -> CaseDetail:
    with db.session() as s:
        case = load_live(s, GovernanceCase, case_id, "治理案例")
        street = s.get(Street, case.street_id) if case.street_id else None
        community = s.get(Community, case.community_id) if case.community_id else None
        topic = s.get(Topic, case.topic_id) if case.topic_id else None
        people = [
            CasePersonView(link.id, p.id, p.name, link.role)
            for link, p in s.execute(
                select(CasePerson, Person)
                .join(Person, Person.id == CasePerson.person_id)
                .where(CasePerson.case_id == case_id, ~CasePerson.deleted)
                .order_by(Person.name_sort, Person.id)
            )
        ]
        docs = [
            CaseDocumentView(i, f, n, h)
            for i, f, n, h in s.execute(
                select(Document.id, Document.filename, Document.size, Document.sha256)
                .where(Document.case_id == case_id, ~Document.deleted)
                .order_by(Document.filename)
            )
        ]
        return CaseDetail(
            id=case.id,
            title=case.title,
            year=case.year,
            owner=case.owner,
            street_id=case.street_id,
            street_name=street.name if street else None,
            community_id=case.community_id,
            community_name=community.name if community else None,
            summary=case.summary,
            topic_id=case.topic_id,
            topic_title=topic.title if topic is not None and not topic.deleted else None,
            people=people,
            honours=honour_views(s, select(Honour).where(Honour.case_id == case_id)),
            documents=docs,
        )


# -- honours ------------------------------------------------------------------------------------
def _target(c: Collector, session: Session, raw: dict[str, Any], row: Honour | None) -> dict[str, str | None]:
    """Exactly one of person / case / community. On an edit that names none, the row's stays;
    naming one replaces the target (the other two are cleared)."""
    keys = [key for key, _, _ in TARGETS]
    if row is not None and not any(key in raw for key in keys):
        return {key: getattr(row, key) for key in keys}
    chosen = {key: str(raw.get(key) or "").strip() or None for key in keys}
    given = [key for key in keys if chosen[key]]
    if not given:
        c.fail("获奖对象", "请选择获奖对象（人员、治理案例或社区）")
    elif len(given) > 1:
        c.fail("获奖对象", "获奖对象只能是人员、治理案例或社区中的一个")
    else:
        key = given[0]
        model, label = {"person_id": (Person, "人员"), "case_id": (GovernanceCase, "治理案例"),
                        "community_id": (Community, "社区")}[key]
        target = session.get(model, chosen[key])
        if target is None or target.deleted:
            c.fail("获奖对象", f"所选{label}不存在（可能已被删除）")
    return chosen


def clean_honour(session: Session, actor: Actor, raw: dict[str, Any], row: Honour | None) -> dict[str, Any]:
    c = Collector(raw, row)
    values: dict[str, Any] = {
        "title": c.text("title", "荣誉名称", required=True, max_len=200),
        "level": c.code("level", vocab.HONOUR_LEVEL, required=True),
        "awarded_on": c.date("awarded_on", "获得日期"),
        "awarded_by": c.text("awarded_by", "授予单位", max_len=200),
    }
    if values["awarded_on"] is not None and values["awarded_on"] > dt.date.today():
        c.fail("获得日期", f"获得日期（{values['awarded_on'].isoformat()}）不能晚于今天")
    values.update(_target(c, session, raw, row))
    c.done()
    return values


def save_honour(db: Database, actor: Actor, raw: dict[str, Any], honour_id: str | None = None) -> Saved:
    """``raw``: title, level (vocab.HONOUR_LEVEL code or label), awarded_on, awarded_by and
    exactly one of person_id / case_id / community_id."""
    return save_record(
        db, actor, Honour, honour_id, raw, clean_honour, what="荣誉",
        describe=lambda h: f"{h.title}（{_level_label(h.level)}）",
    )


def delete_honour(db: Database, actor: Actor, honour_id: str) -> Saved:
    return delete_record(db, actor, Honour, honour_id, what="荣誉", describe=lambda h: h.title)


def honour_form_values(db: Database, honour_id: str) -> dict[str, Any]:
    """The form's values: level as its Chinese label, the target's id and a ``target`` text
    such as 人员：张三."""

    def target(s: Session, row: Honour) -> dict[str, Any]:
        view = honour_views(s, select(Honour).where(Honour.id == row.id))[0]
        label = next(lb for _, kind, lb in TARGETS if kind == view.target_kind)
        return {
            "person_id": row.person_id or "",
            "case_id": row.case_id or "",
            "community_id": row.community_id or "",
            "target_kind": view.target_kind,
            "target": f"{label}：{view.target_name}",
        }

    return form_values(
        db, Honour, honour_id, what="荣誉", keys=("title", "level", "awarded_on", "awarded_by"),
        coded={"level": vocab.HONOUR_LEVEL}, extra=target,
    )


# -- people of a case ---------------------------------------------------------------------------
def set_case_people(db: Database, actor: Actor, case_id: str, people: list[dict[str, Any]]) -> Saved:
    """Replace the people linked to a case: ``people`` is the whole list, ``{"person_id",
    "role"}`` each (role free text such as 牵头人 / 参与者, optional). Removed links are
    tombstoned, returning ones revived."""
    with unit_of_work(db, actor, "case_people.replace", "调整案例人员") as work:
        s = work.session
        case = load_live(s, GovernanceCase, case_id, "治理案例")
        if not actor.is_district:
            street_id = s.scalar(select(Street.id).where(Street.code == actor.org_code))
            if case.street_id is not None and case.street_id != street_id:
                raise PermissionDenied(f"「{case.title}」是其他街道的案例，只能由该街道维护。")
        wanted = _clean_case_people(s, people)
        existing = {x.person_id: x for x in s.scalars(select(CasePerson).where(CasePerson.case_id == case_id))}
        for person_id, role in wanted.items():
            row = existing.get(person_id)
            if row is None:
                s.add(CasePerson(case_id=case_id, person_id=person_id, role=role))
                continue
            if row.role != role:
                row.role = role
            if row.deleted:
                row.deleted = False
        for person_id, row in existing.items():
            if person_id not in wanted and not row.deleted:
                row.deleted = True
        work.summary = f"调整案例人员：{case.title}（{len(wanted)} 人）"
    return Saved(case_id, work.result())


def _clean_case_people(session: Session, people: list[dict[str, Any]]) -> dict[str, str | None]:
    errors: list[ValidationError] = []
    wanted: dict[str, str | None] = {}
    for i, raw in enumerate(people, 1):
        person_id = str(raw.get("person_id") or "")
        person = session.get(Person, person_id) if person_id else None
        if person is None or person.deleted:
            errors.append(ValidationError("人员", f"第{i}位人员未选择或已被删除"))
            continue
        role = str(raw.get("role") or "").strip() or None
        if role is not None and len(role) > 64:
            errors.append(ValidationError("角色", f"{person.name} 的角色过长（最多 64 字）"))
        if person.id in wanted:
            errors.append(ValidationError("人员", f"{person.name} 出现了两次"))
            continue
        wanted[person.id] = role
    if errors:
        raise ValidationErrors(errors)
    return wanted
