"""Competency models (versioned, frozen once used) and assessments against them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Assessment, AssessmentScore, AuditOperation, CompetencyModel, CompetencyNode
from yanqun_desktop.domain.validation import ValidationErrors
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.assessments import (
    assessment_form_values,
    assessment_history,
    compare,
    delete_assessment,
    save_assessment,
)
from yanqun_desktop.services.competency_models import (
    ModelView,
    current_model,
    freeze_model,
    model_versions,
    model_view,
    save_model_edit,
)
from yanqun_desktop.services.errors import ConcurrentEdit
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort
from yanqun_desktop.services.records import VERSION_KEY

pytestmark = pytest.mark.postgres


def _count(db: Database, model: type, *where: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _edit_rows(model: ModelView) -> list[dict[str, Any]]:
    """The model as the editor would send it back unchanged."""
    return [
        {"id": n.id, "level": n.level, "code": n.code, "name": n.name, "max_score": n.max_score} for n in model.nodes
    ]


def _scores(model: ModelView, value: float = 4.0, **by_code: float) -> dict[str, float]:
    return {n.id: by_code.get(n.code, value) for n in model.items}


def _assess(db: Database, actor: Actor, person_id: str, model: ModelView, on: str = "2022-06-01", **kw: Any) -> str:
    raw = {"person_id": person_id, "model_id": model.id, "assessed_on": on, "assessor": "李导师",
           "scores": kw.pop("scores", None) or _scores(model), **kw}
    return save_assessment(db, actor, raw).id


def test_sample_model_is_shipped_in_tree_order(street_db: Database) -> None:
    model = current_model(street_db, "studio")
    assert (model.version_no, model.is_sample, model.frozen) == (1, True, True)  # the sample counts as used
    levels = [n.level for n in model.nodes]
    assert (levels.count("module"), levels.count("indicator"), levels.count("item")) == (3, 7, 24)
    assert [n.code for n in model.nodes[:3]] == ["1", "1.1", "1.1.1"]
    ids = {n.id: n for n in model.nodes}
    assert all(ids[n.parent_id].level == "indicator" for n in model.items)
    camp = current_model(street_db, "camp")
    assert [n.name for n in camp.nodes if n.level == "module"] == ["善谋", "实干", "总结提炼"]
    assert model_view(street_db, model.id) == model


def test_street_cannot_edit_a_model(street_db: Database, clerk: Actor) -> None:
    model = current_model(street_db, "studio")
    rows = _edit_rows(model)
    rows[0]["name"] = "改名"
    with pytest.raises(PermissionDenied, match="区委组织部"):
        save_model_edit(street_db, clerk, model.id, rows)
    assert current_model(street_db, "studio") == model
    assert _count(street_db, AuditOperation) == 0


def test_editing_the_frozen_sample_makes_a_new_version(district_db: Database, district_officer: Actor) -> None:
    sample = current_model(district_db, "studio")
    with district_db.session() as s:
        before = {n.id: (n.name, n.version, n.deleted)
                  for n in s.scalars(select(CompetencyNode).where(CompetencyNode.model_id == sample.id))}
        sample_version = s.get(CompetencyModel, sample.id).version
    rows = _edit_rows(sample)
    rows[0]["name"] = "政治引领力"
    rows = [r for r in rows if r["code"] != "1.1.4"]  # drop 廉洁自律
    rows.insert(3, {"level": "item", "code": "1.1.9", "name": "调查研究", "max_score": 10})
    saved = save_model_edit(district_db, district_officer, sample.id, rows, name="书记能力模型（2023）")
    assert saved.id != sample.id
    new = current_model(district_db, "studio")
    assert (new.id, new.version_no, new.is_sample, new.frozen, new.previous_id) == (
        saved.id, 2, False, False, sample.id)
    assert new.name == "书记能力模型（2023）"
    assert new.nodes[0].name == "政治引领力"
    assert [n.code for n in new.nodes[:5]] == ["1", "1.1", "1.1.1", "1.1.9", "1.1.2"]
    assert len(new.items) == 24 and "1.1.4" not in {n.code for n in new.items}
    assert not {n.id for n in new.nodes} & {n.id for n in sample.nodes}  # fresh rows, the old tree kept
    with district_db.session() as s:
        assert {n.id: (n.name, n.version, n.deleted) for n in s.scalars(select(CompetencyNode).where(
            CompetencyNode.model_id == sample.id))} == before
        old = s.get(CompetencyModel, sample.id)
        assert (old.version, old.name, old.deleted) == (sample_version, sample.name, False)
        assert s.get(CompetencyModel, new.id).owner == "nanshan-district"
    assert [v.version_no for v in model_versions(district_db, "studio")] == [2, 1]
    # the old version is no longer the one to edit
    with pytest.raises(Exception, match="第2版"):
        save_model_edit(district_db, district_officer, sample.id, rows)


def test_unfrozen_model_is_edited_in_place(district_db: Database, district_officer: Actor) -> None:
    sample = current_model(district_db, "camp")
    v2 = model_view(district_db, save_model_edit(district_db, district_officer, sample.id,
                                                 _edit_rows(sample), name="青训营能力模型").id)
    assert v2.version_no == 2 and not v2.frozen
    rows = _edit_rows(v2)
    rows[1]["name"] = "谋划与研判"
    removed = rows.pop(2)  # 形势研判
    rows.insert(3, {"level": "item", "code": "1.1.3", "name": "资源统筹", "max_score": 5})
    saved = save_model_edit(district_db, district_officer, v2.id, rows)
    assert saved.id == v2.id
    edited = model_view(district_db, v2.id)
    assert edited.version_no == 2 and edited.nodes[1].name == "谋划与研判"
    assert [n.name for n in edited.nodes[:4]] == ["善谋", "谋划与研判", "方案设计", "资源统筹"]
    with district_db.session() as s:
        assert s.get(CompetencyNode, removed["id"]).deleted is True  # tombstoned, not gone
        assert s.scalar(select(func.count()).select_from(CompetencyModel).where(CompetencyModel.kind == "camp")) == 2
    assert saved.changes.touches("competency_nodes")
    # sending the same tree again changes nothing
    assert save_model_edit(district_db, district_officer, v2.id, _edit_rows(edited)).changes.tables == frozenset()


def test_model_edit_validation_writes_nothing(district_db: Database, district_officer: Actor) -> None:
    sample = current_model(district_db, "studio")
    rows = _edit_rows(sample)
    rows[2]["code"] = "1.1.2"  # duplicate of the next item
    rows[3]["max_score"] = 0
    rows.insert(0, {"level": "item", "code": "0.1", "name": "孤立的内容", "max_score": 5})
    rows.append({"level": "module", "code": "4", "name": "空模块"})
    audits = _count(district_db, AuditOperation)
    with pytest.raises(ValidationErrors) as err:
        save_model_edit(district_db, district_officer, sample.id, rows)
    text = str(err.value)
    assert "编码「1.1.2」重复" in text
    assert "满分应大于 0" in text
    assert "上方没有素质指标" in text
    assert "能力模块「空模块」下至少要有一个素质指标" in text
    assert _count(district_db, CompetencyModel) == 2 and _count(district_db, AuditOperation) == audits
    with pytest.raises(ValidationErrors, match="层级"):
        save_model_edit(district_db, district_officer, sample.id, [{"level": "章节", "code": "1", "name": "x"}])


def test_studio_assessment_is_the_streets_and_freezes_by_use(
    street_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    # A district version arrives at the street (written here as the district would, by package).
    sample = current_model(street_db, "studio")
    v2 = model_view(street_db, save_model_edit(street_db, district_officer, sample.id, _edit_rows(sample),
                                               name="正式模型").id)
    assert not v2.frozen
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    cohort = save_cohort(street_db, clerk, {"number": 1}).id
    aid = _assess(street_db, clerk, pid, v2, cohort_id=cohort, note="结业测评")
    with street_db.session() as s:
        a = s.get(Assessment, aid)
        assert (a.owner, a.model_id, a.cohort_id, a.assessor, a.note) == ("shahe", v2.id, cohort, "李导师", "结业测评")
        assert {x.owner for x in a.scores} == {"shahe"} and len(a.scores) == 24
        assert s.get(CompetencyModel, v2.id).frozen is False  # the district's row is not touched
    assert model_view(street_db, v2.id).frozen  # ... but the model counts as used
    assert [v.assessments for v in model_versions(street_db, "studio")] == [1, 0]
    # the district's next edit of it therefore makes version 3
    v3 = save_model_edit(street_db, district_officer, v2.id, _edit_rows(v2), name="正式模型（修订）")
    assert model_view(street_db, v3.id).version_no == 3
    # the district cannot record a studio assessment: those are street rows
    with pytest.raises(PermissionDenied, match="街道"):
        _assess(street_db, district_officer, pid, v2)


def test_assessment_refusals_are_collected_and_nothing_is_written(street_db: Database, clerk: Actor) -> None:
    model = current_model(street_db, "studio")
    scores = _scores(model, **{"1.1.1": 6, "1.1.2": -1})
    del scores[model.items[5].id]
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    with pytest.raises(ValidationErrors) as err:
        save_assessment(street_db, clerk, {"person_id": "no-such-person", "model_id": model.id,
                                           "assessed_on": future, "assessor": " ", "scores": scores})
    fields = err.value.fields
    text = str(err.value)
    assert "找不到被测评人员" in text
    assert "不能晚于今天" in text
    assert "测评人不能为空" in text
    assert "「1.1.1 理论学习」的评分应在 0 到 5 之间" in text
    assert "「1.1.2 政治判断」的评分应在 0 到 5 之间" in text
    assert "还有 1 项具体内容未评分" in text and model.items[5].name in text
    assert {"人员", "测评日期", "测评人", "评分", "评分：1.1.1 理论学习"} <= set(fields)
    assert _count(street_db, Assessment) == 0 and _count(street_db, AssessmentScore) == 0
    assert _count(street_db, AuditOperation) == 0


def test_camp_assessments_are_the_districts(
    street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    camp = current_model(street_db, "camp")
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    with pytest.raises(PermissionDenied, match="青训营测评由区委组织部记录"):
        _assess(street_db, clerk, pid, camp, assessed_on="", scores={})
    assert _count(street_db, Assessment) == 0

    sample = current_model(district_db, "camp")
    v2 = model_view(district_db, save_model_edit(district_db, district_officer, sample.id, _edit_rows(sample),
                                                 name="青训营能力模型").id)
    from yanqun_desktop.db.models import Street

    with district_db.session() as s:
        xili = s.scalars(select(Street.id).where(Street.code == "xili")).one()
    person = save_person(district_db, district_officer, {"name": "黄海", "street_id": xili}).id
    cohort = save_cohort(district_db, district_officer, {"kind": "camp", "number": 2022}).id
    aid = _assess(district_db, district_officer, person, v2, cohort_id=cohort)
    with district_db.session() as s:
        assert s.get(Assessment, aid).owner == "nanshan-district"
        assert {x.owner for x in s.get(Assessment, aid).scores} == {"nanshan-district"}
        assert s.get(CompetencyModel, v2.id).frozen is True  # the district keeps its own column in step


def test_history_averages_compare_and_sample_flag(street_db: Database, clerk: Actor, district_officer: Actor) -> None:
    sample = current_model(street_db, "studio")
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    first = _assess(street_db, clerk, pid, sample, on="2021-03-01", scores=_scores(sample, 2.5))
    v2 = model_view(street_db, save_model_edit(street_db, district_officer, sample.id, _edit_rows(sample),
                                               name="正式模型").id)
    # module 1 all 5, module 2 all 4, module 3 all 3 (codes copy over to the new version)
    by_module = {n.id: 5.0 if n.code.startswith("1.") else 4.0 if n.code.startswith("2.") else 3.0 for n in v2.items}
    second = _assess(street_db, clerk, pid, v2, on="2022-06-01", scores=by_module)
    history = assessment_history(street_db, pid)
    assert [h.id for h in history] == [first, second]
    old, new = history
    assert old.is_sample and not new.is_sample
    assert "示例" in old.model_label and (old.model_version, new.model_version) == (1, 2)
    assert [round(m.fraction or 0, 3) for m in old.modules] == [0.5, 0.5, 0.5]
    assert [(m.name, m.fraction) for m in new.modules] == [("政治引领能力", 1.0), ("治理服务能力", 0.8),
                                                           ("队伍发展能力", 0.6)]
    assert len(new.indicators) == 7 and new.indicators[0].max_score == 20  # 4 items × 5
    assert (new.total, new.total_max) == (7 * 5 + 10 * 4 + 7 * 3, 120)
    delta = compare(street_db, first, second)
    assert [d.label for d in delta] == ["政治引领能力", "治理服务能力", "队伍发展能力"]
    assert [round(d.delta or 0, 3) for d in delta] == [0.5, 0.3, 0.1]
    assert delta[0] == ("政治引领能力", 0.5, 1.0, 0.5)


def test_correct_and_delete_an_assessment(street_db: Database, clerk: Actor) -> None:
    model = current_model(street_db, "studio")
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    aid = _assess(street_db, clerk, pid, model)
    item = model.items[0].id
    save_assessment(street_db, clerk, {"scores": {**_scores(model), item: 1}, "note": "复核后更正"}, aid)
    form = assessment_form_values(street_db, aid)
    assert form["scores"][item] == 1 and form["note"] == "复核后更正" and form["assessor"] == "李导师"
    stale = {"note": "基于旧版本的更正", VERSION_KEY: form[VERSION_KEY]}
    save_assessment(street_db, clerk, {"note": "另一位的更正", VERSION_KEY: form[VERSION_KEY]}, aid)
    with pytest.raises(ConcurrentEdit):  # a form loaded before the other correction is refused
        save_assessment(street_db, clerk, stale, aid)
    assert assessment_form_values(street_db, aid)["note"] == "另一位的更正"
    deleted = delete_assessment(street_db, clerk, aid)
    assert deleted.changes.touches("assessments", "assessment_scores")
    with street_db.session() as s:
        a = s.get(Assessment, aid)
        assert a.deleted and all(x.deleted for x in a.scores) and len(a.scores) == 24
    assert assessment_history(street_db, pid) == []
    assert model_view(street_db, model.id).frozen  # a tombstoned assessment still pins its model


def test_district_freezes_a_model_explicitly(district_db: Database, district_officer: Actor, clerk: Actor) -> None:
    sample = current_model(district_db, "camp")
    v2 = save_model_edit(district_db, district_officer, sample.id, _edit_rows(sample), name="第二版").id
    with pytest.raises(PermissionDenied):
        freeze_model(district_db, clerk, v2)
    freeze_model(district_db, district_officer, v2)
    assert model_view(district_db, v2).frozen
    v3 = save_model_edit(district_db, district_officer, v2, _edit_rows(model_view(district_db, v2)), name="第三版")
    assert model_view(district_db, v3.id).version_no == 3
