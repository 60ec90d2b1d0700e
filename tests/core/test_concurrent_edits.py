"""Two clerks, one record: no lost update. Each clerk is a ``Database`` of its own (as two PCs
on the district's PostgreSQL server, or two windows on one SQLite file), with their own clock.
The second save of a record loaded before the first was saved is refused and writes nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import COUNTER_BITS
from yanqun_desktop.db.models import AuditOperation, Person, Topic
from yanqun_desktop.services import uow
from yanqun_desktop.services.activities import save_topic, topic_form_values
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ConcurrentEdit, ServiceError
from yanqun_desktop.services.people import person_form_values, save_person
from yanqun_desktop.services.records import VERSION_KEY
from yanqun_desktop.services.uow import unit_of_work

pytestmark = pytest.mark.postgres

OTHER = Actor("李晓明", "admin", "shahe")


@pytest.fixture
def second(street_db: Database, tmp_path: Path) -> Iterator[Database]:
    """A second clerk's connection to the same database (own engine, own key folder and clock)."""
    location = street_db.path or street_db.engine.url.render_as_string(hide_password=False)
    db = Database.open(location, keys_dir=tmp_path / "second-keys")
    yield db
    db.dispose()


def _operations(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditOperation)) or 0)


def test_second_save_of_a_person_is_refused(street_db: Database, second: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "周立", "education": "大专"}).id
    mine, theirs = person_form_values(street_db, clerk, pid), person_form_values(second, clerk, pid)
    assert mine.version == theirs.version == mine.values[VERSION_KEY]

    save_person(second, OTHER, {**theirs.values, "note": "李晓明的修改"}, pid)
    before = _operations(street_db)
    with pytest.raises(ConcurrentEdit) as refused:
        save_person(street_db, clerk, {**mine.values, "education": "本科"}, pid)
    message = str(refused.value)
    assert "这条人员记录已被其他人修改" in message and "李晓明" in message and "请重新打开后再保存" in message
    with street_db.session() as s:  # the first save stands; the refused one wrote nothing
        p = s.get(Person, pid)
        assert (p.note, p.education, p.updated_by) == ("李晓明的修改", "大学专科", "李晓明")
    assert _operations(street_db) == before

    # Reopened, the form carries the new version and saves.
    fresh = person_form_values(street_db, clerk, pid)
    save_person(street_db, clerk, {**fresh.values, "education": "本科"}, pid)
    with street_db.session() as s:
        p = s.get(Person, pid)
        assert (p.note, p.education) == ("李晓明的修改", "大学本科")


def test_expected_version_argument(street_db: Database, second: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "周立"}).id
    loaded = person_form_values(street_db, clerk, pid).version
    save_person(street_db, clerk, {"note": "一"}, pid, expected_version=loaded)
    with pytest.raises(ConcurrentEdit):
        save_person(second, OTHER, {"note": "二"}, pid, expected_version=loaded)
    # without a version (the roster importer, older callers) the save goes through as before
    save_person(second, OTHER, {"note": "三"}, pid)


def test_generic_record_save_refuses_a_stale_form(street_db: Database, second: Database, clerk: Actor) -> None:
    tid = save_topic(street_db, clerk, {"year": 2024, "title": "加装电梯"}).id
    mine, theirs = topic_form_values(street_db, tid), topic_form_values(second, tid)
    save_topic(second, OTHER, {**theirs, "title": "加装电梯（二期）"}, tid)
    with pytest.raises(ConcurrentEdit, match="这条课题记录已被其他人修改"):
        save_topic(street_db, clerk, {**mine, "summary": "居民议事"}, tid)
    with street_db.session() as s:
        t = s.get(Topic, tid)
        assert (t.title, t.summary) == ("加装电梯（二期）", None)


def test_orm_update_checks_the_loaded_version(street_db: Database, second: Database, clerk: Actor) -> None:
    """The mapper's version column: an UPDATE of a row changed since it was loaded matches no
    row (``WHERE version = <loaded>``) and is refused, on a plain session too."""
    pid = save_person(street_db, clerk, {"name": "周立"}).id
    session = street_db.session()
    try:
        person = session.get(Person, pid)  # loaded; the transaction holds no lock
        save_person(second, OTHER, {"note": "先保存"}, pid)
        person.note, person.version = "后保存", person.version + 1
        with pytest.raises(StaleDataError):
            session.commit()
    finally:
        session.close()
    with street_db.session() as s:
        assert s.get(Person, pid).note == "先保存"


def test_unit_of_work_refuses_a_row_changed_before_its_flush(
    street_db: Database, second: Database, clerk: Actor, db_backend: str
) -> None:
    """Within one unit of work the row is read, another clerk commits, then this one flushes:
    ``ConcurrentEdit``, nothing written. (On PostgreSQL the other clerk cannot commit in that
    moment at all: writers queue on the clock row, tested below.)"""
    if db_backend != "sqlite":
        pytest.skip("on PostgreSQL the second writer waits for the first (see the clock test)")
    pid = save_person(street_db, clerk, {"name": "周立"}).id
    before = _operations(street_db)
    with (
        pytest.raises(ConcurrentEdit, match="这条人员记录已被其他人修改"),
        unit_of_work(street_db, clerk, "people.update", "修改人员", what="人员") as work,
    ):
        person = work.session.get(Person, pid)
        save_person(second, OTHER, {"note": "先保存"}, pid)
        person.note = "后保存"
    with street_db.session() as s:
        assert s.get(Person, pid).note == "先保存"
    assert _operations(street_db) == before + 1  # the other clerk's save only


def test_writers_on_a_server_queue_and_versions_follow_commit_order(
    street_db: Database, second: Database, clerk: Actor, db_backend: str
) -> None:
    """Two clerks on PostgreSQL, one clock an hour ahead: the second writer waits until the
    first commits, then writes a version above the first's (what "changed since version X"
    package exports rely on), although its own clock is behind."""
    if db_backend != "postgresql":
        pytest.skip("SQLite has one writer at a time (one install per file)")
    pid = save_person(street_db, clerk, {"name": "周立"}).id
    other = save_person(second, OTHER, {"name": "吴芳"}).id
    _ = second.clock.high_water_mark  # the second clerk's clock is made now, before the jump
    street_db.clock.observe(street_db.clock.tick() + (3_600_000 << COUNTER_BITS))  # an hour ahead

    saved: list[str] = []
    inside = threading.Event()
    with unit_of_work(street_db, clerk, "people.update", "修改人员") as work:
        work.session.get(Person, pid).note = "先"
        work.session.flush()
        thread = threading.Thread(target=lambda: saved.append(save_person(second, OTHER, {"note": "后"}, other).id))
        thread.start()
        inside.set()
        time.sleep(0.3)
        assert saved == []  # still waiting for this transaction
    thread.join(10)
    assert saved == [other]
    with street_db.session() as s:
        first, then = s.get(Person, pid).version, s.get(Person, other).version
    assert then > first


def test_a_long_wait_for_another_writer_is_refused(
    street_db: Database, second: Database, clerk: Actor, db_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clerk whose save waits on another clerk's long transaction (a whole street's import)
    is told so after a while, and nothing is saved, rather than the window hanging."""
    if db_backend != "postgresql":
        pytest.skip("SQLite has one writer at a time (one install per file)")
    monkeypatch.setattr(uow, "CLOCK_WAIT_S", 1)
    pid = save_person(street_db, clerk, {"name": "周立"}).id
    with unit_of_work(street_db, clerk, "people.update", "修改人员") as work:
        work.session.get(Person, pid).note = "导入中"
        work.session.flush()
        with pytest.raises(ServiceError, match="数据库正忙"):
            save_person(second, OTHER, {"note": "等不及"}, pid)
    with street_db.session() as s:
        assert s.get(Person, pid).note == "导入中"


def test_a_stale_position_form_is_refused(street_db: Database, clerk: Actor) -> None:
    from yanqun_desktop.services.positions import positions_of, save_position

    pid = save_person(street_db, clerk, {"name": "任职者"}).id
    save_position(street_db, clerk, {"person_id": pid, "title": "委员", "start_date": "2021-01-01"})
    [listed] = positions_of(street_db, pid)
    save_position(street_db, clerk, {"person_id": pid, "title": "副书记", VERSION_KEY: listed.version}, listed.id)
    with pytest.raises(ConcurrentEdit):
        save_position(street_db, clerk, {"person_id": pid, "title": "书记", VERSION_KEY: listed.version}, listed.id)
    assert positions_of(street_db, pid)[0].title == "副书记"
