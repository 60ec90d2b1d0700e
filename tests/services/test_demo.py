"""The demo-data generator: realistic, deterministic, valid, refusing real databases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_template import open_sqlite
from sqlalchemy import func, insert, select, text

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id, stable_id
from yanqun_desktop.db.models import (
    DISTRICT_CODE,
    AuditOperation,
    Cohort,
    Enrolment,
    Person,
    Street,
    TrainingSession,
    Tutor,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import check_id_card, validate_person_fields
from yanqun_desktop.services.demo import DemoRefusedError, DemoSummary, generate_demo
from yanqun_desktop.services.demo import generator as demo_generator
from yanqun_desktop.services.demo import writer as demo_writer

SMALL = 150
FILLED_TABLES = (
    "communities", "people", "positions", "person_talents", "committee_terms", "committee_members",
    "mentor_links", "cohorts", "enrolments", "tutors", "tutor_recommendations", "tutor_feedback",
    "reserve_entries", "training_sessions", "session_cohorts", "session_tutors", "attendance",
    "archive_entries", "assessments", "assessment_scores", "topics", "topic_members", "topic_steps",
    "documents", "governance_cases", "case_people", "honours",
)  # fmt: skip
BACHELOR_OR_ABOVE = tuple(sorted(vocab.BACHELOR_OR_ABOVE))


def _open(path: Path) -> Database:
    return open_sqlite(path, keys_dir=path.parent / f"{path.stem}-keys")


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar_one()


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    db = _open(tmp_path_factory.mktemp("street") / "d.sqlite")
    calls: list[tuple[str, float]] = []
    summary = generate_demo(db, actor_name="演示员", org_code="zhaoshang", scale=SMALL,
                            progress=lambda label, fraction: calls.append((label, fraction)))
    db.progress_calls = calls  # type: ignore[attr-defined]
    yield db, summary
    db.dispose()


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """All eight streets at the default scale (600 people each)."""
    db = _open(tmp_path_factory.mktemp("district") / "d.sqlite")
    summary = generate_demo(db, actor_name="演示员", org_code=DISTRICT_CODE)
    yield db, summary
    db.dispose()


def test_every_table_is_filled_and_counted(street: tuple[Database, DemoSummary]) -> None:
    db, summary = street
    for table in FILLED_TABLES:
        assert _count(db, table) > 0, table
        assert summary.counts[table] > 0, table
    assert _count(db, "people") == summary.people == SMALL
    assert _count(db, "attendance") == summary.attendance
    assert summary.elapsed > 0
    assert db.is_demo


def test_marks_the_database_as_demo_and_writes_one_audit_row(street: tuple[Database, DemoSummary]) -> None:
    db, summary = street
    reopened = _open(db.path)
    try:
        assert reopened.is_demo
    finally:
        reopened.dispose()
    with db.session() as s:
        ops = s.scalars(select(AuditOperation)).all()
        assert len(ops) == 1
        op = ops[0]
        assert (op.operation, op.actor, op.role, op.org_code) == ("demo.generate", "演示员", "admin", "zhaoshang")
        assert op.change_count == summary.total_rows
        assert op.summary.startswith("生成演示数据：150 人")
        assert _count(db, "audit_changes") == 0


def test_progress_is_reported_per_phase(street: tuple[Database, DemoSummary]) -> None:
    db, _ = street
    calls = db.progress_calls  # type: ignore[attr-defined]
    fractions = [f for _, f in calls]
    assert len({label for label, _ in calls}) >= 5
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0


def test_foreign_keys_hold(street: tuple[Database, DemoSummary], district: tuple[Database, DemoSummary]) -> None:
    for db, _ in (street, district):
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_same_seed_same_content(tmp_path: Path, street: tuple[Database, DemoSummary]) -> None:
    db, summary = street
    again = _open(tmp_path / "again.sqlite")
    try:
        second = generate_demo(again, actor_name="另一人", org_code="zhaoshang", scale=SMALL)

        def content(d: Database) -> tuple:
            with d.engine.connect() as conn:
                people = conn.execute(text(
                    "SELECT name, gender, birth_date, id_card, phone, education, estate FROM people ORDER BY id_card"
                )).all()
                statuses = conn.execute(text("SELECT status, COUNT(*) FROM attendance GROUP BY status")).all()
                sessions = conn.execute(text("SELECT date, kind, title FROM training_sessions ORDER BY 1, 2, 3")).all()
            return sorted(p[0] for p in people), people, sorted(statuses), sessions

        assert content(db) == content(again)
        assert second.counts == summary.counts
        with db.engine.connect() as a, again.engine.connect() as b:  # ids differ, content does not
            assert a.execute(select(Person.id)).first() != b.execute(select(Person.id)).first()
    finally:
        again.dispose()


def test_other_seed_other_people(tmp_path: Path, street: tuple[Database, DemoSummary]) -> None:
    db, _ = street
    other = _open(tmp_path / "other.sqlite")
    try:
        generate_demo(other, actor_name="演示员", org_code="zhaoshang", scale=SMALL, seed=2)
        with db.engine.connect() as a, other.engine.connect() as b:
            names = sorted(a.execute(select(Person.name)).scalars())
            assert names != sorted(b.execute(select(Person.name)).scalars())
    finally:
        other.dispose()


def _check_people(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(
            Person.name, Person.gender, Person.birth_date, Person.ethnicity, Person.political_status,
            Person.education, Person.id_card, Person.phone, Person.name_pinyin,
        )).all()
    cards = []
    for row in rows:
        info = check_id_card(row.id_card, today=dt.date(2023, 1, 1))
        assert info.birth_date == row.birth_date and info.gender == row.gender
        cleaned = validate_person_fields(dict(row._mapping))  # canonical vocabulary, valid name and phone
        assert cleaned["education"] == row.education and cleaned["ethnicity"] == row.ethnicity
        assert row.name_pinyin or not any("\u4e00" <= ch <= "\u9fff" for ch in row.name)
        cards.append(row.id_card)
    return cards


def test_id_cards_valid_and_unique_in_a_street(street: tuple[Database, DemoSummary]) -> None:
    db, _ = street
    cards = _check_people(db)
    assert len(cards) == len(set(cards)) == SMALL


def test_id_cards_valid_and_unique_across_the_district(district: tuple[Database, DemoSummary]) -> None:
    db, summary = district
    cards = _check_people(db)
    assert len(cards) == len(set(cards)) == 8 * 600 == summary.people
    with db.engine.connect() as conn:
        phones = conn.execute(text("SELECT phone FROM people WHERE phone IS NOT NULL")).scalars().all()
        assert len(phones) == len(set(phones)) > 0.9 * summary.people


def test_a_street_alone_never_reuses_another_streets_numbers(
    street: tuple[Database, DemoSummary], district: tuple[Database, DemoSummary], tmp_path: Path
) -> None:
    """招商 is generated alone in ``street``; 沙河 alone here: no number in common."""
    shahe = _open(tmp_path / "shahe.sqlite")
    try:
        generate_demo(shahe, actor_name="演示员", org_code="shahe", scale=SMALL)
        with street[0].engine.connect() as a, shahe.engine.connect() as b:
            mine = set(a.execute(select(Person.id_card)).scalars())
            theirs = set(b.execute(select(Person.id_card)).scalars())
        assert len(theirs) == SMALL and not mine & theirs
    finally:
        shahe.dispose()


def test_a_street_is_the_same_alone_or_in_the_district(street: tuple[Database, DemoSummary], tmp_path: Path) -> None:
    """Each street draws from its own random stream, so 招商 alone equals 招商 in a district database
    (same seed and scale): packages from demo installs agree on who is who."""
    whole = _open(tmp_path / "whole.sqlite")
    try:
        generate_demo(whole, actor_name="演示员", org_code=DISTRICT_CODE, scale=SMALL)
        query = (select(Person.name, Person.birth_date, Person.id_card, Person.phone)
                 .join(Street, Street.id == Person.street_id).where(Street.code == "zhaoshang"))
        with street[0].engine.connect() as a, whole.engine.connect() as b:
            assert sorted(a.execute(query).all()) == sorted(b.execute(query).all())
            assert b.execute(select(func.count()).select_from(Person)).scalar() == 8 * SMALL
    finally:
        whole.dispose()


def test_names_are_varied_and_exercise_rare_characters(district: tuple[Database, DemoSummary]) -> None:
    db, _ = district
    with db.engine.connect() as conn:
        names = conn.execute(select(Person.name)).scalars().all()
        dotted = conn.execute(select(Person.name_pinyin).where(Person.name.like("%·%"))).scalars().all()
    assert len(set(names)) > 0.6 * len(names)
    assert dotted and all(dotted)
    assert any("䶮" in n or "㛃" in n for n in names)
    assert any(n[:2] in ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "司徒", "慕容") for n in names)


COMMITTEE_PROFILE = """
WITH members AS (
    SELECT DISTINCT t.id AS term_id, p.id AS person_id, t.election_date AS e, p.birth_date AS b, p.education AS ed
    FROM committee_members m
    JOIN committee_terms t ON t.id = m.term_id
    JOIN people p ON p.id = m.person_id
    WHERE strftime('%Y', t.election_date) = :year AND m.deleted = 0
)
SELECT COUNT(*),
       AVG(CAST(strftime('%Y', e) AS INTEGER) - CAST(strftime('%Y', b) AS INTEGER)
           - (strftime('%m-%d', e) < strftime('%m-%d', b))),
       100.0 * AVG(ed IN (:b1, :b2, :b3))
FROM members
"""


@pytest.mark.parametrize(("year", "age", "share"), [("2021", 37.9, 63.6), ("2018", 40.9, 43.3)])
def test_committee_profile_matches_the_seed(district: tuple[Database, DemoSummary], year: str, age: float,
                                            share: float) -> None:
    db, _ = district
    b1, b2, b3 = BACHELOR_OR_ABOVE
    with db.engine.connect() as conn:
        count, average_age, bachelor_share = conn.execute(
            text(COMMITTEE_PROFILE), {"year": year, "b1": b1, "b2": b2, "b3": b3}
        ).one()
    assert count > 8 * 8 * 7
    assert abs(average_age - age) <= 1.5
    assert abs(bachelor_share - share) <= 6.0


def test_committee_terms_and_roles(district: tuple[Database, DemoSummary]) -> None:
    db, _ = district
    with db.engine.connect() as conn:
        sizes = conn.execute(text(
            "SELECT COUNT(DISTINCT person_id) FROM committee_members GROUP BY term_id"
        )).scalars().all()
        secretaries = conn.execute(text(
            "SELECT COUNT(*) FROM committee_members WHERE role = 'secretary' GROUP BY term_id"
        )).scalars().all()
        bodies = set(conn.execute(text("SELECT DISTINCT body FROM committee_members")).scalars())
        roles = set(conn.execute(text("SELECT DISTINCT role FROM committee_members")).scalars())
        labels = set(conn.execute(text("SELECT DISTINCT label FROM committee_terms")).scalars())
        elected = conn.execute(text(
            "SELECT COUNT(*) FROM archive_entries WHERE content = '2021年社区“两委”换届当选社区党委书记'"
        )).scalar()
    assert set(sizes) <= {7, 8, 9} and len(sizes) == _count(db, "committee_terms")
    assert set(secretaries) == {1}
    assert bodies == set(vocab.COMMITTEE_BODY.codes) and roles == set(vocab.COMMITTEE_ROLE.codes)
    assert labels == {"2018年换届", "2021年换届"}
    assert 8 <= elected <= 16  # "11 trainees elected secretary in 2021"


def test_codes_come_from_the_vocabularies(district: tuple[Database, DemoSummary]) -> None:
    db, _ = district
    checks = {
        "SELECT DISTINCT role FROM enrolments": vocab.ENROLMENT_ROLE,
        "SELECT DISTINCT talent_kind FROM enrolments WHERE talent_kind IS NOT NULL": vocab.TALENT_KIND,
        "SELECT DISTINCT camp_tier FROM enrolments WHERE camp_tier IS NOT NULL": vocab.CAMP_TIER,
        "SELECT DISTINCT camp_stage FROM enrolments WHERE camp_stage IS NOT NULL": vocab.CAMP_STAGE,
        "SELECT DISTINCT kind FROM person_talents": vocab.TALENT_KIND,
        "SELECT DISTINCT target_role FROM reserve_entries": vocab.RESERVE_TARGET,
        "SELECT DISTINCT school FROM tutors": vocab.TUTOR_SCHOOL,
        "SELECT DISTINCT nomination FROM tutors": vocab.NOMINATION,
        "SELECT DISTINCT vetting FROM tutors": vocab.VETTING,
        "SELECT DISTINCT kind FROM training_sessions": vocab.SESSION_KIND,
        "SELECT DISTINCT status FROM attendance": vocab.ATTENDANCE,
        "SELECT DISTINCT origin FROM topics": vocab.TOPIC_ORIGIN,
        "SELECT DISTINCT role FROM topic_members": vocab.TOPIC_ROLE,
        "SELECT DISTINCT level FROM honours": vocab.HONOUR_LEVEL,
        "SELECT DISTINCT kind FROM archive_entries": vocab.ARCHIVE_KIND,
    }
    with db.engine.connect() as conn:
        for sql, vocabulary in checks.items():
            found = set(conn.execute(text(sql)).scalars())
            assert found and found <= set(vocabulary.codes), sql
        kinds = set(conn.execute(text("SELECT DISTINCT kind FROM person_talents")).scalars())
        assert kinds == set(vocab.TALENT_KIND.codes)
        targets = set(conn.execute(text("SELECT DISTINCT target_role FROM reserve_entries")).scalars())
        assert targets == set(vocab.RESERVE_TARGET.codes)
        steps = conn.execute(text("SELECT MIN(step_no), MAX(step_no) FROM topic_steps")).one()
        assert tuple(steps) == (1, len(vocab.TOPIC_STEP))


def test_ownership_follows_sync_rules(district: tuple[Database, DemoSummary]) -> None:
    db, _ = district
    with db.engine.connect() as conn:
        wrong_people = conn.execute(text(
            "SELECT COUNT(*) FROM people p JOIN streets s ON s.id = p.street_id WHERE p.owner != s.code"
        )).scalar()
        camp_owners = set(conn.execute(text(
            "SELECT DISTINCT e.owner FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.kind = 'camp'"
        )).scalars())
        studio_owners = conn.execute(text(
            "SELECT COUNT(*) FROM cohorts c JOIN streets s ON s.id = c.street_id WHERE c.kind = 'studio' "
            "AND c.owner != s.code"
        )).scalar()
        community_owners = set(conn.execute(text("SELECT DISTINCT owner FROM communities")).scalars())
        unverified_new = conn.execute(text(
            "SELECT COUNT(*) FROM communities WHERE verified = 0 AND updated_by = '演示员'"
        )).scalar()
        tutor_owners = set(conn.execute(select(Tutor.owner).distinct()).scalars())
        camp_sessions = set(conn.execute(text(
            "SELECT DISTINCT owner FROM training_sessions WHERE street_id IS NULL"
        )).scalars())
        counts = conn.execute(text("SELECT COUNT(*) FROM communities c GROUP BY street_id")).scalars().all()
    assert wrong_people == 0 and studio_owners == 0 and unverified_new == 0
    assert camp_owners == community_owners == tutor_owners == camp_sessions == {DISTRICT_CODE}
    assert len(counts) == 8 and all(8 <= n <= 12 for n in counts)


def test_studio_and_camp_shape(district: tuple[Database, DemoSummary]) -> None:
    db, _ = district
    with db.engine.connect() as conn:
        cohorts = conn.execute(select(Cohort.kind, Cohort.number, Cohort.name, Cohort.start_date)).all()
        camp_sizes = conn.execute(text(
            "SELECT COUNT(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id "
            "WHERE c.kind = 'camp' GROUP BY c.id"
        )).scalars().all()
        trainees = conn.execute(text(
            "SELECT COUNT(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id "
            "WHERE c.kind = 'studio' AND e.role = 'trainee' GROUP BY c.id"
        )).scalars().all()
        tas = conn.execute(text(
            "SELECT COUNT(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id "
            "WHERE e.role = 'ta' GROUP BY c.street_id"
        )).scalars().all()
        per_kind = dict(conn.execute(text(
            "SELECT s.kind, COUNT(*) FROM training_sessions s JOIN session_cohorts sc ON sc.session_id = s.id "
            "JOIN cohorts c ON c.id = sc.cohort_id AND c.kind = 'studio' GROUP BY s.kind"
        )).all())
        outside = conn.execute(text(
            "SELECT COUNT(*) FROM training_sessions s JOIN session_cohorts sc ON sc.session_id = s.id "
            "JOIN cohorts c ON c.id = sc.cohort_id WHERE s.date < c.start_date OR s.date > c.end_date"
        )).scalar()
    studio = [c for c in cohorts if c.kind == "studio"]
    assert len(studio) == 24 and {c.start_date.year for c in studio} == {2020, 2021, 2022}
    assert any(c.name.endswith("第二期") for c in studio) and any("雁谷" in c.name for c in studio)
    assert sorted(c.number for c in cohorts if c.kind == "camp") == [2021, 2022]
    assert all(c == 30 for c in camp_sizes)
    assert all(30 <= n <= 40 for n in trainees)
    assert all(35 <= n <= 45 for n in tas)
    assert per_kind["course"] == 9 * 24 and per_kind["practice_course"] == 4 * 24 and per_kind["contest"] == 24
    assert outside == 0


def test_street_database_holds_only_its_own_camp_trainees(street: tuple[Database, DemoSummary]) -> None:
    db, _ = street
    with db.engine.connect() as conn:
        streets = set(conn.execute(
            select(Street.code).join(Person, Person.street_id == Street.id)
            .join(Enrolment, Enrolment.person_id == Person.id).join(Cohort, Cohort.id == Enrolment.cohort_id)
            .where(Cohort.kind == "camp")
        ).scalars())
        camp = conn.execute(select(func.count()).select_from(Cohort).where(Cohort.kind == "camp")).scalar()
    assert streets == {"zhaoshang"} and camp == 2


def test_attendance_per_person_drives_attendance(tmp_path: Path) -> None:
    db = _open(tmp_path / "k.sqlite")
    try:
        summary = generate_demo(db, actor_name="演示员", org_code="xili", scale=300, attendance_per_person=20)
        with db.engine.connect() as conn:
            street_rows = conn.execute(text("SELECT COUNT(*) FROM attendance WHERE owner = 'xili'")).scalar()
            statuses = dict(conn.execute(text("SELECT status, COUNT(*) FROM attendance GROUP BY status")).all())
        assert abs(street_rows - 300 * 20) <= 60
        assert summary.attendance >= street_rows
        assert statuses["present"] > 0.8 * summary.attendance and set(statuses) == set(vocab.ATTENDANCE.codes)
    finally:
        db.dispose()


def _insert_real_person(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(insert(Person).values(
            id=new_id(), owner="shahe", version=db.clock.tick(), updated_at=dt.datetime.now(dt.UTC),
            updated_by="王小红", deleted=False, street_id=stable_id("street", "shahe"), name="真实人员",
            name_pinyin="zhenshirenyuan", name_initials="zsry", name_sort="zhen shi ren yuan", status="active",
        ))


def test_refuses_a_database_with_real_records(street_db: Database) -> None:
    _insert_real_person(street_db)
    with pytest.raises(DemoRefusedError, match="正式数据"):
        generate_demo(street_db, actor_name="演示员", org_code="shahe", scale=SMALL)
    assert not street_db.is_demo
    assert _count(street_db, "people") == 1 and _count(street_db, "attendance") == 0


def test_refuses_a_database_with_a_real_session(street_db: Database) -> None:
    with street_db.engine.begin() as conn:
        conn.execute(insert(TrainingSession).values(
            id=new_id(), owner="shahe", version=street_db.clock.tick(), updated_at=dt.datetime.now(dt.UTC),
            updated_by="王小红", deleted=False, kind="course", title="真实课程", date=dt.date(2023, 3, 1), hours=2.0,
        ))
    with pytest.raises(DemoRefusedError):
        generate_demo(street_db, actor_name="演示员", org_code="shahe", scale=SMALL)


def test_refuses_to_generate_twice(street_db: Database) -> None:
    generate_demo(street_db, actor_name="演示员", org_code="shahe", scale=SMALL)
    people = _count(street_db, "people")
    with pytest.raises(DemoRefusedError, match="已有演示数据"):
        generate_demo(street_db, actor_name="演示员", org_code="shahe", scale=SMALL)
    assert _count(street_db, "people") == people


def test_refuses_another_office_and_unknown_codes(street_db: Database, tmp_path: Path) -> None:
    with pytest.raises(DemoRefusedError, match="只能生成本单位"):
        generate_demo(street_db, actor_name="演示员", org_code=DISTRICT_CODE, scale=SMALL)
    fresh = _open(tmp_path / "fresh.sqlite")
    try:
        with pytest.raises(DemoRefusedError, match="未知的街道"):
            generate_demo(fresh, actor_name="演示员", org_code="atlantis", scale=SMALL)
        with pytest.raises(DemoRefusedError, match="人数应在 100 到"):
            generate_demo(fresh, actor_name="演示员", org_code="shahe", scale=10)
    finally:
        fresh.dispose()


def test_an_empty_demo_database_can_be_filled(tmp_path: Path) -> None:
    db = _open(tmp_path / "empty-demo.sqlite")
    try:
        db.set_meta(demo="1")
        generate_demo(db, actor_name="演示员", org_code="nantou", scale=SMALL)
        assert _count(db, "people") == SMALL
    finally:
        db.dispose()


def _schema(db: Database) -> list[tuple]:
    with db.engine.connect() as conn:
        return sorted(conn.exec_driver_sql("SELECT type, name, tbl_name, sql FROM sqlite_master").all())


def test_big_load_rebuilds_the_same_indexes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big tables get their secondary indexes rebuilt after the load: the schema is unchanged."""
    monkeypatch.setattr(demo_writer, "DEFERRED_INDEX_ROWS", 1)  # take the big-load path at a small scale
    db = _open(tmp_path / "indexes.sqlite")
    try:
        before = _schema(db)
        generate_demo(db, actor_name="演示员", org_code="taoyuan", scale=SMALL)
        assert _schema(db) == before
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            plan = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM attendance WHERE person_id = 'x'"
            ).all()
        assert any("ix_attendance_person_session" in str(row) for row in plan)
    finally:
        db.dispose()


def test_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _open(tmp_path / "crash.sqlite")
    before = _schema(db)
    original = demo_generator.BulkWriter.insert

    def failing(self, table, rows):  # type: ignore[no-untyped-def]
        original(self, table, rows)
        if table.name == "enrolments":
            raise RuntimeError("power cut")

    monkeypatch.setattr(demo_generator.BulkWriter, "insert", failing)
    monkeypatch.setattr(demo_writer, "DEFERRED_INDEX_ROWS", 1)  # indexes are dropped when it fails
    try:
        with pytest.raises(RuntimeError, match="power cut"):
            generate_demo(db, actor_name="演示员", org_code="yuehai", scale=SMALL)
        assert not db.is_demo
        for table in ("people", "communities", "enrolments", "audit_operations"):
            expected = 10 if table == "communities" else 0  # only the shipped reference rows
            assert _count(db, table) == expected, table
        assert _schema(db) == before  # dropped indexes are back with the rollback
        monkeypatch.undo()
        generate_demo(db, actor_name="演示员", org_code="yuehai", scale=SMALL)
        assert _count(db, "people") == SMALL
    finally:
        db.dispose()
