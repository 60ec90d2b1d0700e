"""Registry writes for sessions, micro-reform topics and governance cases.

The day-to-day workflows on these records (roll-call, six-step progress, documents) belong to
the training-records work; here they are kept as registry entries with their basic facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    DISTRICT_CODE,
    Cohort,
    Community,
    GovernanceCase,
    SessionCohort,
    SessionTutor,
    Street,
    Topic,
    TrainingSession,
    Tutor,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.lookup import community_for
from yanqun_desktop.services.records import Saved, delete_record, form_values, save_record


def _street_id(session: Session, actor: Actor) -> str | None:
    return session.scalar(select(Street.id).where(Street.code == actor.org_code))


def _community_id(c: Collector, session: Session, actor: Actor, street_id: str | None) -> str | None:
    if c.raw.get("community_id"):
        return str(c.raw["community_id"])
    if "community" not in c.raw and "community_id" not in c.raw and c.row is not None:
        return c.row.community_id  # not part of this edit: keep it
    name = c.text("community", "社区", max_len=64)
    if not name:
        return None
    if street_id is None:
        c.fail("社区", "区级记录请先指定街道再填社区")
        return None
    return community_for(session, actor, street_id, name).id


def _time(c: Collector, key: str, label: str) -> dt.time | None:
    text = c.text(key, label, max_len=8)
    if not text:
        return None
    try:
        return dt.time.fromisoformat(text.replace("：", ":").zfill(5))
    except ValueError:
        c.fail(label, f"{label}格式应为 时:分，如 14:30")
        return None


# -- sessions -----------------------------------------------------------------------------------
def clean_session(session: Session, actor: Actor, raw: dict[str, Any], row: TrainingSession | None) -> dict[str, Any]:
    c = Collector(raw, row)
    values: dict[str, Any] = {
        "title": c.text("title", "名称", required=True),
        "kind": c.code("kind", vocab.SESSION_KIND, required=True),
        "date": c.date("date", "日期", required=True),
        "start_time": _time(c, "start_time", "开始时间"),
        "end_time": _time(c, "end_time", "结束时间"),
        "place": c.text("place", "地点"),
        "hours": c.number("hours", "学时", low=0, high=100) or 0.0,
        "practice_task": c.text("practice_task", "一课一练", max_len=2000),
        "note": c.text("note", "备注", max_len=2000),
    }
    if values["start_time"] and values["end_time"] and values["end_time"] <= values["start_time"]:
        c.fail("结束时间", "结束时间应晚于开始时间")
    elif values["date"] and values["start_time"] and values["end_time"] and values["place"]:
        clash = _room_clash(session, values, row.id if row else None)
        if clash is not None:
            c.fail("地点", f"「{values['place']}」在 {values['date'].isoformat()} "
                          f"{clash.start_time:%H:%M}–{clash.end_time:%H:%M} 已安排「{clash.title}」，时间重叠")
    cohort_ids = [str(i) for i in raw.get("cohort_ids") or []]
    cohorts = [session.get(Cohort, i) for i in cohort_ids]
    if any(x is None or x.deleted for x in cohorts):
        c.fail("班次", "所选班次不存在")
    c.done()
    camp_only = bool(cohorts) and all(x is not None and x.kind == "camp" for x in cohorts)
    values["street_id"] = row.street_id if row else (None if camp_only else _street_id(session, actor))
    if row is None and camp_only:
        values["owner"] = DISTRICT_CODE
    return values


def _room_clash(session: Session, values: dict[str, Any], own_id: str | None) -> TrainingSession | None:
    """Another live session in the same place on the same day whose times overlap."""
    return session.scalar(
        select(TrainingSession).where(
            ~TrainingSession.deleted,
            TrainingSession.id != (own_id or ""),
            TrainingSession.date == values["date"],
            TrainingSession.place == values["place"],
            TrainingSession.start_time < values["end_time"],
            TrainingSession.end_time > values["start_time"],
        ).limit(1)
    )


def _sync_links(session: Session, link: type, session_id: str, column: str, wanted: list[str]) -> None:
    """Make the session's live links equal ``wanted``: tombstone removed ones, revive or add new."""
    existing = {getattr(x, column): x for x in session.scalars(select(link).where(link.session_id == session_id))}
    for key, row in existing.items():
        should = key in wanted
        if row.deleted == should:
            row.deleted = not should
    for key in wanted:
        if key not in existing:
            session.add(link(session_id=session_id, **{column: key}))


def save_session(db: Database, actor: Actor, raw: dict[str, Any], session_id: str | None = None) -> Saved:
    """A session with the cohorts it serves (``cohort_ids``) and its tutors (``tutor_ids``)."""

    def clean(s: Session, a: Actor, r: dict[str, Any], row: TrainingSession | None) -> dict[str, Any]:
        values = clean_session(s, a, r, row)
        tutor_ids = [str(i) for i in r.get("tutor_ids") or []]
        if any(s.get(Tutor, t) is None for t in tutor_ids):
            bad = Collector(r)
            bad.fail("授课师资", "所选师资不存在")
            bad.done()
        return values

    def links(s: Session, row: TrainingSession) -> None:
        if "cohort_ids" in raw:
            _sync_links(s, SessionCohort, row.id, "cohort_id", [str(i) for i in raw["cohort_ids"]])
        if "tutor_ids" in raw:
            _sync_links(s, SessionTutor, row.id, "tutor_id", [str(i) for i in raw["tutor_ids"]])

    return save_record(
        db,
        actor,
        TrainingSession,
        session_id,
        raw,
        clean,
        what="课程活动",
        describe=lambda t: f"{t.date.isoformat()} {t.title}",
        after=links,
    )


def delete_session(db: Database, actor: Actor, session_id: str) -> Saved:
    return delete_record(db, actor, TrainingSession, session_id, what="课程活动", describe=lambda t: t.title)


# -- topics -------------------------------------------------------------------------------------
def clean_topic(session: Session, actor: Actor, raw: dict[str, Any], row: Topic | None) -> dict[str, Any]:
    c = Collector(raw, row)
    street_id = row.street_id if row else (raw.get("street_id") or _street_id(session, actor))
    values: dict[str, Any] = {
        "year": int(c.number("year", "年度", required=True, low=2000, high=2100) or 0),
        "title": c.text("title", "课题名称", required=True),
        "summary": c.text("summary", "课题简介", max_len=5000),
        "outcome": c.text("outcome", "成果", max_len=5000),
        "street_id": street_id,
        "community_id": _community_id(c, session, actor, street_id),
    }
    if row is None:
        values["origin"] = "district" if actor.is_district else "local"
    c.done()
    return values


def save_topic(db: Database, actor: Actor, raw: dict[str, Any], topic_id: str | None = None) -> Saved:
    return save_record(db, actor, Topic, topic_id, raw, clean_topic, what="课题", describe=lambda t: t.title)


def delete_topic(db: Database, actor: Actor, topic_id: str) -> Saved:
    return delete_record(db, actor, Topic, topic_id, what="课题", describe=lambda t: t.title)


# -- governance cases ---------------------------------------------------------------------------
def clean_case(session: Session, actor: Actor, raw: dict[str, Any], row: GovernanceCase | None) -> dict[str, Any]:
    c = Collector(raw, row)
    street_id = row.street_id if row else (raw.get("street_id") or _street_id(session, actor))
    topic_id = raw.get("topic_id") or None if "topic_id" in raw or row is None else row.topic_id
    if topic_id and session.get(Topic, topic_id) is None:
        c.fail("来源课题", "所选课题不存在")
    year = c.number("year", "年度", low=2000, high=2100)
    values = {
        "title": c.text("title", "案例名称", required=True),
        "year": int(year) if year else None,
        "summary": c.text("summary", "案例简介", max_len=20000),
        "street_id": street_id,
        "community_id": _community_id(c, session, actor, street_id),
        "topic_id": topic_id,
    }
    c.done()
    return values


def save_case(db: Database, actor: Actor, raw: dict[str, Any], case_id: str | None = None) -> Saved:
    return save_record(db, actor, GovernanceCase, case_id, raw, clean_case, what="治理案例", describe=lambda t: t.title)


def delete_case(db: Database, actor: Actor, case_id: str) -> Saved:
    return delete_record(db, actor, GovernanceCase, case_id, what="治理案例", describe=lambda t: t.title)


def community_choices(db: Database, street_id: str | None = None) -> list[tuple[str, str]]:
    """(id, name) of the communities of this install's street; at the district, of the given
    street (every street's when none is given)."""
    org = db.org()
    with db.session() as s:
        stmt = (
            select(Community.id, Community.name, Community.verified)
            .join(Street, Street.id == Community.street_id)
            .where(~Community.deleted)
            .order_by(Street.sort_order, Community.name)
        )
        if not org.is_district:
            stmt = stmt.where(Street.code == org.code)
        elif street_id is not None:
            stmt = stmt.where(Street.id == street_id)
        return [(i, n if v else f"{n}（待核实）") for i, n, v in s.execute(stmt)]


def _community_name(session: Session, row: Any) -> dict[str, Any]:
    community = session.get(Community, row.community_id) if row.community_id else None
    return {"community": community.name if community else "", "community_id": row.community_id or ""}


def session_form_values(db: Database, session_id: str) -> dict[str, Any]:
    def links(s: Session, row: TrainingSession) -> dict[str, Any]:
        return {
            "cohort_ids": [x.cohort_id for x in row.cohorts if not x.deleted],
            "tutor_ids": [x.tutor_id for x in row.tutors if not x.deleted],
        }

    return form_values(
        db, TrainingSession, session_id, what="课程活动",
        keys=("title", "kind", "date", "start_time", "end_time", "place", "hours", "practice_task", "note"),
        coded={"kind": vocab.SESSION_KIND}, extra=links,
    )


def topic_form_values(db: Database, topic_id: str) -> dict[str, Any]:
    return form_values(db, Topic, topic_id, what="课题", keys=("year", "title", "summary", "outcome"),
                       extra=_community_name)


def case_form_values(db: Database, case_id: str) -> dict[str, Any]:
    return form_values(db, GovernanceCase, case_id, what="治理案例", keys=("title", "year", "summary", "topic_id"),
                       extra=_community_name)
