"""Reporting completeness: per street, the last package, the months reported (on time or late),
who is overdue, and the district's due day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update
from sync_helpers import open_street, receive, send

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import PackageRecord
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.reporting import due_day, reporting_status, set_due_day

D = "nanshan-district"


def _received_on(district: Database, seq: int, when: dt.datetime) -> None:
    with district.session() as s, s.begin():
        s.execute(update(PackageRecord).where(PackageRecord.direction == "received", PackageRecord.seq == seq)
                  .values(recorded_at=when))


def test_months_reported_and_who_is_overdue(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    save_person(street_db, clerk, {"name": "报送人"})
    first = send(street_db, D)
    assert receive(district_db, first).status == "applied"
    _received_on(district_db, 1, dt.datetime(2026, 3, 3, 2, 0, tzinfo=dt.UTC))
    save_person(street_db, clerk, {"name": "又一人"})
    assert receive(district_db, send(street_db, D)).status == "applied"
    _received_on(district_db, 2, dt.datetime(2026, 4, 20, 2, 0, tzinfo=dt.UTC))

    status = {r.code: r for r in reporting_status(district_db, today=dt.date(2026, 5, 12))}
    shahe = status["shahe"]
    assert (shahe.last_seq, shahe.packages_this_year, shahe.never) == (2, 2, False)
    assert shahe.last_tables.get("people") == 2 and shahe.last_rows >= 2  # cumulative until acknowledged
    marks = {m.month: m.state for m in shahe.months}
    assert (marks[1], marks[2], marks[3], marks[4], marks[5], marks[6]) == (
        "missing", "missing", "on-time", "late", "missing", "future")
    assert shahe.overdue  # nothing in May and the 5th has passed
    assert shahe.app_version  # the version that wrote its packages
    xili = status["xili"]
    assert xili.never and xili.last_seq is None and xili.overdue
    assert len(status) == 8

    # before the due day nobody is overdue for the month yet
    early = {r.code: r for r in reporting_status(district_db, today=dt.date(2026, 5, 3))}
    assert not early["xili"].overdue and {m.month: m.state for m in early["shahe"].months}[5] == "future"

    set_due_day(district_db, district_officer, 15)
    assert due_day(district_db) == 15
    later = {r.code: r for r in reporting_status(district_db, today=dt.date(2026, 5, 12))}
    assert not later["shahe"].overdue
    assert {m.month: m.state for m in later["shahe"].months}[4] == "late"  # the 20th is after the 15th


def test_due_day_is_the_districts_and_bounded(district_db: Database, clerk: Actor, district_officer: Actor) -> None:
    with pytest.raises(PermissionDenied):
        set_due_day(district_db, clerk, 10)
    with pytest.raises(ServiceError, match="1–28"):
        set_due_day(district_db, district_officer, 31)
    assert due_day(district_db) == 5


def test_a_refused_package_does_not_count(tmp_path: Path, street_db: Database, district_db: Database) -> None:
    xili = open_street(tmp_path, "xili")
    pkg = send(xili, D)
    pkg.manifest["recipient"] = "shahe"  # misaddressed: refused
    assert receive(district_db, pkg).status == "refused"
    [x] = [r for r in reporting_status(district_db) if r.code == "xili"]
    assert x.never
    xili.dispose()


def test_reporting_from_the_command_line(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from yanqun_desktop.cli import main

    save_person(street_db, clerk, {"name": "命令行报送"})
    assert receive(district_db, send(street_db, D)).status == "applied"
    base = ["--db", str(district_db.path), "--keys", str(district_db.keys_dir), "--user", "admin"]
    assert main([*base, "package", "reporting", "--due-day", "12", "--json"]) == 0
    out, err = capsys.readouterr()
    rows = {r["street"]: r for r in map(json.loads, out.splitlines())}
    assert len(rows) == 8 and rows["shahe"]["last_seq"] == 1 and rows["xili"]["never"]
    assert "12 日" in err and due_day(district_db) == 12
    assert main([*base, "package", "reporting"]) == 0
    _, err = capsys.readouterr()
    assert "沙河街道" in err and "从未报送" in err
    street = ["--db", str(street_db.path), "--keys", str(street_db.keys_dir), "--user", "admin"]
    assert main([*street, "package", "reporting"]) == 1
