"""Check database and its safe repairs: a backup first, this office's orphans tombstoned and sync
columns stamped, the clock moved past a version ahead of it; other problems only reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.check import check_database, repair_database
from yanqun_desktop.services.people import save_person

ADMIN = Actor("王管理", "admin", "shahe")


def _break(db: Database, sql: str, *params: object) -> None:
    conn = sqlite3.connect(db.path)  # type: ignore[arg-type]
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_repairs_what_is_safe_after_a_backup(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "检查甲"}).id
    session = save_session(street_db, clerk, {"title": "检查课", "kind": "通识课程", "date": "2026-03-01"}).id
    record_attendance(street_db, clerk, session, [{"person_id": pid, "status": "present"}])
    assert check_database(street_db, ADMIN).ok
    _break(street_db, "UPDATE training_sessions SET deleted = 1 WHERE id = ?", session)  # no cascade: an orphan
    _break(street_db, "UPDATE people SET owner = '' WHERE id = ?", pid)
    _break(street_db, "UPDATE people SET version = ? WHERE name = '检查甲'", street_db.clock.high_water_mark + 10**9)
    report = check_database(street_db, ADMIN)
    kinds = {p.kind for p in report.found}
    assert {"orphans", "sync-columns", "ahead"} <= kinds and all(p.repairable for p in report.found)

    repaired = repair_database(street_db, clerk)
    assert repaired.backup.path.exists() and repaired.backup.header.kind == "before-repair"
    assert repaired.remaining.ok, repaired.remaining.problems
    assert any("孤立记录已标记删除" in line for line in repaired.repaired)
    with sqlite3.connect(street_db.path) as conn:  # type: ignore[arg-type]
        assert conn.execute("SELECT deleted FROM attendance WHERE person_id = ?", (pid,)).fetchone()[0] == 1
        stamped = conn.execute("SELECT owner, updated_by FROM people WHERE id = ?", (pid,)).fetchone()
        assert stamped == ("shahe", clerk.name)
        ops = [r[0] for r in conn.execute("SELECT operation FROM audit_operations ORDER BY id")]
    assert ops[-1] == "check.repair"


def test_foreign_key_problems_are_reported_not_changed(
    tmp_path: Path, street_db: Database, clerk: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(street_db, "INSERT INTO committee_terms (id, community_id, label, election_date, owner, version, updated_at,"
           " updated_by, deleted) VALUES ('01a223e4-f82f-7b93-b68c-f2ceadce4b14', 'nowhere', '2021年换届',"
           " '2021-05-01', 'shahe', 5, '2021-05-01', 'x', 0)")
    base = ["--db", str(street_db.path), "--keys", str(street_db.keys_dir), "--user", "admin"]
    assert main([*base, "check", "--repair"]) == 4
    _, err = capsys.readouterr()
    assert "外键" in err and "需人工处理" in err
    with sqlite3.connect(street_db.path) as conn:  # type: ignore[arg-type]
        assert conn.execute("SELECT count(*) FROM committee_terms").fetchone()[0] == 1
