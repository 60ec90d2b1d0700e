"""What the training produces: micro-reform topics by six-step stage, governance cases, honours."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import Community, GovernanceCase, Honour, Person, Topic, TopicStep
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.statistics.model import Count, HonourFigures, TopicFigures
from yanqun_desktop.services.statistics.scope import NO_STREET, Scope

STEPS = len(vocab.TOPIC_STEP)
# Stage = completed steps (0..6), as the topics registry's 进度: a topic with k steps done is
# working on step k + 1; six done is finished.
STAGES: tuple[tuple[str, str], ...] = (
    *((f"step{i + 1}", f"进行中：{label}") for i, label in enumerate(vocab.TOPIC_STEP.labels)),
    ("done", "已完成"),
)


def stage_key(done: int) -> str:
    return STAGES[min(max(done, 0), STEPS)][0]


def topic_figures(s: Session, scope: Scope) -> TopicFigures:
    at = scope.at
    stage = (
        select(Topic.id.label("topic_id"), Topic.street_id.label("street_id"),
               func.coalesce(func.max(TopicStep.step_no), 0).label("done"))
        .outerjoin(TopicStep, and_(TopicStep.topic_id == Topic.id, ~TopicStep.deleted,
                                   TopicStep.completed_on.is_not(None), TopicStep.completed_on <= at))
        .where(~Topic.deleted, Topic.year <= at.year, scope.where(Topic.street_id))
        .group_by(Topic.id, Topic.street_id)
        .subquery()
    )
    rows = s.execute(select(stage.c.street_id, stage.c.done, func.count()).group_by(stage.c.street_id, stage.c.done))
    by_stage = scope.breakdown(STAGES, [(sid, stage_key(int(done)), n) for sid, done, n in rows], no_street_row=True)
    live = and_(~Topic.deleted, Topic.year <= at.year, scope.where(Topic.street_id))
    years = s.execute(select(Topic.year, func.count()).where(live).group_by(Topic.year).order_by(Topic.year)).all()
    origins = dict(s.execute(select(Topic.origin, func.count()).where(live).group_by(Topic.origin)).all())
    return TopicFigures(
        total=sum(by_stage.totals),
        by_stage=by_stage,
        by_year=tuple(Count(str(y), f"{y}年", int(n)) for y, n in years),
        by_origin=tuple(Count(c, lb, int(origins.get(c, 0))) for c, lb in vocab.TOPIC_ORIGIN.items()),
        reports=by_stage.total("done"),
    )


def honour_street() -> ColumnElement[str | None]:
    """An honour belongs to the street of its person, else of its case, else of its community."""
    case_street = select(GovernanceCase.street_id).where(GovernanceCase.id == Honour.case_id).scalar_subquery()
    community_street = select(Community.street_id).where(Community.id == Honour.community_id).scalar_subquery()
    person_street = select(Person.street_id).where(Person.id == Honour.person_id).scalar_subquery()
    return func.coalesce(person_street, case_street, community_street)


def honour_figures(s: Session, scope: Scope) -> HonourFigures:
    at = scope.at
    cases_live = and_(~GovernanceCase.deleted, or_(GovernanceCase.year.is_(None), GovernanceCase.year <= at.year),
                      scope.where(GovernanceCase.street_id))
    case_years = s.execute(
        select(GovernanceCase.year, func.count()).where(cases_live)
        .group_by(GovernanceCase.year).order_by(GovernanceCase.year)
    ).all()
    case_streets = dict(s.execute(
        select(GovernanceCase.street_id, func.count()).where(cases_live).group_by(GovernanceCase.street_id)
    ).all())
    by_street = [Count(st.code, st.name, int(case_streets.get(st.id, 0))) for st in scope.streets]
    if scope.street is None and case_streets.get(None):
        by_street.append(Count("", NO_STREET, int(case_streets[None])))

    street = honour_street()
    honours = s.execute(
        select(street, Honour.level, func.count())
        .where(~Honour.deleted, or_(Honour.awarded_on.is_(None), Honour.awarded_on <= at), scope.where(street))
        .group_by(street, Honour.level)
    ).all()
    by_level = scope.breakdown(vocab.HONOUR_LEVEL.items(), honours, no_street_row=True)
    return HonourFigures(
        cases=sum(int(n) for n in case_streets.values()),
        cases_by_year=tuple(Count(str(y or ""), f"{y}年" if y else "年度未填", int(n)) for y, n in case_years),
        cases_by_street=tuple(by_street),
        honours=sum(by_level.totals),
        by_level=by_level,
    )

