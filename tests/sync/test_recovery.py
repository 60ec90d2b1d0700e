"""Recovery (SYNC.md "Recovery"): a street restored from an old backup, and a rebuilt street PC
with new keys, get back everything they had sent once the district's recovery package is
applied; their package numbers continue above every number used before."""

from __future__ import annotations

from pathlib import Path

import pytest
from recovery_helpers import copy_db, enrol, ship
from sqlalchemy import select
from sync_helpers import actor_for, location, rows_of

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, PackageRecord, Person
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.keys import trust_card, write_card
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import save_position
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.services.sync import export_package, import_packages
from yanqun_desktop.services.sync_recovery import export_recovery_package
from yanqun_desktop.sync.package import read_header

pytestmark = pytest.mark.postgres("district")

D = DISTRICT_CODE
SYNCED = ("people", "positions", "person_talents", "archive_entries")


def test_street_restored_from_old_backup_loses_nothing(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    first = save_person(street_db, clerk, {"name": "林早", "id_card": "11010519491231002X"}).id
    assert ship(street_db, district_db, stick) == "applied"
    assert ship(district_db, street_db, stick, to="shahe") == "applied"  # ack of 1
    backup = tmp_path / "backup-old.sqlite"
    copy_db(street_db.path, backup)
    # after the backup: a new person, an edit, a position; all reach the district (seq 2, 3)
    later = save_person(street_db, clerk, {"name": "许晚"}).id
    save_person(street_db, clerk, {"note": "备份之后的修改"}, first)
    assert ship(street_db, district_db, stick) == "applied"
    save_position(street_db, clerk, {"person_id": later, "title": "网格员"})
    assert ship(street_db, district_db, stick) == "applied"
    sent = {t: rows_of(street_db, t, "shahe") for t in SYNCED}

    # the disk dies; the old backup is restored over the database (same key folder)
    path, keys = street_db.path, street_db.keys_dir
    street_db.dispose()
    path.unlink()
    copy_db(backup, path)
    street = Database.open(path, keys_dir=keys)
    assert later not in rows_of(street, "people")

    result = export_recovery_package(district_db, actor_for(district_db), stick, to="shahe")
    assert "recovery" in result.path.name and result.ack_seq == 3
    [report] = import_packages(street, clerk, [result.path], backup=False)
    assert report.status == "applied" and report.counts["conflicts"] == 0, report.messages
    for table in SYNCED:
        assert rows_of(street, table, "shahe") == sent[table], table
    with street.session() as s:
        assert s.get(Person, first).note == "备份之后的修改"
    # importing it again changes nothing
    [again] = import_packages(street, clerk, [result.path], backup=False)
    assert again.status == "already-applied"
    # the street goes on: new versions above the recovered ones, the next number is 4
    edited = save_person(street, clerk, {"note": "恢复后"}, later)
    assert edited.id == later
    nxt = export_package(street, clerk, stick)
    assert nxt.seq == 4 and read_header(nxt.path).seq == 4
    [up] = import_packages(district_db, actor_for(district_db), [nxt.path], backup=False)
    assert up.status == "applied" and not any("未收到" in m for m in up.messages)
    assert rows_of(district_db, "people", "shahe") == rows_of(street, "people", "shahe")
    street.dispose()


def test_rebuilt_pc_new_keys_replacement_card_and_recovery(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    pid = save_person(street_db, clerk, {"name": "韩旧机"}).id
    save_position(street_db, clerk, {"person_id": pid, "title": "社区党委书记"})
    for _ in range(3):
        save_person(street_db, clerk, {"note": f"第 {_} 次"}, pid)
        assert ship(street_db, district_db, stick) == "applied"  # seq 1..3
    old_package = export_package(street_db, clerk, tmp_path)  # seq 4, signed with the old keys, never imported
    sent = {t: rows_of(street_db, t, "shahe") for t in SYNCED}

    # the PC is rebuilt: an empty database and a new key folder
    new = Database.open(tmp_path / "rebuilt" / "street.sqlite", keys_dir=tmp_path / "rebuilt" / "keys")
    initialise(new, "shahe")
    with pytest.raises(Exception, match="已信任"):
        trust_card(district_db, actor_for(district_db), _card(new, tmp_path / "c1"))  # needs --replace
    enrol(new, district_db, tmp_path / "cards", replace=True)
    [refused] = import_packages(district_db, actor_for(district_db), [old_package.path], backup=False)
    assert refused.status == "refused"  # the old card is replaced

    rec = export_recovery_package(district_db, actor_for(district_db), tmp_path / "rec.yqpkg", to="shahe")
    [report] = import_packages(new, clerk, [rec.path], backup=False)
    assert report.status == "applied" and report.counts["conflicts"] == 0
    for table in SYNCED:
        assert rows_of(new, table, "shahe") == sent[table], table

    save_person(new, clerk, {"note": "重装后"}, pid)
    nxt = export_package(new, clerk, stick)
    assert nxt.seq == 4  # above the 3 the district applied: no collision in its ledger
    [up] = import_packages(district_db, actor_for(district_db), [nxt.path], backup=False)
    assert up.status == "applied" and up.counts["conflicts"] == 0 and not any("未收到" in m for m in up.messages)
    with district_db.session() as s:
        received = select(PackageRecord.seq).where(PackageRecord.direction == "received")
        seqs = list(s.scalars(received.where(PackageRecord.sender == "shahe")))
        assert sorted(seqs) == [1, 2, 3, 4]
        assert s.get(Person, pid).note == "重装后"
    new.dispose()


def _card(db: Database, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    write_card(db, folder / "card.yqkey")
    return folder / "card.yqkey"


def test_recovery_is_district_only_and_cli(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    save_person(street_db, clerk, {"name": "钟一"})
    ship(street_db, district_db, stick)
    with pytest.raises(PermissionDenied):
        export_recovery_package(street_db, clerk, stick, to="shahe")
    out = tmp_path / "r.yqpkg"
    base = ["--db", location(district_db), "--keys", str(district_db.keys_dir), "--user", "admin"]
    assert main([*base, "package", "export", "--recovery", "--to", "沙河", "--out", str(out)]) == 0
    assert main([*base, "package", "export", "--recovery", "--out", str(out)]) == 1
    assert "--to" in capsys.readouterr().err
    code = main(["--db", str(street_db.path), "--keys", str(street_db.keys_dir), "package", "import", str(out)])
    assert code == 0
    with district_db.session() as s:
        entry = s.scalars(select(PackageRecord).where(PackageRecord.direction == "sent")).all()[-1]
        assert entry.message == "恢复数据包" and entry.recipient == "shahe"
