"""The growth archive: typed entries stored, the rest derived when read."""

from __future__ import annotations

import pytest

from yanqun_desktop.db.database import Database
from yanqun_desktop.domain.validation import ValidationErrors
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.archive import delete_archive_entry, person_timeline, save_archive_entry
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment

pytestmark = pytest.mark.postgres


def test_typed_and_derived_entries(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明", "community": "白石东"}).id
    cohort = save_cohort(street_db, clerk, {"number": 1}).id
    save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": pid, "enrolled_on": "2022-03-01"})
    sid = save_session(
        street_db,
        clerk,
        {
            "title": "社区治理概论",
            "kind": "通识课程",
            "date": "2022-04-01",
            "hours": 3,
            "practice_task": "走访10户居民",
            "cohort_ids": [cohort],
        },
    ).id
    record_attendance(street_db, clerk, sid, [{"person_id": pid, "status": "迟到"}])
    save_archive_entry(
        street_db,
        clerk,
        {"person_id": pid, "entry_date": "2022-03-01", "kind": "种子遴选", "content": "经社区推荐入选工作室第一期"},
    )
    timeline = person_timeline(street_db, pid)
    assert [(e.source, e.kind_label) for e in timeline.entries] == [("entry", "种子遴选"), ("attendance", "参加活动")]
    typed, derived = timeline.entries
    assert typed.recorded_by == "王小红" and typed.entry_id is not None
    assert "社区治理概论" in derived.content and "迟到" in derived.content and "走访10户居民" in derived.content
    assert (timeline.summary.sessions_attended, timeline.summary.hours) == (1, 3.0)
    # a corrected attendance corrects the archive
    record_attendance(street_db, clerk, sid, [{"person_id": pid, "status": "缺席"}])
    timeline = person_timeline(street_db, pid)
    assert [e.source for e in timeline.entries] == ["entry"] and timeline.summary.attendance_rate == 0.0
    delete_archive_entry(street_db, clerk, typed.entry_id)
    assert person_timeline(street_db, pid).entries == []


def test_entry_validation(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    with pytest.raises(ValidationErrors) as info:
        save_archive_entry(
            street_db, clerk, {"person_id": pid, "entry_date": "2999-01-01", "kind": "吃饭", "content": ""}
        )
    fields = {e.field for e in info.value.errors}
    assert {"日期", "内容"} <= fields and any("吃饭" in e.message for e in info.value.errors)
    assert person_timeline(street_db, pid).entries == []


def test_json_has_no_personal_numbers(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明", "phone": "13900001234"}).id
    data = person_timeline(street_db, pid).as_json()
    assert "13900001234" not in str(data) and data["name"] == "何明"
