"""The records behind each dashboard figure: as many as the figure counts, with the same filters,
for the district and for one street, and no ID numbers or phones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_template import open_sqlite
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, Person
from yanqun_desktop.services.errors import NotFound
from yanqun_desktop.services.statistics import compute_statistics
from yanqun_desktop.services.statistics.drill import drillable, records_behind

AT = dt.date(2022, 12, 31)
COUNTED = ("人", "个", "场", "项")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from yanqun_desktop.services.demo import generate_demo

    path: Path = tmp_path_factory.mktemp("drill") / "d.sqlite"
    db = open_sqlite(path, keys_dir=path.parent / "keys")
    generate_demo(db, actor_name="演示员", org_code=DISTRICT_CODE, scale=100, attendance_per_person=2)
    yield db
    db.dispose()


@pytest.mark.parametrize("street", [None, "shekou"])
def test_every_count_lists_as_many_records_as_it_counts(demo: Database, street: str | None) -> None:
    stats = compute_statistics(demo, street=street, at=AT)
    checked = 0
    for figure in stats.headline():
        if figure.unit not in COUNTED:
            continue
        assert drillable(figure.key), figure.key
        listed = records_behind(demo, figure.key, street=street, at=AT, label=figure.label)
        assert len(listed.rows) == figure.value, (figure.key, len(listed.rows), figure.value)
        assert len(listed.ids) == len(listed.rows) and all(len(r) == len(listed.columns) for r in listed.rows)
        assert figure.label in listed.title
        checked += 1
    assert checked >= 10


def test_committee_lists_match_the_profile(demo: Database) -> None:
    stats = compute_statistics(demo, at=AT)
    cur, prev = stats.committees.current, stats.committees.previous
    assert cur is not None and prev is not None
    members = records_behind(demo, "committee_age", at=AT)
    # one row per person: the profile counts a person once per term (one term per community)
    assert len(members.rows) == cur.members
    ages = [r[4] for r in members.rows if r[4] != ""]
    assert len(ages) == cur.aged
    older = records_behind(demo, "previous_committee_age", at=AT)
    assert len(older.rows) == prev.members
    elected = records_behind(demo, "elected_secretaries", at=AT)
    latest = stats.elected.latest_election
    assert latest is not None and len(elected.rows) == latest.secretaries


def test_sessions_list_adds_up_to_the_hours_and_the_rate(demo: Database) -> None:
    stats = compute_statistics(demo, street="shekou", at=AT)
    listed = records_behind(demo, "attendance_rate", street="shekou", at=AT)
    assert sum(r[4] for r in listed.rows) == pytest.approx(stats.training.hours)
    recorded, attended = sum(r[5] for r in listed.rows), sum(r[6] for r in listed.rows)
    assert recorded == stats.training.attendance.recorded
    assert attended / recorded == pytest.approx(stats.training.attendance.rate)


def test_lists_hold_no_id_numbers_or_phones(demo: Database) -> None:
    with demo.session() as s:
        cards = {c for c in s.scalars(select(Person.id_card)) if c}
        phones = {p for p in s.scalars(select(Person.phone)) if p}
    text = repr(records_behind(demo, "people", at=AT).rows)
    assert cards and not any(c in text for c in cards)
    assert not any(p in text for p in phones)


def test_unknown_figure_and_street(demo: Database) -> None:
    with pytest.raises(NotFound):
        records_behind(demo, "no_such_figure", at=AT)
    with pytest.raises(NotFound):
        records_behind(demo, "people", street="无此街道", at=AT)
