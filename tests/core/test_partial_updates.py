"""Editing with only some fields keeps the others (a form or script never clears by omission)."""

from __future__ import annotations

import pytest

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person, ReserveEntry, Topic
from yanqun_desktop.services.activities import save_topic
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_reserve, withdraw_reserve

pytestmark = pytest.mark.postgres


def test_withdraw_reserve_keeps_target_and_date(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    entry = save_reserve(street_db, clerk, {"person_id": pid, "target_role": "社区党委书记", "added_on": "2022-01-05"})
    withdraw_reserve(street_db, clerk, entry.id)
    with street_db.session() as s:
        e = s.get(ReserveEntry, entry.id)
        assert (e.status, e.target_role, e.added_on.isoformat()) == ("withdrawn", "party_secretary", "2022-01-05")


def test_topic_edit_without_outcome_keeps_it(street_db: Database, clerk: Actor) -> None:
    topic = save_topic(street_db, clerk, {"year": 2022, "title": "文明养犬", "outcome": "形成4万字报告",
                                          "community": "白石东"})
    with street_db.session() as s:
        community_id = s.get(Topic, topic.id).community_id
    save_topic(street_db, clerk, {"title": "文明养犬（二期）"}, topic.id)
    with street_db.session() as s:
        t = s.get(Topic, topic.id)
        assert (t.title, t.outcome, t.year) == ("文明养犬（二期）", "形成4万字报告", 2022)
        assert t.community_id == community_id is not None


def test_person_partial_edit_and_clearing_community(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明", "education": "本科", "phone": "13900001111",
                                         "community": "白石东"}).id
    save_person(street_db, clerk, {"political_status": "党员"}, pid)
    with street_db.session() as s:
        p = s.get(Person, pid)
        assert (p.education, p.phone, p.political_status, p.community.name) == (
            "大学本科", "13900001111", "中共党员", "白石东社区")
    save_person(street_db, clerk, {"community": ""}, pid)
    with street_db.session() as s:
        assert s.get(Person, pid).community_id is None
