"""The SQL behind the registry pages: search by name, pinyin, initials, ID number; scopes."""

from __future__ import annotations

import datetime as dt

import pytest

from yanqun_desktop.db.database import Database
from yanqun_desktop.domain.validation import make_id_card
from yanqun_desktop.services import registries as R
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import retire_person, save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids

pytestmark = pytest.mark.postgres


def _people(db: Database, clerk: Actor) -> dict[str, str]:
    ids = {}
    for i, name in enumerate(["张三", "张珊珊", "李四", "单田芳"]):
        card = make_id_card("440305", dt.date(1980 + i, 1, 2), 10 + i, "男")
        ids[name] = save_person(db, clerk, {"name": name, "id_card": card, "phone": f"1390000000{i}"}).id
    return ids


def _names(db: Database, spec: R.RegistrySpec, query: ListQuery) -> list[str]:
    ids = list_ids(db, spec, query)
    rows = fetch_rows(db, spec, ids)
    return [rows[i][0] for i in ids]


def test_search_by_name_pinyin_initials_and_id(street_db: Database, clerk: Actor) -> None:
    _people(street_db, clerk)
    assert _names(street_db, R.PEOPLE, ListQuery(search="zs")) == ["张三", "张珊珊"]
    assert _names(street_db, R.PEOPLE, ListQuery(search="zhangs")) == ["张三", "张珊珊"]
    assert _names(street_db, R.PEOPLE, ListQuery(search="zhangsan")) == ["张三"]
    assert _names(street_db, R.PEOPLE, ListQuery(search="李")) == ["李四"]
    assert _names(street_db, R.PEOPLE, ListQuery(search="shantian")) == ["单田芳"]  # surname reading
    card = make_id_card("440305", dt.date(1982, 1, 2), 12, "男")
    assert _names(street_db, R.PEOPLE, ListQuery(search=card)) == ["李四"]
    assert _names(street_db, R.PEOPLE, ListQuery(search="四李")) == []


def test_sorting_by_pinyin_and_masking(street_db: Database, clerk: Actor) -> None:
    _people(street_db, clerk)
    assert _names(street_db, R.PEOPLE, ListQuery(sort_key="name")) == ["李四", "单田芳", "张三", "张珊珊"]
    assert _names(street_db, R.PEOPLE, ListQuery(sort_key="name", descending=True))[0] == "张珊珊"
    ids = list_ids(street_db, R.PEOPLE, ListQuery(search="李四"))
    phone = fetch_rows(street_db, R.PEOPLE, ids)[ids[0]][R.PEOPLE.columns.index(R.PEOPLE.column("phone"))]
    assert phone == "139****0002"


def test_retired_hidden_unless_asked_and_cohort_scope(street_db: Database, clerk: Actor) -> None:
    ids = _people(street_db, clerk)
    retire_person(street_db, clerk, ids["李四"], "调离")
    assert "李四" not in _names(street_db, R.PEOPLE, ListQuery())
    assert "李四" in _names(street_db, R.PEOPLE, ListQuery(show_retired=True))
    cohort = save_cohort(street_db, clerk, {"number": 2})
    save_enrolment(street_db, clerk, {"cohort_id": cohort.id, "person_id": ids["张三"], "role": "学员"})
    assert _names(street_db, R.PEOPLE, ListQuery(scope=f"cohort:{cohort.id}")) == ["张三"]
    assert _names(street_db, R.PEOPLE, ListQuery(scope="studio")) == ["张三"]


def test_street_sees_only_its_people(district_db: Database, district_officer: Actor, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from yanqun_desktop.db.models import Street

    with district_db.session() as s:
        xili = s.scalars(select(Street.id).where(Street.code == "xili")).one()
        shahe = s.scalars(select(Street.id).where(Street.code == "shahe")).one()
    save_person(district_db, district_officer, {"name": "西丽人", "street_id": xili})
    save_person(district_db, district_officer, {"name": "沙河人", "street_id": shahe})
    assert sorted(_names(district_db, R.PEOPLE, ListQuery())) == ["沙河人", "西丽人"]


def test_every_registry_lists_and_fetches(street_db: Database, clerk: Actor) -> None:
    for spec in R.ALL:
        for col in spec.columns:
            ids = list_ids(street_db, spec, ListQuery(sort_key=col.key))
            assert fetch_rows(street_db, spec, ids) == {}
