"""People through the services: validation, one transaction, audit rows, sync columns."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditChange, AuditOperation, Community, Person
from yanqun_desktop.domain.validation import ValidationErrors, make_id_card
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import person_form_values, reinstate_person, retire_person, save_person

pytestmark = pytest.mark.postgres

ID_1 = make_id_card("440305", dt.date(1988, 6, 1), 21, "女")


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_create_person_normalises_short_forms_and_audits(street_db: Database, clerk: Actor) -> None:
    saved = save_person(
        street_db,
        clerk,
        {
            "name": "林晓燕",
            "ethnicity": "汉",
            "education": "本科",
            "political_status": "党员",
            "id_card": ID_1,
            "phone": "139 0000 1234",
            "community": "白石东社区",
        },
    )
    with street_db.session() as s:
        p = s.get(Person, saved.id)
        assert (p.ethnicity, p.education, p.political_status) == ("汉族", "大学本科", "中共党员")
        assert (p.birth_date, p.gender) == (dt.date(1988, 6, 1), "女")  # filled from the ID card
        assert p.phone == "13900001234" and p.name_initials == "lxy"
        assert p.owner == "shahe" and p.version > 0 and p.updated_by == "王小红" and not p.deleted
        assert p.community.name == "白石东社区" and p.community.verified  # shipped, not a new one
        op = s.scalars(select(AuditOperation)).one()
        assert op.actor == "王小红" and op.operation == "people.create" and "林晓燕" in op.summary
        change = s.scalars(select(AuditChange)).one()
        assert change.row_id == saved.id and change.action == "insert" and change.after["name"] == "林晓燕"
    assert saved.changes.touches("people")


def test_unknown_community_is_added_for_the_street_and_flagged(street_db: Database, clerk: Actor) -> None:
    first = save_person(street_db, clerk, {"name": "周立", "community": "新塘"})
    second = save_person(street_db, clerk, {"name": "周丽", "community": "新塘社区"})
    with street_db.session() as s:
        c = s.scalars(select(Community).where(Community.name == "新塘社区")).one()
        assert not c.verified and c.owner == "shahe" and c.street.code == "shahe"
        assert s.get(Person, first.id).community_id == c.id == s.get(Person, second.id).community_id


def test_invalid_person_writes_nothing(street_db: Database, clerk: Actor) -> None:
    bad_id = ID_1[:-1] + ("0" if ID_1[-1] != "0" else "1")
    with pytest.raises(ValidationErrors) as info:
        save_person(street_db, clerk, {"name": "林晓燕", "id_card": bad_id, "phone": "12345", "community": "新塘"})
    fields = {e.field for e in info.value.errors}
    assert {"身份证号", "手机号码"} <= fields
    assert bad_id not in str(info.value)  # personal numbers never go into messages
    assert _count(street_db, Person) == 0 and _count(street_db, AuditOperation) == 0
    with street_db.session() as s:  # nor the community the failed form named
        assert s.scalar(select(func.count()).where(Community.name == "新塘社区")) == 0


def test_duplicate_id_card_is_refused(street_db: Database, clerk: Actor) -> None:
    save_person(street_db, clerk, {"name": "林晓燕", "id_card": ID_1})
    with pytest.raises(ValidationErrors, match="已登记"):
        save_person(street_db, clerk, {"name": "林小燕", "id_card": ID_1})
    assert _count(street_db, Person) == 1


def test_edit_bumps_version_and_records_before_after(street_db: Database, clerk: Actor) -> None:
    saved = save_person(street_db, clerk, {"name": "周立", "education": "大专"})
    with street_db.session() as s:
        v1 = s.get(Person, saved.id).version
    form = person_form_values(street_db, clerk, saved.id)
    save_person(street_db, clerk, {**form.values, "education": "本科"}, saved.id)
    with street_db.session() as s:
        p = s.get(Person, saved.id)
        assert p.education == "大学本科" and p.version > v1
        change = s.scalars(select(AuditChange).where(AuditChange.action == "update")).one()
        assert change.before == {"education": "大学专科"} and change.after["education"] == "大学本科"
        assert change.after["version"] == p.version


def test_retire_and_reinstate(street_db: Database, clerk: Actor) -> None:
    saved = save_person(street_db, clerk, {"name": "周立"})
    retire_person(street_db, clerk, saved.id, "调离本街道", "2024-03-01")
    with street_db.session() as s:
        p = s.get(Person, saved.id)
        assert (p.status, p.retired_on, p.retired_reason) == ("retired", dt.date(2024, 3, 1), "调离本街道")
    reinstate_person(street_db, clerk, saved.id)
    with street_db.session() as s:
        assert s.get(Person, saved.id).status == "active"
