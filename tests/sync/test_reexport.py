"""Re-export of a lost package (issue 5 part 7): the kept copy is written again byte for byte;
the importer sees the same package; copies go once the recipient acknowledges them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from recovery_helpers import enrol
from sync_helpers import actor_for, checksum

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.services.sync import export_package, import_packages, list_ledger
from yanqun_desktop.services.sync_recovery import outbox_dir, reexport_package

pytestmark = pytest.mark.postgres("district")


def test_lost_stick_reexported_same_bytes_same_package(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    save_person(street_db, clerk, {"name": "丢失者"})
    first = export_package(street_db, clerk, stick)
    original = first.path.read_bytes()
    first.path.unlink()  # the stick is lost
    assert (outbox_dir(street_db) / "nanshan-district" / "000001.yqpkg").is_file()

    again = reexport_package(street_db, clerk, 1, stick)
    assert again.path.name == first.path.name and again.path.read_bytes() == original
    [entry] = list_ledger(street_db)
    assert (again.sha256, again.package_id) == (entry.sha256, entry.package_id)
    assert len(list_ledger(street_db)) == 1  # a re-export is not a new package

    officer = actor_for(district_db)
    [report] = import_packages(district_db, officer, [again.path], backup=False)
    assert report.status == "applied" and report.seq == 1
    before = checksum(district_db)
    other = tmp_path / "copy.yqpkg"
    reexport_package(street_db, clerk, 1, other)  # a second copy, e.g. by e-mail
    [twice] = import_packages(district_db, officer, [other], backup=False)
    assert twice.status == "already-applied" and checksum(district_db) == before

    # the district acknowledges seq 1: the kept copy is pruned at the next export
    down = export_package(district_db, officer, tmp_path, to="shahe")
    import_packages(street_db, clerk, [down.path], backup=False)
    export_package(street_db, clerk, stick)  # seq 2
    assert not (outbox_dir(street_db) / "nanshan-district" / "000001.yqpkg").exists()
    with pytest.raises(ServiceError, match="已确认收到第 1 号"):
        reexport_package(street_db, clerk, 1, stick)
    with pytest.raises(ServiceError, match="没有发往区级的第 9 号"):
        reexport_package(street_db, clerk, 9, stick)


def test_reexport_refuses_altered_copy_and_replaced_card(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    officer = actor_for(district_db)
    save_person(street_db, clerk, {"name": "某甲"})
    import_packages(district_db, officer, [export_package(street_db, clerk, stick).path], backup=False)
    down = export_package(district_db, officer, stick, to="shahe")
    kept = outbox_dir(district_db) / "shahe" / "000001.yqpkg"
    assert kept.read_bytes() == down.path.read_bytes()
    data = bytearray(kept.read_bytes())
    data[-1] ^= 1
    kept.write_bytes(bytes(data))
    with pytest.raises(ServiceError, match="校验值不符"):
        reexport_package(district_db, officer, 1, tmp_path, to="shahe")
    kept.write_bytes(down.path.read_bytes())
    # the street's PC is rebuilt with new keys: the old package can no longer be opened there
    rebuilt = Database.open(tmp_path / "new" / "s.sqlite", keys_dir=tmp_path / "new" / "keys")
    initialise(rebuilt, "shahe")
    enrol(rebuilt, district_db, tmp_path / "cards", replace=True)
    with pytest.raises(ServiceError, match="已更换密钥名片"):
        reexport_package(district_db, officer, 1, tmp_path, to="shahe")
    rebuilt.dispose()


def test_reexport_cli(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "stick"
    enrol(street_db, district_db, stick)
    save_person(street_db, clerk, {"name": "某乙"})
    first = export_package(street_db, clerk, stick)
    digest = hashlib.sha256(first.path.read_bytes()).hexdigest()
    first.path.unlink()
    base = ["--db", str(street_db.path), "--keys", str(street_db.keys_dir), "--user", "admin"]
    out = tmp_path / "again"
    out.mkdir()
    assert main([*base, "package", "reexport", "1", "--out", str(out)]) == 0
    [again] = out.glob("*.yqpkg")
    assert hashlib.sha256(again.read_bytes()).hexdigest() == digest
    assert main([*base, "package", "reexport", "5", "--out", str(out)]) == 1
    assert "第 5 号" in capsys.readouterr().err
