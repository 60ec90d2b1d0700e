from __future__ import annotations

import pytest
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import CommitteeMember, Community
from yanqun_desktop.domain.validation import ValidationErrors
from yanqun_desktop.services import registries as R
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import positions_of, save_member, save_position, save_term
from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids

pytestmark = pytest.mark.postgres


def test_position_history_and_current_title(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    save_position(
        street_db, clerk, {"person_id": pid, "title": "网格员", "start_date": "2015-01-01", "end_date": "2019-12-31"}
    )
    save_position(
        street_db,
        clerk,
        {"person_id": pid, "title": "社区党委书记", "organisation": "白石东社区党委", "start_date": "2021-05-10"},
    )
    history = positions_of(street_db, pid)
    assert [(p.title, p.current) for p in history] == [("社区党委书记", True), ("网格员", False)]
    row = fetch_rows(street_db, R.PEOPLE, list_ids(street_db, R.PEOPLE, ListQuery()))[pid]
    assert "社区党委书记" in row
    with pytest.raises(ValidationErrors, match="离任日期不能早于"):
        save_position(
            street_db, clerk, {"person_id": pid, "title": "主任", "start_date": "2020-01-01", "end_date": "2019-01-01"}
        )


def test_committee_term_and_member(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    with street_db.session() as s:
        community_id = s.scalars(select(Community.id).where(Community.name == "白石东社区")).one()
    term = save_term(street_db, clerk, {"community_id": community_id, "election_date": "2021-05-08"})
    save_member(street_db, clerk, {"term_id": term.id, "person_id": pid, "body": "社区党委", "role": "书记"})
    with street_db.session() as s:
        member = s.scalars(select(CommitteeMember)).one()
        assert (member.body, member.role, member.term.label) == ("party_committee", "secretary", "2021年换届")


def test_terms_of_community_lists_members(street_db: Database, clerk: Actor) -> None:
    from yanqun_desktop.services.positions import terms_of_community

    with street_db.session() as s:
        community_id = s.scalars(select(Community.id).where(Community.name == "白石东社区")).one()
    old = save_term(street_db, clerk, {"community_id": community_id, "election_date": "2018-05-01"})
    new = save_term(street_db, clerk, {"community_id": community_id, "election_date": "2021-05-08"})
    a = save_person(street_db, clerk, {"name": "何明"}).id
    b = save_person(street_db, clerk, {"name": "林芳"}).id
    save_member(street_db, clerk, {"term_id": new.id, "person_id": b, "body": "社区党委", "role": "委员"})
    save_member(street_db, clerk, {"term_id": new.id, "person_id": a, "body": "社区党委", "role": "书记"})
    terms = terms_of_community(street_db, community_id)
    assert [t.id for t in terms] == [new.id, old.id]
    assert terms[0].members == ["何明（社区党委·书记）", "林芳（社区党委·委员）"] and terms[1].members == []


def test_delete_term_withdraws_its_members(street_db: Database, clerk: Actor) -> None:
    from yanqun_desktop.services.positions import delete_term, terms_of_community

    with street_db.session() as s:
        community_id = s.scalars(select(Community.id).where(Community.name == "白石东社区")).one()
    term = save_term(street_db, clerk, {"community_id": community_id, "election_date": "2021-05-08"})
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    save_member(street_db, clerk, {"term_id": term.id, "person_id": pid, "body": "社区党委", "role": "书记"})
    saved = delete_term(street_db, clerk, term.id)
    assert saved.changes.touches("committee_terms", "committee_members")
    assert terms_of_community(street_db, community_id) == []
    with street_db.session() as s:
        assert s.scalars(select(CommitteeMember)).one().deleted
