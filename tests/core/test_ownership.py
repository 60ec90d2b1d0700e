"""Only the owner writes a row; the district may override (SYNC.md)."""

from __future__ import annotations

import pytest
from db_template import open_sqlite
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Cohort, Enrolment, Street, Tutor
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment, save_recommendation, save_tutor
from yanqun_desktop.services.uow import unit_of_work

pytestmark = pytest.mark.postgres

TUTOR = {"name": "陈教授", "school": "理论派", "nomination": "推荐", "organisation": "某大学"}


def test_street_cannot_write_the_tutor_pool(street_db: Database, clerk: Actor) -> None:
    with pytest.raises(PermissionDenied, match="区委组织部"):
        save_tutor(street_db, clerk, TUTOR)
    saved = save_recommendation(street_db, clerk, {"name": "陈教授", "reason": "讲授社区治理经验丰富"})
    assert saved.changes.touches("tutor_recommendations")


def test_district_row_is_read_only_at_a_street(street_db: Database, clerk: Actor) -> None:
    with street_db.session() as s:
        street = s.scalars(select(Street).where(Street.code == "shahe")).one()
        street_id = street.id
    with pytest.raises(PermissionDenied), unit_of_work(street_db, clerk, "t", "t") as work:
        work.session.get(Street, street_id).studio_name = "改名"
    with street_db.session() as s:
        assert s.get(Street, street_id).studio_name is None


def test_district_owns_tutors_and_camp(district_db: Database, district_officer: Actor) -> None:
    tutor = save_tutor(district_db, district_officer, TUTOR)
    camp = save_cohort(district_db, district_officer, {"kind": "camp", "number": 2022})
    with district_db.session() as s:
        street_id = s.scalars(select(Street.id).where(Street.code == "xili")).one()
    person = save_person(district_db, district_officer, {"name": "黄海", "street_id": street_id})
    enrol = save_enrolment(
        district_db, district_officer, {"cohort_id": camp.id, "person_id": person.id, "camp_tier": "区级重点学员"}
    )
    with district_db.session() as s:
        assert s.get(Tutor, tutor.id).owner == "nanshan-district"
        assert s.get(Cohort, camp.id).owner == "nanshan-district"
        e = s.get(Enrolment, enrol.id)
        assert (e.owner, e.camp_tier, e.camp_stage) == ("nanshan-district", "district_key", "seed")


def test_street_cannot_create_camp_cohort(street_db: Database, clerk: Actor) -> None:
    with pytest.raises(PermissionDenied, match="青训营"):
        save_cohort(street_db, clerk, {"kind": "camp", "number": 2022})


def test_district_takes_a_street_recommendation_without_editing_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A street's recommendation reaches the district; taking it makes a tutor that points back
    to it, and the street's row itself is never edited (only owners write rows)."""
    from yanqun_desktop.db.models import TutorRecommendation
    from yanqun_desktop.services import registries as R
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.programmes import accept_recommendation
    from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids
    from yanqun_desktop.services.setup import initialise

    db = open_sqlite(tmp_path / "d.sqlite", keys_dir=tmp_path / "k")
    initialise(db, "nanshan-district")
    street_clerk = Actor("王小红", "admin", "shahe")
    district = Actor("赵组织", "district_admin", "nanshan-district")
    # the row as it would arrive in the street's package (written here with the street's actor)
    rec = save_recommendation(db, street_clerk, {"name": "陈教授", "organisation": "某大学", "school": "理论派",
                                                 "reason": "讲授社区治理经验丰富"}).id
    with db.session() as s:
        version = s.get(TutorRecommendation, rec).version
    tutor = accept_recommendation(db, district, rec, {"vetting": "考察中"})
    with db.session() as s:
        t = s.get(Tutor, tutor.id)
        assert (t.name, t.recommendation_id, t.nomination, t.recommended_by, t.vetting) == (
            "陈教授", rec, "recommended", "沙河街道", "vetting")
        assert s.get(TutorRecommendation, rec).version == version
    rows = fetch_rows(db, R.RECOMMENDATIONS, list_ids(db, R.RECOMMENDATIONS, ListQuery(scope="done")))
    assert [r[0] for r in rows.values()] == ["陈教授"] and "已纳入师资库" in next(iter(rows.values()))
    with pytest.raises(ServiceError, match="已纳入"):
        accept_recommendation(db, district, rec, {})
