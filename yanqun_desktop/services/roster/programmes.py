"""Tutors, reserve candidates and cohort enrolments from a sheet.

These lists are short (tens to hundreds of rows), so each row goes through the very cleaning
function the forms use (``clean_tutor``, ``clean_reserve``, ``clean_enrolment``) and the ORM
unit of work, which stamps and audits it; all rows still share one transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import Cohort, Enrolment, Person, ReserveEntry, Tutor
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors, check_id_card, validate_name
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.imports import ImportReport, RowIssue, RowOutcome
from yanqun_desktop.services.programmes import _chinese_number, clean_enrolment, clean_reserve, clean_tutor
from yanqun_desktop.services.roster.common import (
    Options,
    Row,
    acting_street,
    community_name,
    data_rows,
    header_for,
    issues_from,
)
from yanqun_desktop.services.roster.matching import Known, PersonIndex
from yanqun_desktop.services.roster.specs import RosterKind
from yanqun_desktop.services.uow import Work
from yanqun_desktop.sheets.headers import HeaderMatch, header_key
from yanqun_desktop.sheets.reading import SheetData

SKIP_DIFF = {"owner", "name_pinyin", "name_initials", "name_sort"}


@dataclass
class OrmPlan:
    new: list[Any] = field(default_factory=list)  # model instances, added on apply
    updates: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)

    def apply(self, work: Work) -> None:
        for obj, diff in self.updates:
            for key, value in diff.items():
                setattr(obj, key, value)
        work.session.add_all(self.new)
        work.session.flush()


def _diff(kind: RosterKind, obj: Any, values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    diff = {k: v for k, v in values.items() if k not in SKIP_DIFF and getattr(obj, k) != v}
    headers = []
    for key in diff:
        try:
            headers.append(kind.column(key).header)
        except StopIteration:
            headers.append(key)
    if "name" in diff:
        diff.update({k: values[k] for k in ("name_pinyin", "name_initials", "name_sort") if k in values})
    return diff, headers


def _classify(
    kind: RosterKind, match: HeaderMatch, plan: OrmPlan, out: RowOutcome, model: type,
    clean: Callable[[Session, Actor, dict[str, Any], Any], dict[str, Any]], work: Work, raw: dict[str, Any],
    existing: Any,
) -> None:
    try:
        values = clean(work.session, work.actor, raw, existing)
    except (ValidationErrors, ValidationError) as e:
        out.issues.extend(issues_from(kind, match, e))
        return
    except (PermissionDenied, ServiceError) as e:
        out.issues.append(RowIssue("", str(e)))
        return
    if existing is None:
        obj = model(**values)
        plan.new.append(obj)
        out.status = "new"
        return
    diff, headers = _diff(kind, existing, values)
    out.record_id = existing.id
    if diff:
        plan.updates.append((existing, diff))
        out.status, out.changed_fields = "updated", headers
    else:
        out.status = "unchanged"


def _raw(row: Row, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: row.values[k] for k in keys if k in row.values}


# -- tutors ---------------------------------------------------------------------------------------
def import_tutors(
    work: Work, sheet: SheetData, kind: RosterKind, match: HeaderMatch, report: ImportReport, options: Options
) -> OrmPlan:
    if not work.actor.is_district:
        raise ServiceError("师资库由区委组织部维护，街道不能导入师资；请用“推荐师资”向区里推荐。")
    s, plan = work.session, OrmPlan()
    tutors = list(s.scalars(select(Tutor).where(~Tutor.deleted)))
    by_name: dict[str, list[Tutor]] = defaultdict(list)
    for t in tutors:
        by_name[t.name].append(t)
    seen: dict[tuple[str, str], int] = {}
    keys = tuple(c.key for c in kind.columns)
    for row in data_rows(sheet, kind, match):
        out = RowOutcome(row.number, "invalid", str(row.values.get("name", "")), list(row.issues))
        report.rows.append(out)
        if out.issues:
            continue
        name = _valid_name(row)
        org = str(row.values.get("organisation", ""))
        key = (name, org)
        if key in seen:
            out.issues.append(RowIssue(header_for(kind, match, "name"), f"与第 {seen[key]} 行重复"))
            continue
        seen[key] = row.number
        same = [t for t in by_name.get(name, []) if not org or (t.organisation or "") == org]
        if len(same) > 1:
            out.issues.append(RowIssue(header_for(kind, match, "organisation"),
                                       f"师资库中有 {len(same)} 位「{name}」，请填写工作单位以区分"))
            continue
        existing = same[0] if same else None
        raw = _raw(row, keys)
        _classify(kind, match, plan, out, Tutor, clean_tutor, work, raw, existing)
        out.label = name
    return plan


def _valid_name(row: Row) -> str:
    try:
        return validate_name(str(row.values.get("name", "")))
    except ValidationError:
        return str(row.values.get("name", ""))  # the cleaning function reports it


# -- people named by reserve and enrolment rows ---------------------------------------------------
class PersonFinder:
    """ID number, else name + birth date + community; a list naming people by name alone (common
    for enrolments) still matches when the name is unique in the street."""

    def __init__(self, session: Session, street_id: str | None) -> None:
        self.index = PersonIndex(session, street_id)
        self.by_name: dict[str, list[Known]] = defaultdict(list)
        for known in self.index.by_person.values():
            self.by_name[str(known.values["name"])].append(known)

    def find(self, kind: RosterKind, match: HeaderMatch, row: Row, out: RowOutcome) -> Known | None:
        id_card = ""
        if "id_card" in row.values:
            try:
                id_card = check_id_card(row.values["id_card"]).number
            except ValidationError as e:
                out.issues.append(RowIssue(header_for(kind, match, "id_card"), e.message))
                return None
        try:
            name = validate_name(str(row.values.get("name", "")))
        except ValidationError as e:
            out.issues.append(RowIssue(header_for(kind, match, "name"), e.message))
            return None
        out.label = name
        birth: dt.date | None = row.values.get("birth_date")
        community = community_name(str(row.values.get("community", "")))
        known, reason = self.index.find(id_card or None, name, birth, community)
        if known is None and not reason and not id_card:
            same = [
                k for k in self.by_name.get(name, [])
                if (birth is None or k.values["birth_date"] == birth) and (not community or k.community == community)
            ]
            if len(same) == 1:
                known = same[0]
            elif same:
                reason = f"有 {len(same)} 名「{name}」，请填写身份证号或出生日期以区分"
        if known is None:
            column = header_for(kind, match, "id_card" if id_card else "name")
            out.issues.append(RowIssue(column, reason or "在本街道人员中找不到此人，请先导入人员名单或在人员页新增"))
        return known


# -- reserve candidates ---------------------------------------------------------------------------
def import_reserve(
    work: Work, sheet: SheetData, kind: RosterKind, match: HeaderMatch, report: ImportReport, options: Options
) -> OrmPlan:
    s, plan = work.session, OrmPlan()
    street = acting_street(s, work.actor, options)
    finder = PersonFinder(s, street.id)
    entries = {
        (e.person_id, e.target_role): e
        for e in s.scalars(
            select(ReserveEntry).join(Person, Person.id == ReserveEntry.person_id)
            .where(Person.street_id == street.id, ~ReserveEntry.deleted)
        )
    }
    seen: dict[tuple[str, str], int] = {}
    for row in data_rows(sheet, kind, match):
        out = RowOutcome(row.number, "invalid", str(row.values.get("name", "")), list(row.issues))
        report.rows.append(out)
        known = finder.find(kind, match, row, out)
        target = None
        try:
            target = vocab.RESERVE_TARGET.code_from_text(row.values.get("target_role", ""))
        except ValidationError as e:
            out.issues.append(RowIssue(header_for(kind, match, "target_role"), e.message))
        if out.issues or known is None or target is None:
            continue
        key = (known.id, target)
        if key in seen:
            out.issues.append(RowIssue(header_for(kind, match, "name"), f"与第 {seen[key]} 行重复"))
            continue
        seen[key] = row.number
        existing = entries.get(key)
        raw = {"person_id": known.id, **_raw(row, ("target_role", "added_on", "status", "note"))}
        _classify(kind, match, plan, out, ReserveEntry, clean_reserve, work, raw, existing)
    return plan


# -- cohort enrolments ----------------------------------------------------------------------------
def cohort_keys(c: Cohort) -> set[str]:
    keys = {c.id, c.name, f"{c.kind}:{c.number}"}
    if c.kind == "studio":
        keys |= {str(c.number), f"第{c.number}期", f"第{_chinese_number(c.number)}期"}
    else:
        keys |= {str(c.number), f"{c.number}年", f"{c.number}年青训营"}
    return {header_key(k) for k in keys}


class Cohorts:
    def __init__(self, session: Session, actor: Actor, street_id: str | None) -> None:
        stmt = select(Cohort).where(~Cohort.deleted)
        rows = [c for c in session.scalars(stmt) if c.kind == "camp" or street_id is None or c.street_id == street_id]
        self.lookup: dict[str, Cohort] = {}
        for c in rows:
            for k in cohort_keys(c):
                self.lookup.setdefault(k, c)

    def find(self, text: str) -> Cohort | None:
        return self.lookup.get(header_key(text))


def import_enrolment(
    work: Work, sheet: SheetData, kind: RosterKind, match: HeaderMatch, report: ImportReport, options: Options
) -> OrmPlan:
    s, actor, plan = work.session, work.actor, OrmPlan()
    # The district enrols people from every street (camp) unless it names one.
    street_id = None if actor.is_district and not options.street else acting_street(s, actor, options).id
    finder = PersonFinder(s, street_id)
    cohorts = Cohorts(s, actor, street_id)
    default = None
    if options.cohort:
        default = cohorts.find(options.cohort)
        if default is None:
            raise ServiceError(f"找不到期次「{options.cohort}」（可写期次名称、studio:期数 或 camp:年度）。")
    elif "cohort" not in match.columns:
        raise ServiceError("表中没有“期次”列：请加上该列，或在导入时指定期次。")
    existing_rows = {
        (e.cohort_id, e.person_id, e.role): e for e in s.scalars(select(Enrolment).where(~Enrolment.deleted))
    }
    seen: dict[tuple[str, str, str], int] = {}
    keys = ("talent_kind", "enrolled_on", "left_on", "camp_tier", "camp_stage", "note")
    for row in data_rows(sheet, kind, match):
        out = RowOutcome(row.number, "invalid", str(row.values.get("name", "")), list(row.issues))
        report.rows.append(out)
        known = finder.find(kind, match, row, out)
        cohort = default
        if "cohort" in row.values:
            cohort = cohorts.find(row.values["cohort"])
            if cohort is None:
                out.issues.append(RowIssue(header_for(kind, match, "cohort"), f"找不到期次「{row.values['cohort']}」"))
        elif cohort is None:
            out.issues.append(RowIssue(header_for(kind, match, "cohort"), "期次不能为空"))
        role = "trainee"
        if "role" in row.values:
            try:
                role = vocab.ENROLMENT_ROLE.code_from_text(row.values["role"])
            except ValidationError as e:
                out.issues.append(RowIssue(header_for(kind, match, "role"), e.message))
        if cohort is not None and cohort.kind == "camp" and not actor.is_district:
            out.issues.append(RowIssue(header_for(kind, match, "cohort"), "青训营学员由区级登记，街道不能导入"))
        if out.issues or known is None or cohort is None:
            continue
        key = (cohort.id, known.id, role)
        if key in seen:
            out.issues.append(RowIssue(header_for(kind, match, "name"), f"与第 {seen[key]} 行重复"))
            continue
        seen[key] = row.number
        existing = existing_rows.get(key)
        raw = {"cohort_id": cohort.id, "person_id": known.id, "role": role, **_raw(row, keys)}
        _classify(kind, match, plan, out, Enrolment, clean_enrolment, work, raw, existing)
    return plan

