"""Tutor pool, tutor recommendations, reserve pool, cohorts and enrolments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    DISTRICT_CODE,
    Cohort,
    Enrolment,
    Person,
    ReserveEntry,
    Street,
    Tutor,
    TutorRecommendation,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.pinyin import name_columns
from yanqun_desktop.domain.validation import ValidationError, validate_mobile, validate_name
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.records import Saved, delete_record, form_values, save_record


def _street_id(session: Session, actor: Actor) -> str | None:
    return session.scalar(select(Street.id).where(Street.code == actor.org_code))


# -- tutor pool (district-owned) ---------------------------------------------------------------
def clean_tutor(session: Session, actor: Actor, raw: dict[str, Any], row: Tutor | None) -> dict[str, Any]:
    if not actor.is_district:
        raise PermissionDenied("师资库由区委组织部维护；街道可使用“推荐师资”向区里推荐。")
    c = Collector(raw, row)
    name = c.text("name", "姓名", required=True, max_len=64)
    if name:
        try:
            name = validate_name(name)
        except ValidationError as e:
            c.errors.append(e)
    values: dict[str, Any] = {
        "name": name,
        "gender": vocab.GENDER.normalize_optional(c.text("gender", "性别")),
        "school": c.code("school", vocab.TUTOR_SCHOOL, required=True),
        "organisation": c.text("organisation", "工作单位"),
        "title": c.text("title", "职务/职称", max_len=100),
        "subjects": c.text("subjects", "擅长领域", max_len=2000),
        "nomination": c.code("nomination", vocab.NOMINATION, required=True),
        "recommended_by": c.text("recommended_by", "推荐人/单位", max_len=100),
        "vetting": c.code("vetting", vocab.VETTING) or "pending",
        "note": c.text("note", "备注", max_len=2000),
    }
    phone = c.text("phone", "手机号码")
    if phone:
        try:
            phone = validate_mobile(phone)
        except ValidationError as e:
            c.errors.append(e)
    values["phone"] = phone
    c.done()
    values.update(name_columns(values["name"]))
    return values


def save_tutor(db: Database, actor: Actor, raw: dict[str, Any], tutor_id: str | None = None) -> Saved:
    return save_record(db, actor, Tutor, tutor_id, raw, clean_tutor, what="师资", describe=lambda t: t.name)


def retire_tutor(db: Database, actor: Actor, tutor_id: str) -> Saved:
    def clean(session: Session, actor: Actor, raw: dict[str, Any], row: Tutor | None) -> dict[str, Any]:
        if not actor.is_district:
            raise PermissionDenied("师资库由区委组织部维护，街道不能修改。")
        return {"status": "retired"}

    return save_record(db, actor, Tutor, tutor_id, {}, clean, what="师资（停用）", describe=lambda t: t.name)


def clean_recommendation(
    session: Session, actor: Actor, raw: dict[str, Any], row: TutorRecommendation | None
) -> dict[str, Any]:
    c = Collector(raw, row)
    values = {
        "name": c.text("name", "姓名", required=True, max_len=64),
        "organisation": c.text("organisation", "工作单位"),
        "school": c.code("school", vocab.TUTOR_SCHOOL),
        "subjects": c.text("subjects", "擅长领域", max_len=2000),
        "reason": c.text("reason", "推荐理由", required=True, max_len=2000),
    }
    street_id = row.street_id if row else _street_id(session, actor)
    if street_id is None:
        c.fail("街道", "只有街道可以推荐师资。")
    recommended_on = c.date("recommended_on", "推荐日期") or dt.date.today()
    c.done()
    return {**values, "street_id": street_id, "recommended_on": recommended_on}


def save_recommendation(db: Database, actor: Actor, raw: dict[str, Any], rec_id: str | None = None) -> Saved:
    return save_record(
        db, actor, TutorRecommendation, rec_id, raw, clean_recommendation, what="师资推荐", describe=lambda r: r.name
    )


# -- reserve pool (street-owned) ---------------------------------------------------------------
RESERVE_STATUS = {"reserve": "储备中", "used": "已使用", "withdrawn": "已退出"}


def clean_reserve(session: Session, actor: Actor, raw: dict[str, Any], row: ReserveEntry | None) -> dict[str, Any]:
    c = Collector(raw, row)
    person_id = row.person_id if row else raw.get("person_id")
    if not person_id or session.get(Person, person_id) is None:
        c.fail("人员", "请选择储备人选")
    target = c.code("target_role", vocab.RESERVE_TARGET, required=True)
    added_on = c.date("added_on", "入库日期") or (row.added_on if row else dt.date.today())
    status = raw.get("status") or (row.status if row else "reserve")
    if status not in RESERVE_STATUS:
        status = next((k for k, v in RESERVE_STATUS.items() if v == status), None)
        if status is None:
            c.fail("状态", "状态应为 储备中 / 已使用 / 已退出")
    if person_id and target and (row is None or row.target_role != target):
        twin = session.scalar(
            select(ReserveEntry.id).where(
                ReserveEntry.person_id == person_id, ReserveEntry.target_role == target, ~ReserveEntry.deleted
            )
        )
        if twin:
            c.fail("储备方向", f"该人员已在「{vocab.RESERVE_TARGET.label(target)}」储备库中")
    c.done()
    return {
        "person_id": person_id,
        "target_role": target,
        "added_on": added_on,
        "status": status,
        "note": c.text("note", "备注", max_len=2000),
    }


def save_reserve(db: Database, actor: Actor, raw: dict[str, Any], entry_id: str | None = None) -> Saved:
    return save_record(
        db,
        actor,
        ReserveEntry,
        entry_id,
        raw,
        clean_reserve,
        what="储备人选",
        describe=lambda e: f"{vocab.RESERVE_TARGET.label(e.target_role)}",
    )


def withdraw_reserve(db: Database, actor: Actor, entry_id: str) -> Saved:
    return save_reserve(db, actor, {"status": "withdrawn"}, entry_id)


# -- cohorts and enrolments ---------------------------------------------------------------------
def clean_cohort(session: Session, actor: Actor, raw: dict[str, Any], row: Cohort | None) -> dict[str, Any]:
    c = Collector(raw, row)
    kind = row.kind if row else raw.get("kind", "studio")
    if kind not in ("studio", "camp"):
        c.fail("类型", "班次类型应为 studio 或 camp")
    if kind == "camp" and not actor.is_district:
        raise PermissionDenied("青训营由区级举办，街道不能新增或修改青训营届次。")
    number = c.number("number", "期数/年度", required=True, low=1, high=3000)
    street_id = row.street_id if row else (raw.get("street_id") or _street_id(session, actor))
    if kind == "studio" and street_id is None:
        c.fail("街道", "工作室期次须属于某个街道")
    c.done()
    number_int = int(number or 0)
    twin = session.scalar(
        select(func.count())
        .select_from(Cohort)
        .where(
            Cohort.kind == kind,
            Cohort.number == number_int,
            ~Cohort.deleted,
            Cohort.street_id == street_id if kind == "studio" else Cohort.street_id.is_(None),
            Cohort.id != (row.id if row else ""),
        )
    )
    if twin:
        c.fail("期数/年度", "该期次已存在")
        c.done()
    name = c.text("name", "名称", max_len=100)
    if not name:
        if kind == "studio":
            street = session.get(Street, street_id)
            name = f"{street.name if street else ''}书记工作室第{_chinese_number(number_int)}期"
        else:
            name = f"南山区社区青年先锋训练营（{number_int}年）"
    values = {
        "kind": kind,
        "number": number_int,
        "name": name,
        "street_id": street_id if kind == "studio" else None,
        "start_date": c.date("start_date", "开班日期"),
        "end_date": c.date("end_date", "结业日期"),
        "note": c.text("note", "备注", max_len=2000),
    }
    c.done()
    if kind == "camp":
        values["owner"] = DISTRICT_CODE
    return values


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def save_cohort(db: Database, actor: Actor, raw: dict[str, Any], cohort_id: str | None = None) -> Saved:
    return save_record(db, actor, Cohort, cohort_id, raw, clean_cohort, what="期次", describe=lambda c: c.name)


def clean_enrolment(session: Session, actor: Actor, raw: dict[str, Any], row: Enrolment | None) -> dict[str, Any]:
    c = Collector(raw, row)
    cohort_id = row.cohort_id if row else raw.get("cohort_id")
    cohort = session.get(Cohort, cohort_id) if cohort_id else None
    person_id = row.person_id if row else raw.get("person_id")
    if cohort is None or cohort.deleted:
        c.fail("期次", "请选择期次")
    if not person_id or session.get(Person, person_id) is None:
        c.fail("人员", "请选择人员")
    role = c.code("role", vocab.ENROLMENT_ROLE) or (row.role if row else "trainee")
    values: dict[str, Any] = {
        "cohort_id": cohort_id,
        "person_id": person_id,
        "role": role,
        "talent_kind": c.code("talent_kind", vocab.TALENT_KIND),
        "enrolled_on": c.date("enrolled_on", "入学日期") or (row.enrolled_on if row else dt.date.today()),
        "left_on": c.date("left_on", "离开日期"),
        "note": c.text("note", "备注"),
    }
    if cohort is not None and cohort.kind == "camp":
        values["camp_tier"] = c.code("camp_tier", vocab.CAMP_TIER) or "reserve"
        values["camp_stage"] = c.code("camp_stage", vocab.CAMP_STAGE) or "seed"
        values["owner"] = DISTRICT_CODE
    c.done()
    if row is None:
        twin = session.scalar(
            select(Enrolment.id).where(
                Enrolment.cohort_id == cohort_id,
                Enrolment.person_id == person_id,
                Enrolment.role == role,
                ~Enrolment.deleted,
            )
        )
        if twin:
            c.fail("人员", f"该人员已以「{vocab.ENROLMENT_ROLE.label(role)}」身份在此期次中")
            c.done()
    return values


def save_enrolment(db: Database, actor: Actor, raw: dict[str, Any], enrolment_id: str | None = None) -> Saved:
    return save_record(
        db,
        actor,
        Enrolment,
        enrolment_id,
        raw,
        clean_enrolment,
        what="学员登记",
        describe=lambda e: vocab.ENROLMENT_ROLE.label(e.role),
    )


def remove_enrolment(db: Database, actor: Actor, enrolment_id: str) -> Saved:
    return delete_record(
        db, actor, Enrolment, enrolment_id, what="学员登记", describe=lambda e: vocab.ENROLMENT_ROLE.label(e.role)
    )


def cohort_choices(db: Database, kind: str) -> list[tuple[str, str]]:
    """(id, name) of the cohorts this install may enrol into."""
    org = db.org()
    with db.session() as s:
        stmt = select(Cohort.id, Cohort.name).where(Cohort.kind == kind, ~Cohort.deleted).order_by(Cohort.number)
        if kind == "studio" and not org.is_district:
            stmt = stmt.join(Street, Street.id == Cohort.street_id).where(Street.code == org.code)
        return [(i, n) for i, n in s.execute(stmt)]


def tutor_form_values(db: Database, tutor_id: str) -> dict[str, Any]:
    return form_values(
        db, Tutor, tutor_id, what="师资",
        keys=("name", "gender", "school", "organisation", "title", "subjects", "nomination", "recommended_by",
              "vetting", "phone", "note"),
        coded={"school": vocab.TUTOR_SCHOOL, "nomination": vocab.NOMINATION, "vetting": vocab.VETTING},
    )


def reserve_form_values(db: Database, entry_id: str) -> dict[str, Any]:
    values = form_values(db, ReserveEntry, entry_id, what="储备人选",
                         keys=("person_id", "target_role", "added_on", "status", "note"),
                         coded={"target_role": vocab.RESERVE_TARGET})
    values["status"] = RESERVE_STATUS.get(values["status"], values["status"])
    return values


def enrolment_form_values(db: Database, enrolment_id: str) -> dict[str, Any]:
    return form_values(
        db, Enrolment, enrolment_id, what="学员登记",
        keys=("cohort_id", "person_id", "role", "talent_kind", "camp_tier", "camp_stage", "enrolled_on", "left_on",
              "note"),
        coded={"role": vocab.ENROLMENT_ROLE, "talent_kind": vocab.TALENT_KIND, "camp_tier": vocab.CAMP_TIER,
               "camp_stage": vocab.CAMP_STAGE},
    )


def street_choices(db: Database) -> list[tuple[str, str]]:
    """(id, name) of the 8 streets, in their shipped order."""
    with db.session() as s:
        return [(i, n) for i, n in s.execute(select(Street.id, Street.name).order_by(Street.sort_order))]


def recommendation_form_values(db: Database, rec_id: str) -> dict[str, Any]:
    return form_values(db, TutorRecommendation, rec_id, what="师资推荐",
                       keys=("name", "organisation", "school", "subjects", "reason"),
                       coded={"school": vocab.TUTOR_SCHOOL})


def accept_recommendation(db: Database, actor: Actor, rec_id: str, raw: dict[str, Any]) -> Saved:
    """The district takes a street's recommendation into the pool: a new tutor (nomination 推荐,
    recommended by that street) and the recommendation marked as handled, in one transaction."""

    def clean(session: Session, a: Actor, r: dict[str, Any], row: Tutor | None) -> dict[str, Any]:
        rec = session.get(TutorRecommendation, rec_id)
        if rec is None or rec.deleted:
            raise ServiceError("找不到该师资推荐（可能已被删除）。")
        if session.scalar(select(Tutor.id).where(Tutor.recommendation_id == rec_id, ~Tutor.deleted)):
            raise ServiceError(f"「{rec.name}」已纳入师资库。")
        street = session.get(Street, rec.street_id)
        merged = {"school": rec.school, "organisation": rec.organisation, "subjects": rec.subjects,
                  "name": rec.name, "nomination": "recommended", "recommended_by": street.name if street else None,
                  **{k: v for k, v in r.items() if v not in (None, "")}}
        return {**clean_tutor(session, a, merged, row), "recommendation_id": rec_id}

    return save_record(db, actor, Tutor, None, raw, clean, what="师资（采纳街道推荐）", describe=lambda t: t.name)
