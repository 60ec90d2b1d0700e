"""The youth vanguard camp (青训营) board: trainees by pipeline stage, tiers, moves.

The camp is run by the district, so its cohorts and enrolments are district rows: only the
district moves a trainee along 种子遴选 → 育苗特训 → 成材使用 or changes a tier; a street sees
its own people's cards read-only (the rows flow down in packages).

Moves go forward one stage at a time (the pipeline is closed: nobody is put to use without the
intensive training); moving back is allowed, to correct a mistake. Every move is one audit
operation naming the trainee and both stages, so the district can tell who was moved to
成材使用 and when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Cohort, Community, Enrolment, Person, Position, Street
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.records import Saved, load_live
from yanqun_desktop.services.uow import unit_of_work

DEFAULT_STAGE = "seed"  # an enrolment saved without a stage is at the start of the pipeline
DEFAULT_TIER = "reserve"


@dataclass(frozen=True)
class BoardCard:
    enrolment_id: str
    person_id: str
    name: str
    street_name: str
    community: str  # community name, "" if none
    tier: str  # vocab.CAMP_TIER code
    tier_label: str
    title: str  # current position, "" if none
    stage: str  # vocab.CAMP_STAGE code
    left_on: dt.date | None  # left the camp early (the card stays on its stage)


@dataclass(frozen=True)
class CampCohortView:
    id: str
    number: int  # the year
    name: str
    start_date: dt.date | None
    end_date: dt.date | None
    trainees: int  # live trainee enrolments


def camp_cohorts(db: Database) -> list[CampCohortView]:
    """The camp's yearly cohorts, newest first."""
    trainees = (
        select(func.count())
        .where(Enrolment.cohort_id == Cohort.id, Enrolment.role == "trainee", ~Enrolment.deleted)
        .scalar_subquery()
    )
    with db.session() as s:
        rows = s.execute(
            select(Cohort, trainees).where(Cohort.kind == "camp", ~Cohort.deleted).order_by(Cohort.number.desc())
        )
        return [CampCohortView(c.id, c.number, c.name, c.start_date, c.end_date, int(n)) for c, n in rows]


def _titles(session: Session, person_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    rows = session.execute(
        select(Position.person_id, Position.title)
        .where(Position.person_id.in_(person_ids), Position.end_date.is_(None), ~Position.deleted)
        .order_by(Position.start_date.desc())
    )
    for person_id, title in rows:
        out.setdefault(person_id, title)  # the most recent current position, as the registries show
    return out


def camp_board(db: Database, cohort_id: str) -> dict[str, list[BoardCard]]:
    """Trainee cards of a camp cohort by stage: keys are the three vocab.CAMP_STAGE codes in
    pipeline order (always all three). Cards sort by tier (区级重点 first), then name. A street
    sees its own people's cards only, as on the camp registry page."""
    org = db.org()
    with db.session() as s:
        cohort = load_live(s, Cohort, cohort_id, "青训营届次")
        if cohort.kind != "camp":
            raise ServiceError(f"「{cohort.name}」不是青训营届次。")
        stmt = (
            select(Enrolment, Person, Street.name, Community.name)
            .join(Person, Person.id == Enrolment.person_id)
            .join(Street, Street.id == Person.street_id)
            .outerjoin(Community, Community.id == Person.community_id)
            .where(Enrolment.cohort_id == cohort_id, Enrolment.role == "trainee", ~Enrolment.deleted, ~Person.deleted)
        )
        if not org.is_district:
            stmt = stmt.where(Street.code == org.code)
        rows = list(s.execute(stmt))
        titles = _titles(s, [p.id for _, p, _, _ in rows])
        tier_order = {code: i for i, code in enumerate(vocab.CAMP_TIER.codes)}
        rows.sort(key=lambda r: (tier_order.get(r[0].camp_tier or DEFAULT_TIER, 99), r[1].name_sort, r[1].id))
        board: dict[str, list[BoardCard]] = {code: [] for code in vocab.CAMP_STAGE.codes}
        for e, p, street, community in rows:
            stage = e.camp_stage if e.camp_stage in board else DEFAULT_STAGE
            tier = e.camp_tier if e.camp_tier in vocab.CAMP_TIER else DEFAULT_TIER
            board[stage].append(
                BoardCard(e.id, p.id, p.name, street, community or "", tier, vocab.CAMP_TIER.label(tier),
                          titles.get(p.id, ""), stage, e.left_on)
            )
        return board


def _camp_trainee(session: Session, actor: Actor, enrolment_id: str) -> tuple[Enrolment, Person]:
    if not actor.is_district:
        raise PermissionDenied("青训营由区委组织部管理，街道只能查看，不能调整学员阶段或层级。")
    enrolment = load_live(session, Enrolment, enrolment_id, "青训营学员")
    cohort = session.get(Cohort, enrolment.cohort_id)
    if cohort is None or cohort.kind != "camp" or enrolment.role != "trainee":
        raise ServiceError("只有青训营学员才有培养阶段和学员层级。")
    return enrolment, session.get(Person, enrolment.person_id)  # type: ignore[return-value]


def _code(vocabulary: vocab.CodedVocabulary, value: str) -> str:
    try:
        return vocabulary.code_from_text(value)
    except ValidationError as e:
        raise ValidationErrors([e]) from None


def move_stage(db: Database, actor: Actor, enrolment_id: str, stage: str) -> Saved:
    """Move a camp trainee to another stage (code or label): forward one stage at a time,
    back to any earlier stage."""
    target = _code(vocab.CAMP_STAGE, stage)
    with unit_of_work(db, actor, "enrolments.camp_stage", "调整青训营培养阶段") as work:
        enrolment, person = _camp_trainee(work.session, actor, enrolment_id)
        current = enrolment.camp_stage if enrolment.camp_stage in vocab.CAMP_STAGE else DEFAULT_STAGE
        if enrolment.left_on is not None:
            raise ServiceError(f"{person.name} 已于 {enrolment.left_on.isoformat()} 离营，不能调整培养阶段。")
        now, then = vocab.CAMP_STAGE.position(current), vocab.CAMP_STAGE.position(target)
        if then > now + 1:
            skipped = vocab.CAMP_STAGE.labels[now]  # the stage right after the current one
            raise ServiceError(
                f"{person.name} 目前处于「{vocab.CAMP_STAGE.label(current)}」阶段，"
                f"须先进入「{skipped}」阶段，才能进入「{vocab.CAMP_STAGE.label(target)}」。"
            )
        if enrolment.camp_stage != target:
            enrolment.camp_stage = target
        work.summary = (
            f"青训营培养阶段：{person.name} {vocab.CAMP_STAGE.label(current)} → {vocab.CAMP_STAGE.label(target)}"
        )
    return Saved(enrolment_id, work.result())


def set_tier(db: Database, actor: Actor, enrolment_id: str, tier: str) -> Saved:
    """Set a camp trainee's tier (区级重点学员 / 街道骨干学员 / 后备培养学员, code or label)."""
    target = _code(vocab.CAMP_TIER, tier)
    with unit_of_work(db, actor, "enrolments.camp_tier", "调整青训营学员层级") as work:
        enrolment, person = _camp_trainee(work.session, actor, enrolment_id)
        before = enrolment.camp_tier if enrolment.camp_tier in vocab.CAMP_TIER else DEFAULT_TIER
        if enrolment.camp_tier != target:
            enrolment.camp_tier = target
        work.summary = (
            f"青训营学员层级：{person.name} {vocab.CAMP_TIER.label(before)} → {vocab.CAMP_TIER.label(target)}"
        )
    return Saved(enrolment_id, work.result())
