"""Undo of the last operation, only where safe."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation, Person
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import retire_person, save_person
from yanqun_desktop.services.undo import last_undoable, undo_last

pytestmark = pytest.mark.postgres


def test_undo_an_edit_restores_before_values(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明", "education": "大专", "birth_date": "1980-02-03"}).id
    save_person(street_db, clerk, {"education": "本科", "birth_date": "1981-04-05"}, pid)
    candidate = last_undoable(street_db, clerk)
    assert candidate is not None and candidate.possible and "修改人员" in candidate.summary
    undo_last(street_db, clerk)
    with street_db.session() as s:
        p = s.get(Person, pid)
        assert (p.education, p.birth_date) == ("大学专科", dt.date(1980, 2, 3))
        ops = list(s.scalars(select(AuditOperation).order_by(AuditOperation.id)))
        assert ops[-1].operation == "undo" and ops[-1].undo_of == ops[-2].id and ops[-1].actor == "王小红"
    again = last_undoable(street_db, clerk)
    assert again is not None and not again.possible  # an undo is not undone again
    with pytest.raises(ServiceError):
        undo_last(street_db, clerk)


def test_undo_an_insert_tombstones_it(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明", "community": "新塘"}).id
    undo_last(street_db, clerk)
    with street_db.session() as s:
        assert s.get(Person, pid).deleted


def test_no_undo_when_the_row_changed_since(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    other = Actor("李文员", "admin", "shahe")
    retire_person(street_db, clerk, pid, "调离")
    save_person(street_db, other, {"education": "本科"}, pid)  # another clerk edits the same row
    candidate = last_undoable(street_db, clerk)
    assert candidate is not None and not candidate.possible and "变动" in (candidate.blocked or "")
    with pytest.raises(ServiceError, match="变动"):
        undo_last(street_db, clerk)
    with street_db.session() as s:
        assert s.get(Person, pid).status == "retired"


def test_nothing_to_undo(street_db: Database, clerk: Actor) -> None:
    assert last_undoable(street_db, clerk) is None
