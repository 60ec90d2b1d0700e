"""The youth camp board: trainees by stage, district-only moves and tiers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation, Enrolment, Street
from yanqun_desktop.domain.validation import ValidationErrors
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.camp import camp_board, camp_cohorts, move_stage, set_tier
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import save_position
from yanqun_desktop.services.programmes import remove_enrolment, save_cohort, save_enrolment

pytestmark = pytest.mark.postgres


def _count(db: Database, model: type, *where: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _camp(db: Database, officer: Actor) -> dict[str, str]:
    """A 2022 camp cohort with trainees from 沙河 and 西丽, a mentor and a removed trainee,
    written as the district (at a street database this is what packages bring down)."""
    with db.session() as s:
        streets = {code: i for code, i in s.execute(select(Street.code, Street.id))}
    cohort = save_cohort(db, officer, {"kind": "camp", "number": 2022}).id
    save_cohort(db, officer, {"kind": "camp", "number": 2021})
    ids = {"cohort": cohort}
    for key, name, street, tier, stage, community in [
        ("he", "何明", "shahe", "后备培养学员", None, "白石东"),
        ("li", "李红", "shahe", "区级重点学员", "育苗特训", None),
        ("wang", "王刚", "xili", "街道骨干学员", "成材使用", None),
        ("gone", "赵离", "shahe", "后备培养学员", None, None),
    ]:
        raw = {"name": name, "street_id": streets[street]}
        if community:
            raw["community"] = community
        pid = save_person(db, officer, raw).id
        ids[key] = pid
        enrol = {"cohort_id": cohort, "person_id": pid, "camp_tier": tier}
        if stage:
            enrol["camp_stage"] = stage
        ids[f"e_{key}"] = save_enrolment(db, officer, enrol).id
    save_position(db, officer, {"person_id": ids["he"], "title": "社区党委副书记", "start_date": "2021-05-01"})
    ids["e_mentor"] = save_enrolment(db, officer, {"cohort_id": cohort, "person_id": ids["li"], "role": "导师"}).id
    remove_enrolment(db, officer, ids["e_gone"])
    return ids


def test_board_by_stage_in_pipeline_order(district_db: Database, district_officer: Actor) -> None:
    ids = _camp(district_db, district_officer)
    board = camp_board(district_db, ids["cohort"])
    assert list(board) == ["seed", "seedling", "in_use"]
    assert [[c.name for c in cards] for cards in board.values()] == [["何明"], ["李红"], ["王刚"]]
    he = board["seed"][0]
    assert (he.enrolment_id, he.person_id, he.street_name, he.community, he.tier, he.tier_label, he.title) == (
        ids["e_he"], ids["he"], "沙河街道", "白石东社区", "reserve", "后备培养学员", "社区党委副书记")
    assert board["in_use"][0].street_name == "西丽街道"
    cohorts = camp_cohorts(district_db)
    assert [(c.number, c.trainees) for c in cohorts] == [(2022, 3), (2021, 0)]
    studio = save_cohort(district_db, district_officer, {"number": 1, "street_id": _street(district_db, "shahe")}).id
    with pytest.raises(ServiceError, match="不是青训营届次"):
        camp_board(district_db, studio)


def _street(db: Database, code: str) -> str:
    with db.session() as s:
        return s.scalars(select(Street.id).where(Street.code == code)).one()


def test_district_moves_stages_one_at_a_time(district_db: Database, district_officer: Actor) -> None:
    ids = _camp(district_db, district_officer)
    with pytest.raises(ServiceError, match="须先进入「育苗特训」阶段"):
        move_stage(district_db, district_officer, ids["e_he"], "成材使用")
    move_stage(district_db, district_officer, ids["e_he"], "育苗")
    saved = move_stage(district_db, district_officer, ids["e_he"], "in_use")
    assert saved.changes.touches("enrolments")
    with district_db.session() as s:
        e = s.get(Enrolment, ids["e_he"])
        assert (e.camp_stage, e.owner) == ("in_use", "nanshan-district")
        summaries = list(s.scalars(select(AuditOperation.summary).where(
            AuditOperation.operation == "enrolments.camp_stage").order_by(AuditOperation.id)))
    assert summaries == ["青训营培养阶段：何明 种子遴选 → 育苗特训", "青训营培养阶段：何明 育苗特训 → 成材使用"]
    assert [c.name for c in camp_board(district_db, ids["cohort"])["in_use"]] == ["王刚", "何明"]  # by tier
    move_stage(district_db, district_officer, ids["e_he"], "种子遴选")  # back, to correct a mistake
    assert [c.name for c in camp_board(district_db, ids["cohort"])["seed"]] == ["何明"]
    with pytest.raises(ValidationErrors, match="培养阶段「毕业」无法识别"):
        move_stage(district_db, district_officer, ids["e_he"], "毕业")
    with pytest.raises(ServiceError, match="只有青训营学员"):
        move_stage(district_db, district_officer, ids["e_mentor"], "育苗特训")


def test_district_sets_tiers(district_db: Database, district_officer: Actor) -> None:
    ids = _camp(district_db, district_officer)
    set_tier(district_db, district_officer, ids["e_he"], "区级重点")
    with district_db.session() as s:
        assert s.get(Enrolment, ids["e_he"]).camp_tier == "district_key"
    seed = camp_board(district_db, ids["cohort"])["seed"]
    assert (seed[0].tier, seed[0].tier_label) == ("district_key", "区级重点学员")
    with pytest.raises(ValidationErrors, match="学员层级"):
        set_tier(district_db, district_officer, ids["e_he"], "特级")


def test_street_sees_its_own_cards_and_cannot_move_them(
    street_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    ids = _camp(street_db, district_officer)
    board = camp_board(street_db, ids["cohort"])
    assert [[c.name for c in cards] for cards in board.values()] == [["何明"], ["李红"], []]  # 王刚 is 西丽's
    audits = _count(street_db, AuditOperation)
    with pytest.raises(PermissionDenied, match="青训营由区委组织部管理"):
        move_stage(street_db, clerk, ids["e_he"], "育苗特训")
    with pytest.raises(PermissionDenied, match="青训营由区委组织部管理"):
        set_tier(street_db, clerk, ids["e_he"], "区级重点学员")
    with street_db.session() as s:
        e = s.get(Enrolment, ids["e_he"])
        assert (e.camp_stage, e.camp_tier) == ("seed", "reserve")
    assert _count(street_db, AuditOperation) == audits
