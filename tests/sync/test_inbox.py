"""The district keeps every package it applied (the inbox), and the audit trail records a row a
package inserted by its version, pointing at that package."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from recovery_helpers import enrol
from sqlalchemy import text
from sync_helpers import actor_for

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.sync import export_package, import_packages, list_ledger
from yanqun_desktop.services.sync_import import inbox_dir

pytestmark = pytest.mark.postgres("district")


def test_applied_package_is_kept_in_the_inbox_and_audited_by_version(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    person = save_person(street_db, clerk, {"name": "收件人甲"})
    sent = export_package(street_db, clerk, stick)
    officer = actor_for(district_db)
    [report] = import_packages(district_db, officer, [sent.path], backup=False)
    assert report.status == "applied"

    [kept] = (inbox_dir(district_db) / "shahe").glob("*.yqpkg")
    digest = hashlib.sha256(kept.read_bytes()).hexdigest()
    assert kept.read_bytes() == sent.path.read_bytes()
    assert kept.name == f"000001-{digest[:12]}.yqpkg"
    received = [e for e in list_ledger(district_db) if e.direction == "received"]
    assert [e.sha256 for e in received] == [digest]  # the ledger names the kept file by its hash

    with district_db.engine.connect() as conn:  # the stored JSON text, on either backend
        version = conn.execute(text("SELECT version FROM people WHERE id = :id"), {"id": person.id}).scalar()
        [(action, before, after, operation)] = conn.execute(
            text(
                "SELECT c.action, CAST(c.before AS TEXT), CAST(c.after AS TEXT), o.operation FROM audit_changes c "
                "JOIN audit_operations o ON o.id = c.operation_id WHERE c.row_id = :id"
            ),
            {"id": person.id},
        ).all()
    assert (action, before, after, operation) == ("insert", "null", f'{{"version":{version}}}', "sync.import")

    # the same file again changes nothing and keeps no second copy
    [again] = import_packages(district_db, officer, [sent.path], backup=False)
    assert again.status == "already-applied"
    assert len(list((inbox_dir(district_db) / "shahe").glob("*"))) == 1


def test_dry_run_and_refusal_keep_nothing(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    save_person(street_db, clerk, {"name": "收件人乙"})
    sent = export_package(street_db, clerk, stick)
    import_packages(district_db, actor_for(district_db), [sent.path], dry_run=True, backup=False)
    damaged = stick / "damaged.yqpkg"
    data = bytearray(sent.path.read_bytes())
    data[len(data) // 2] ^= 1
    damaged.write_bytes(bytes(data))
    [refused] = import_packages(district_db, actor_for(district_db), [damaged], backup=False)
    assert refused.status == "refused"
    assert not inbox_dir(district_db).exists()
