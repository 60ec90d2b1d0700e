"""Assessments (测评) against the competency models (see ``competency_models`` for the models,
their versions and when a model is frozen). Each assessment records the model version it used.

Ownership: studio assessments belong to the street that records them; assessments against a
camp model are the district's (the camp is run by the district), so only the district records
them and they carry the district's owner code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import (
    DISTRICT_CODE,
    Assessment,
    AssessmentScore,
    Cohort,
    CompetencyModel,
    CompetencyNode,
    Person,
)
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.competency_models import (
    MODEL_KINDS,
    live_nodes,
    model_label,
    tree_order,
)
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.records import VERSION_KEY, Saved, check_version, load_live
from yanqun_desktop.services.scope import require_in_scope
from yanqun_desktop.services.uow import unit_of_work


@dataclass(frozen=True)
class ScoreGroup:
    """A module's or an indicator's result: the sum of its item scores over their maxima."""

    node_id: str
    code: str
    name: str
    score: float
    max_score: float
    fraction: float | None  # score / max_score, 0..1; None when nothing was scored


@dataclass(frozen=True)
class AssessmentView:
    id: str
    person_id: str
    assessed_on: dt.date
    assessor: str
    model_id: str
    model_kind: str
    model_name: str
    model_version: int
    is_sample: bool  # made on the shipped sample model: to be read with care
    cohort_id: str | None
    cohort_name: str | None
    note: str | None
    owner: str
    modules: list[ScoreGroup] = field(default_factory=list)
    indicators: list[ScoreGroup] = field(default_factory=list)
    total: float = 0.0
    total_max: float = 0.0

    @property
    def total_fraction(self) -> float | None:
        return self.total / self.total_max if self.total_max else None

    @property
    def model_label(self) -> str:
        return model_label(self.model_name, self.model_version, self.is_sample)


class ModuleDelta(NamedTuple):
    """One axis of the radar: module name, fraction of max in a and in b, and b − a."""

    label: str
    a: float | None
    b: float | None
    delta: float | None


# -- assessments --------------------------------------------------------------------------------
def _clean_assessment(
    session: Session, actor: Actor, raw: dict[str, Any], row: Assessment | None
) -> tuple[dict[str, Any], dict[str, float], CompetencyModel | None]:
    """Column values and item scores, every problem reported at once."""
    c = Collector(raw, row)
    person_id = row.person_id if row else str(raw.get("person_id") or "")
    person = session.get(Person, person_id) if person_id else None
    if person is None or person.deleted:
        c.fail("人员", "找不到被测评人员（可能已被删除），请重新选择" if person_id else "请选择被测评人员")
    model_id = row.model_id if row else str(raw.get("model_id") or "")
    model = session.get(CompetencyModel, model_id) if model_id else None
    if model is None or model.deleted:
        c.fail("测评模型", "请选择能力模型" if not model_id else "找不到该能力模型（可能已被删除）")
        model = None
    assessed_on = c.date("assessed_on", "测评日期", required=True)
    if assessed_on is not None and assessed_on > dt.date.today():
        c.fail("测评日期", f"测评日期（{assessed_on.isoformat()}）不能晚于今天")
    assessor = c.text("assessor", "测评人", required=True, max_len=64)
    note = c.text("note", "备注", max_len=2000)
    cohort_id = (str(raw.get("cohort_id") or "") or None) if "cohort_id" in raw or row is None else row.cohort_id
    if cohort_id:
        cohort = session.get(Cohort, cohort_id)
        if cohort is None or cohort.deleted:
            c.fail("期次", "所选期次不存在")
        elif model is not None and cohort.kind != model.kind:
            c.fail("期次", f"所选期次「{cohort.name}」与{MODEL_KINDS[model.kind]}能力模型不匹配")
    scores: dict[str, float] = {}
    if model is not None:
        scores = _clean_scores(c, session, model, raw, row)
    c.done()
    values = {
        "person_id": person_id,
        "model_id": model_id,
        "assessed_on": assessed_on,
        "assessor": assessor,
        "note": note,
        "cohort_id": cohort_id,
    }
    return values, scores, model


def _clean_scores(
    c: Collector, session: Session, model: CompetencyModel, raw: dict[str, Any], row: Assessment | None
) -> dict[str, float]:
    items = [n for n in live_nodes(session, model.id) if n.level == "item"]
    by_id = {n.id: n for n in items}
    if "scores" not in raw and row is not None:  # an edit of the header only keeps the scores
        return {x.node_id: x.score for x in row.scores if not x.deleted}
    given = raw.get("scores") or {}
    if not isinstance(given, dict):
        c.fail("评分", "评分应按具体内容逐项填写")
        return {}
    scores: dict[str, float] = {}
    for node_id, value in given.items():
        node = by_id.get(str(node_id))
        if node is None:
            c.fail("评分", "有评分项不属于所选能力模型的具体内容，请刷新后重新评分")
            continue
        label = f"{node.code} {node.name}"
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # reported below as missing
        try:
            number = float(value)
        except (TypeError, ValueError):
            c.fail(f"评分：{label}", f"「{label}」的评分应为数字")
            continue
        top = node.max_score or 0.0
        if not 0 <= number <= top:
            c.fail(f"评分：{label}", f"「{label}」的评分应在 0 到 {top:g} 之间（填写的是 {number:g}）")
            continue
        scores[node.id] = number
    missing = [n for n in items if n.id not in scores and not _bad(c, n)]
    if missing:
        shown = "、".join(f"{n.code} {n.name}" for n in missing[:6]) + ("等" if len(missing) > 6 else "")
        c.fail("评分", f"还有 {len(missing)} 项具体内容未评分：{shown}")
    return scores


def _bad(c: Collector, node: CompetencyNode) -> bool:
    """An item already reported as wrongly scored is not also reported as missing."""
    return any(e.field == f"评分：{node.code} {node.name}" for e in c.errors)


def _owner_for(actor: Actor, model: CompetencyModel) -> str:
    if model.kind == "camp":
        if not actor.is_district:
            raise PermissionDenied("青训营测评由区委组织部记录，街道只能查看。")
        return DISTRICT_CODE
    if actor.is_district:
        # Studio assessments are street rows (SYNC.md); the district sees them read-only.
        raise PermissionDenied("工作室测评由各街道记录，区级只能查看。")
    return actor.org_code


def save_assessment(db: Database, actor: Actor, raw: dict[str, Any], assessment_id: str | None = None) -> Saved:
    """Record (or correct, with ``assessment_id``) an assessment with every item's score.

    ``raw``: person_id, model_id, assessed_on, assessor, cohort_id (optional), note,
    scores ``{item node id: score}``. On a correction the person and model stay as they were
    and absent keys keep their values."""
    verb = "新增" if assessment_id is None else "修改"
    op = "assessments.create" if assessment_id is None else "assessments.update"
    with unit_of_work(db, actor, op, f"{verb}测评") as work:
        s = work.session
        row = None if assessment_id is None else load_live(s, Assessment, assessment_id, "测评")
        if row is not None and VERSION_KEY in raw:
            check_version(row, raw[VERSION_KEY], "测评")
        chosen = s.get(CompetencyModel, row.model_id if row else str(raw.get("model_id") or ""))
        if chosen is not None and not chosen.deleted:
            _owner_for(actor, chosen)  # refuse before reporting field errors the actor cannot fix
        values, scores, model = _clean_assessment(s, actor, raw, row)
        require_in_scope(s, actor, [values["person_id"]])  # a studio leader: their studio's people
        if model is None:  # _clean_assessment reported it; kept for the type checker
            raise ServiceError("请选择能力模型。")
        owner = row.owner if row is not None else _owner_for(actor, model)
        if row is None:
            row = Assessment(id=new_id(), owner=owner, **values)
            s.add(row)
        else:
            for key, value in values.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
        _write_scores(s, row, scores, owner)
        if actor.is_district and not model.frozen:
            model.frozen = True  # the district may write its own row: keep the column in step
        person = s.get(Person, values["person_id"])
        work.summary = (
            f"{verb}测评：{person.name if person else ''} {values['assessed_on'].isoformat()} "
            f"{model_label(model.name, model.version_no, model.is_sample)}"
        )
        saved_id = row.id
    return Saved(saved_id, work.result())


def _write_scores(session: Session, assessment: Assessment, scores: dict[str, float], owner: str) -> None:
    # (assessment_id, node_id) is unique over tombstones too: revive a deleted score, never re-insert.
    existing = {
        x.node_id: x
        for x in session.scalars(select(AssessmentScore).where(AssessmentScore.assessment_id == assessment.id))
    }
    for node_id, score in scores.items():
        row = existing.get(node_id)
        if row is None:
            session.add(AssessmentScore(assessment_id=assessment.id, node_id=node_id, score=score, owner=owner))
            continue
        if row.score != score:
            row.score = score
        if row.deleted:
            row.deleted = False
    for node_id, row in existing.items():
        if node_id not in scores and not row.deleted:
            row.deleted = True


def delete_assessment(db: Database, actor: Actor, assessment_id: str) -> Saved:
    """Tombstone an assessment and its scores (the model stays frozen: see the docstring)."""
    with unit_of_work(db, actor, "assessments.delete", "删除测评") as work:
        s = work.session
        row = load_live(s, Assessment, assessment_id, "测评")
        require_in_scope(s, actor, [row.person_id])
        row.deleted = True
        for score in row.scores:
            if not score.deleted:
                score.deleted = True
        person = s.get(Person, row.person_id)
        work.summary = f"删除测评：{person.name if person else ''} {row.assessed_on.isoformat()}"
    return Saved(assessment_id, work.result())


def assessment_form_values(db: Database, assessment_id: str) -> dict[str, Any]:
    """An assessment as the scoring form shows it: header fields as text, scores by item id."""
    with db.session() as s:
        row = load_live(s, Assessment, assessment_id, "测评")
        return {
            "person_id": row.person_id,
            "model_id": row.model_id,
            "assessed_on": row.assessed_on.isoformat(),
            "assessor": row.assessor,
            "cohort_id": row.cohort_id or "",
            "note": row.note or "",
            "scores": {x.node_id: x.score for x in row.scores if not x.deleted},
            VERSION_KEY: row.version,  # sent back on save: a correction over a newer one is refused
        }


# -- history and comparison ---------------------------------------------------------------------
def _summarise(
    session: Session,
    row: Assessment,
    model: CompetencyModel,
    cohort: Cohort | None,
    cache: dict[str, dict[str, CompetencyNode]] | None = None,
) -> AssessmentView:
    # Every node of the model, tombstones too: a score keeps counting under its module even if
    # a node was removed later (an in-place edit the district made before it heard of this).
    cache = {} if cache is None else cache
    if model.id not in cache:
        stmt = select(CompetencyNode).where(CompetencyNode.model_id == model.id)
        cache[model.id] = {n.id: n for n in session.scalars(stmt)}
    nodes = cache[model.id]
    sums: dict[str, list[float]] = {}
    for score in row.scores:
        node = nodes.get(score.node_id)
        if score.deleted or node is None:
            continue
        top = node.max_score or 0.0
        parent = nodes.get(node.parent_id) if node.parent_id else None
        while parent is not None:
            acc = sums.setdefault(parent.id, [0.0, 0.0])
            acc[0] += score.score
            acc[1] += top
            parent = nodes.get(parent.parent_id) if parent.parent_id else None
    groups: dict[str, list[ScoreGroup]] = {"module": [], "indicator": []}
    for node in tree_order(list(nodes.values())):
        if node.level not in groups or (node.deleted and node.id not in sums):
            continue
        got, top = sums.get(node.id, [0.0, 0.0])
        groups[node.level].append(ScoreGroup(node.id, node.code, node.name, got, top, got / top if top else None))
    return AssessmentView(
        id=row.id,
        person_id=row.person_id,
        assessed_on=row.assessed_on,
        assessor=row.assessor,
        model_id=model.id,
        model_kind=model.kind,
        model_name=model.name,
        model_version=model.version_no,
        is_sample=model.is_sample,
        cohort_id=row.cohort_id,
        cohort_name=cohort.name if cohort is not None else None,
        note=row.note,
        owner=row.owner,
        modules=groups["module"],
        indicators=groups["indicator"],
        total=sum(g.score for g in groups["module"]),
        total_max=sum(g.max_score for g in groups["module"]),
    )


def assessment_view(db: Database, assessment_id: str) -> AssessmentView:
    with db.session() as s:
        row = load_live(s, Assessment, assessment_id, "测评")
        model = s.get(CompetencyModel, row.model_id)
        cohort = s.get(Cohort, row.cohort_id) if row.cohort_id else None
        return _summarise(s, row, model, cohort)


def assessment_history(db: Database, person_id: str) -> list[AssessmentView]:
    """A person's live assessments, oldest first (the growth archive reads them as a journey)."""
    with db.session() as s:
        rows = s.execute(
            select(Assessment, CompetencyModel, Cohort)
            .join(CompetencyModel, CompetencyModel.id == Assessment.model_id)
            .outerjoin(Cohort, Cohort.id == Assessment.cohort_id)
            .where(Assessment.person_id == person_id, ~Assessment.deleted)
            .order_by(Assessment.assessed_on, Assessment.id)
        )
        cache: dict[str, dict[str, CompetencyNode]] = {}  # one read of each model's tree
        return [_summarise(s, a, m, c, cache) for a, m, c in rows]


def compare(db: Database, assessment_id_a: str, assessment_id_b: str) -> list[ModuleDelta]:
    """Module by module, a's and b's fractions of the maximum and b − a (for a radar chart).

    Two versions of one model are matched by module code (a new version copies the codes), and
    labelled with b's wording; a module only one of them has gets None on the other side."""
    a = assessment_view(db, assessment_id_a)
    b = assessment_view(db, assessment_id_b)
    if a.model_kind != b.model_kind:
        raise ServiceError("工作室测评和青训营测评使用不同的能力模型，不能对比。")
    left = {g.code: g for g in a.modules}
    right = {g.code: g for g in b.modules}
    codes = [g.code for g in b.modules] + [g.code for g in a.modules if g.code not in right]
    out: list[ModuleDelta] = []
    for code in codes:
        x, y = left.get(code), right.get(code)
        fa = x.fraction if x else None
        fb = y.fraction if y else None
        label = (y or x).name  # type: ignore[union-attr]
        out.append(ModuleDelta(label, fa, fb, fb - fa if fa is not None and fb is not None else None))
    return out
