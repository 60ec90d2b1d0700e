"""Roll-call: the roll, one-transaction saves, guests, refusals, rates in SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Attendance, AuditOperation
from yanqun_desktop.domain.validation import ValidationErrors
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import (
    cohort_rate,
    person_rate,
    person_rates_in_cohort,
    record_attendance,
    roll_call,
    session_rate,
)
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment

pytestmark = pytest.mark.postgres


@pytest.fixture
def setting(street_db: Database, clerk: Actor) -> dict[str, str]:
    cohort = save_cohort(street_db, clerk, {"number": 2, "start_date": "2024-03-01"}).id
    ids = {}
    for name in ["甲一", "乙二", "丙三"]:
        ids[name] = save_person(street_db, clerk, {"name": name}).id
        save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": ids[name], "enrolled_on": "2024-03-01"})
    ids["guest"] = save_person(street_db, clerk, {"name": "丁客"}).id
    ids["cohort"] = cohort
    ids["session"] = save_session(street_db, clerk, {
        "title": "基层治理通识课", "kind": "通识课程", "date": "2024-04-02", "hours": 3, "cohort_ids": [cohort]}).id
    return ids


def _audit_ops(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditOperation)) or 0)


def test_roll_lists_enrolled_trainees(street_db: Database, setting: dict[str, str]) -> None:
    roll = roll_call(street_db, setting["session"])
    assert [r.name for r in roll.rows] == ["丙三", "甲一", "乙二"]  # pinyin order: bing, jia, yi
    assert all(r.enrolled and r.status is None for r in roll.rows)


def test_record_roll_call_with_guest_in_one_operation(
    street_db: Database, clerk: Actor, setting: dict[str, str]
) -> None:
    before = _audit_ops(street_db)
    record_attendance(street_db, clerk, setting["session"], [
        {"person_id": setting["甲一"], "status": "出席"},
        {"person_id": setting["乙二"], "status": "迟到", "note": "交通"},
        {"person_id": setting["丙三"], "status": "请假"},
        {"person_id": setting["guest"], "status": "present"},
    ])
    assert _audit_ops(street_db) == before + 1
    roll = roll_call(street_db, setting["session"])
    by_name = {r.name: r for r in roll.rows}
    assert by_name["乙二"].status == "late" and by_name["乙二"].note == "交通"
    assert by_name["丁客"].is_guest and not by_name["丁客"].enrolled and roll.rows[-1].name == "丁客"
    rate = session_rate(street_db, setting["session"])
    assert (rate.recorded, rate.attended, rate.leave) == (4, 3, 1)
    cohort = cohort_rate(street_db, setting["cohort"])  # the guest does not count for the cohort
    assert (cohort.recorded, cohort.attended) == (3, 2) and cohort.rate == pytest.approx(2 / 3)
    assert person_rate(street_db, setting["丙三"]).rate == 0.0
    assert person_rates_in_cohort(street_db, setting["cohort"])[setting["甲一"]].rate == 1.0


def test_saving_the_same_roll_twice_changes_nothing(
    street_db: Database, clerk: Actor, setting: dict[str, str]
) -> None:
    entries = [{"person_id": setting["甲一"], "status": "出席"}]
    record_attendance(street_db, clerk, setting["session"], entries)
    with street_db.session() as s:
        version = s.scalars(select(Attendance.version)).one()
    saved = record_attendance(street_db, clerk, setting["session"], entries)
    assert not saved.changes.tables
    with street_db.session() as s:
        assert s.scalars(select(Attendance.version)).one() == version


def test_clearing_a_status_and_correcting(street_db: Database, clerk: Actor, setting: dict[str, str]) -> None:
    record_attendance(street_db, clerk, setting["session"], [{"person_id": setting["甲一"], "status": "缺席"}])
    record_attendance(street_db, clerk, setting["session"], [{"person_id": setting["甲一"], "status": ""}])
    assert session_rate(street_db, setting["session"]).recorded == 0
    record_attendance(street_db, clerk, setting["session"], [{"person_id": setting["甲一"], "status": "出席"}])
    assert session_rate(street_db, setting["session"]).attended == 1


def test_future_session_cannot_be_marked_attended(
    street_db: Database, clerk: Actor, setting: dict[str, str]
) -> None:
    future = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    sid = save_session(street_db, clerk, {"title": "下周课程", "kind": "通识课程", "date": future,
                                          "cohort_ids": [setting["cohort"]]}).id
    with pytest.raises(ValidationErrors, match="尚未到来"):
        record_attendance(street_db, clerk, sid, [{"person_id": setting["甲一"], "status": "出席"},
                                                  {"person_id": setting["乙二"], "status": "请假"}])
    assert session_rate(street_db, sid).recorded == 0  # nothing written, not even the leave
    record_attendance(street_db, clerk, sid, [{"person_id": setting["乙二"], "status": "请假"}])
    assert session_rate(street_db, sid).leave == 1


def test_bad_entries_are_refused_whole(street_db: Database, clerk: Actor, setting: dict[str, str]) -> None:
    with pytest.raises(ValidationErrors) as info:
        record_attendance(street_db, clerk, setting["session"], [
            {"person_id": setting["甲一"], "status": "出席"},
            {"person_id": setting["甲一"], "status": "缺席"},
            {"person_id": setting["乙二"], "status": "早退"},
            {"person_id": setting["丙三"], "status": "", "note": "下午到"},
        ])
    text = str(info.value)
    assert "两次" in text and "乙二" in text and "丙三：填写了备注，但未登记" in text
    assert session_rate(street_db, setting["session"]).recorded == 0


def test_overlapping_sessions_in_one_room_are_refused(street_db: Database, clerk: Actor) -> None:
    base = {"kind": "通识课程", "date": "2024-05-10", "place": "党群服务中心201", "hours": 2}
    save_session(street_db, clerk, {**base, "title": "上午课", "start_time": "09:00", "end_time": "11:00"})
    with pytest.raises(ValidationErrors, match="时间重叠"):
        save_session(street_db, clerk, {**base, "title": "冲突课", "start_time": "10:30", "end_time": "12:00"})
    save_session(street_db, clerk, {**base, "title": "下午课", "start_time": "11:00", "end_time": "12:00"})
