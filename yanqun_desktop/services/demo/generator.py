"""``generate_demo``: a realistic synthetic street (or the whole district) in one transaction."""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    DISTRICT_CODE,
    AuditOperation,
    Base,
    Cohort,
    Community,
    CompetencyModel,
    CompetencyNode,
    InstallMeta,
    Person,
    Street,
    Topic,
    TrainingSession,
    Tutor,
)
from yanqun_desktop.domain.pinyin import name_columns
from yanqun_desktop.domain.vocab import CAMP_TIER
from yanqun_desktop.services.demo import district as district_mod
from yanqun_desktop.services.demo import programmes, sessions, topics
from yanqun_desktop.services.demo.model import Row, StreetPlan
from yanqun_desktop.services.demo.names import NameMaker
from yanqun_desktop.services.demo.population import build_population
from yanqun_desktop.services.demo.writer import BulkWriter, IdSource
from yanqun_desktop.services.errors import ServiceError

DEFAULT_SCALE = 600
DEFAULT_ATTENDANCE_PER_PERSON = 10
MIN_SCALE = 100
MAX_SCALE = 999_999  # phone numbers are 170 + a 2-digit street block + 6 digits
OPERATION = "demo.generate"
TABLE_LABELS = {
    "communities": "社区", "people": "人员", "positions": "任职经历", "person_talents": "社区人才",
    "committee_terms": "两委届次", "committee_members": "两委成员", "mentor_links": "师徒结对",
    "cohorts": "期次", "enrolments": "学员与导师名单", "tutors": "师资库", "tutor_recommendations": "导师推荐",
    "tutor_feedback": "导师评价", "reserve_entries": "人才储备库", "training_sessions": "课程活动",
    "session_cohorts": "课程期次", "session_tutors": "授课导师", "attendance": "考勤",
    "archive_entries": "成长档案", "assessments": "能力测评", "assessment_scores": "测评得分", "topics": "微改革课题",
    "topic_members": "课题组", "topic_steps": "课题进度", "documents": "课题报告", "governance_cases": "治理案例",
    "case_people": "案例人员", "honours": "荣誉",
}  # fmt: skip
ProgressFn = Callable[[str, float], None]


class DemoRefusedError(ServiceError):
    """The database holds records the demo must not mix with; nothing was written."""


@dataclass(frozen=True)
class DemoSummary:
    org_code: str
    seed: int
    scale: int  # people per street
    attendance_per_person: int
    streets: tuple[str, ...]  # street codes generated
    counts: dict[str, int] = field(default_factory=dict)  # rows inserted per table
    elapsed: float = 0.0  # seconds

    @property
    def people(self) -> int:
        return self.counts.get("people", 0)

    @property
    def attendance(self) -> int:
        return self.counts.get("attendance", 0)

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    def text(self) -> str:
        return (f"生成演示数据：{self.people} 人、{self.counts.get('training_sessions', 0)} 场课程活动、"
                f"{self.attendance} 条考勤，共 {self.total_rows} 条记录")


def generate_demo(
    db: Database,
    *,
    actor_name: str,
    org_code: str,
    scale: int | None = None,
    attendance_per_person: int | None = None,
    seed: int = 1,
    progress: ProgressFn | None = None,
) -> DemoSummary:
    """Fill ``db`` with invented demo data for one street (``org_code`` a street code) or the
    district (all 8 streets, each street's rows owned by that street, camp rows and tutors by
    the district). ``scale`` is people per street (default 600); ``attendance_per_person``
    drives sessions and attendance (about scale x K rows per street). Deterministic in content
    for a seed. Refuses (``DemoRefusedError``) a database holding real records, or demo records
    already; marks the database as a demo on success. One transaction: all or nothing."""
    with _gc_paused():
        return _generate(db, actor_name, org_code, scale, attendance_per_person, seed, progress)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a million rows would otherwise trigger
    hundreds of full collections over the growing heap (measured: ~20 % of the run with Core
    executemany). Reference counting still frees everything; cycles are collected after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(
    db: Database,
    actor_name: str,
    org_code: str,
    scale: int | None,
    attendance_per_person: int | None,
    seed: int,
    progress: ProgressFn | None,
) -> DemoSummary:
    started = time.perf_counter()
    scale = DEFAULT_SCALE if scale is None else int(scale)
    per_person = DEFAULT_ATTENDANCE_PER_PERSON if attendance_per_person is None else int(attendance_per_person)
    if not MIN_SCALE <= scale <= MAX_SCALE:  # a refusal the clerk reads (CLI: exit 1), not a crash
        raise DemoRefusedError(f"每个街道的人数应在 {MIN_SCALE} 到 {MAX_SCALE} 之间（收到 {scale}），未生成任何数据。")
    if per_person < 0:
        raise DemoRefusedError(f"每人平均考勤记录数不能为负数（收到 {per_person}），未生成任何数据。")
    report = progress or (lambda _label, _fraction: None)
    report("检查数据库", 0.0)

    with db.engine.connect() as conn:
        _check_database(db, conn, org_code)
        streets = conn.execute(
            select(Street.code, Street.name, Street.id, Street.studio_name)
            .where(Street.deleted.is_(False)).order_by(Street.sort_order, Street.code)
        ).all()
        codes = [s.code for s in streets]
        if org_code != DISTRICT_CODE and org_code not in codes:
            raise DemoRefusedError(f"未知的街道代码「{org_code}」，无法生成演示数据。")
        existing = conn.execute(select(Community.id, Community.street_id, Community.name, Community.deleted)).all()
        models = {kind: _sample_model(conn, kind) for kind in ("studio", "camp")}

    ids = IdSource()
    district = district_mod.build_district(_rng(seed, "district"), ids, [(s.code, s.name) for s in streets])
    plans: dict[str, StreetPlan] = {}
    community_rows: list[Row] = []
    targets = [s for s in streets if org_code in (DISTRICT_CODE, s.code)]
    for n, s in enumerate(targets):
        report(f"生成人员：{s.name}", 0.02 + 0.18 * n / len(targets))
        rng = _rng(seed, s.code)
        plan = StreetPlan(s.code, s.name, s.id, codes.index(s.code), s.studio_name, rng, NameMaker(rng), ids,
                          street_count=len(codes))
        of_street = sorted((c.name, c.id) for c in existing if c.street_id == s.id and not c.deleted)
        taken = {c.name for c in existing if c.street_id == s.id}  # tombstones keep their names
        community_rows += build_population(plan, scale, [(i, name) for name, i in of_street], taken)
        plans[s.code] = plan
    district_mod.link_secretary_tutors(district, plans)

    all_sessions: list[sessions.SessionPlan] = []
    for n, plan in enumerate(plans.values()):
        report(f"生成培训记录：{plan.name}", 0.2 + 0.1 * n / len(plans))
        all_sessions += _programmes(plan, district, scale, per_person, actor_name, models)
    for camp in district.camps.values():
        all_sessions += sessions.camp_sessions(district, camp)
        _camp_assessments(district, camp, models.get("camp"))

    report("整理数据：拼音检索码", 0.29)
    tables = _collect(plans, district, community_rows)
    attendance = sum(len(s.roster) + len(s.guests) for s in all_sessions)
    expected = sum(len(rows) for rows in tables.values()) + attendance
    now = dt.datetime.now(dt.UTC)
    written = 0

    def on_write(phase: str, table: str, count: int) -> None:
        nonlocal written
        written += count
        label = TABLE_LABELS.get(table, table)
        report(f"建立索引：{label}" if phase == "indexes" else f"写入数据库：{label}",
               0.3 + 0.68 * written / max(1, expected))

    with db.engine.begin() as conn:
        # A DML statement first, so that SQLite's transaction is open before any index work.
        conn.execute(delete(InstallMeta).where(InstallMeta.key == "demo"))
        conn.execute(insert(InstallMeta).values(key="demo", value="1"))
        writer = BulkWriter(conn, db.clock, actor_name, now, on_write)
        att_rng = _rng(seed, "attendance")

        def attendance_rows(first_version: int) -> Iterator[list[tuple]]:
            return sessions.attendance_rows(all_sessions, att_rng, ids, first_version)

        with writer.bulk_cache():
            for table in Base.metadata.sorted_tables:
                if table.name == "attendance":
                    writer.insert_attendance(table, attendance_rows, attendance)
                elif table.name in tables:
                    writer.insert(table, tables[table.name])
        _freeze_models(conn, db, actor_name, now, [m[0] for m in models.values() if m is not None])
        summary = DemoSummary(org_code, seed, scale, per_person, tuple(plans), dict(writer.counts))
        conn.execute(insert(AuditOperation).values(
            # the demo data are written by the demo's administrator (services/accounts.demo_actor)
            at=now, actor=actor_name, role="district_admin" if org_code == DISTRICT_CODE else "admin",
            org_code=org_code, operation=OPERATION,
            summary=summary.text()[:500], change_count=summary.total_rows,
        ))
        report("保存到磁盘", 0.99)
    if db.engine.dialect.name == "postgresql":
        # A server plans from table statistics, and a million fresh rows have none until
        # autovacuum gets to them (measured: the district dashboard 2.3 s instead of 1.4 s).
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    db.set_meta(demo="1")
    report("完成", 1.0)
    return replace(summary, elapsed=time.perf_counter() - started)


def _rng(seed: int, stream: str) -> random.Random:
    return random.Random(f"yanqun-demo:{seed}:{stream}")


def _check_database(db: Database, conn: Connection, org_code: str) -> None:
    bound = db.meta("org_code")
    if bound is not None and bound != org_code:
        raise DemoRefusedError(f"此数据库属于「{db.org().name}」，只能生成本单位的演示数据。")
    has_records = any(
        conn.execute(select(model.id).limit(1)).first() is not None
        for model in (Person, Tutor, TrainingSession, Cohort, Topic)
    )
    if not has_records:
        return
    if db.is_demo:
        raise DemoRefusedError("此演示数据库已有演示数据。如需重新生成，请先删除这个演示数据库再试。")
    raise DemoRefusedError(
        "此数据库已有正式数据（人员、导师、课程、期次或课题），不能生成演示数据。"
        "演示数据只能放在单独的演示数据库中（yanqun --demo）。"
    )


def _sample_model(conn: Connection, kind: str) -> tuple[str, list[str]] | None:
    """The (sample, else newest) competency model of a kind and its item node ids."""
    model_id = conn.execute(
        select(CompetencyModel.id).where(CompetencyModel.kind == kind, CompetencyModel.deleted.is_(False))
        .order_by(CompetencyModel.is_sample.desc(), CompetencyModel.version_no.desc()).limit(1)
    ).scalar()
    if model_id is None:
        return None
    items = conn.execute(
        select(CompetencyNode.id).where(CompetencyNode.model_id == model_id, CompetencyNode.level == "item",
                                        CompetencyNode.deleted.is_(False)).order_by(CompetencyNode.sort_order)
    ).scalars().all()
    return (model_id, list(items)) if items else None


def _freeze_models(conn: Connection, db: Database, actor: str, now: dt.datetime, model_ids: list[str]) -> None:
    """Models are frozen once an assessment uses them (DOMAIN.md); the demo's assessments do."""
    for model_id in model_ids:
        conn.execute(update(CompetencyModel).where(CompetencyModel.id == model_id,
                                                   CompetencyModel.frozen.is_(False))
                     .values(frozen=True, version=db.clock.tick(), updated_at=now, updated_by=actor))


def _programmes(plan: StreetPlan, district: district_mod.DistrictPlan, scale: int, per_person: int,
                actor: str, models: dict[str, Any]) -> list[sessions.SessionPlan]:
    cohorts = programmes.build_studio(plan, scale, actor)
    district_mod.select_camp_trainees(district, plan)
    for camp in district.camps.values():
        for person, row in camp.trainees:
            if person.street is not plan:
                continue
            programmes.archive(plan, person, row["enrolled_on"], "selection",
                               f"入选{camp.row['name']}（{CAMP_TIER.label(row['camp_tier'])}）", actor)
            if row["camp_stage"] == "in_use":
                content = f"{camp.year}年青训营结业，经考察进入“成材使用”阶段，列入社区党委书记后备人选"
                programmes.archive(plan, person, camp.row["end_date"], "appointment", content, actor)
    programmes.studio_outcomes(plan, cohorts, actor)
    programmes.build_reserve(plan, scale)
    programmes.build_assessments(plan, cohorts, models.get("studio"))
    programmes.build_recommendations(plan, district)
    street_sessions = sessions.studio_sessions(plan, district, cohorts)
    sessions.add_guests(plan, district, street_sessions, scale * per_person)
    finished = topics.build_topics(plan, district, scale)
    topics.build_cases(plan, district, finished, scale, actor)
    topics.build_honours(plan, cohorts, actor)
    return street_sessions


def _camp_assessments(district: district_mod.DistrictPlan, camp: district_mod.CampCohort,
                      model: tuple[str, list[str]] | None) -> None:
    if model is None:
        return
    rng = district.rng
    model_id, items = model
    for person, _row in camp.trainees:
        row = district.add("assessments", person_id=person.id, model_id=model_id, cohort_id=camp.id,
                           assessed_on=camp.row["end_date"], assessor="区委组织部青训营工作组",
                           note="演示数据：依据示例模型测评")
        level = rng.gauss(3.9, 0.4)
        for node_id in items:
            district.add("assessment_scores", assessment_id=row["id"], node_id=node_id,
                         score=max(1.0, min(5.0, round((level + rng.gauss(0, 0.5)) * 2) / 2)))


def _collect(plans: dict[str, StreetPlan], district: district_mod.DistrictPlan,
             community_rows: list[Row]) -> dict[str, list[Row]]:
    """All rows per table, people and tutors with their pinyin search keys (cached per name)."""
    tables: dict[str, list[Row]] = {"communities": community_rows}
    keys: dict[str, dict[str, str]] = {}

    def name_keys(name: str) -> dict[str, str]:
        found = keys.get(name)
        if found is None:
            found = keys[name] = name_columns(name)
        return found

    people = tables["people"] = []
    for plan in plans.values():
        for p in plan.people:
            people.append({
                "id": p.id, "owner": plan.code, "street_id": plan.street_id,
                "community_id": p.community.id if p.community else None, "name": p.name,
                **name_keys(p.name), "gender": p.gender, "birth_date": p.birth_date,
                "ethnicity": p.ethnicity, "political_status": p.political_status, "education": p.education,
                "id_card": p.id_card, "phone": p.phone, "estate": p.estate, "grid": p.grid,
                "building": p.building, "status": p.status, "retired_on": p.retired_on,
                "retired_reason": p.retired_reason, "note": None,
            })
    for tutor in district.tutors:
        tutor.row.update(name_keys(tutor.name))
    for source in (district.rows, *(plan.rows for plan in plans.values())):
        for table, rows in source.items():
            tables.setdefault(table, []).extend(rows)
    return tables
