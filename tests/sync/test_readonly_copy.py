"""A read-only copy for a second PC (SYNC.md "Recovery"): made from a backup, it reads like the
street's database and refuses every write, every import and every export."""

from __future__ import annotations

from pathlib import Path

import pytest
from recovery_helpers import copy_db, enrol
from sync_helpers import checksum, rows_of

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.migrate import backup_sqlite
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import retire_person, save_person
from yanqun_desktop.services.positions import save_position
from yanqun_desktop.services.readonly import is_read_only, make_read_only_copy
from yanqun_desktop.services.sync import export_package
from yanqun_desktop.services.sync_recovery import reexport_package

pytestmark = pytest.mark.postgres("district")


@pytest.fixture
def copy(tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor) -> Database:
    enrol(street_db, district_db, tmp_path / "cards")
    pid = save_person(street_db, clerk, {"name": "欧阳看"}).id
    save_position(street_db, clerk, {"person_id": pid, "title": "网格员"})
    export_package(street_db, clerk, tmp_path)
    backup = backup_sqlite(street_db.path, tmp_path / "backups", "manual")
    target = make_read_only_copy(backup, tmp_path / "pc2" / "copy.sqlite")
    db = Database.open(target, keys_dir=tmp_path / "pc2" / "keys")
    yield db
    db.dispose()


def test_copy_reads_like_the_street_and_refuses_writes(
    copy: Database, street_db: Database, clerk: Actor, tmp_path: Path
) -> None:
    assert is_read_only(copy) and not is_read_only(street_db)
    assert copy.org().code == "shahe" and copy.install_id != street_db.install_id
    for table in ("people", "positions"):
        assert rows_of(copy, table) == rows_of(street_db, table)
    [pid] = rows_of(copy, "people", "shahe")
    before = checksum(copy)
    with pytest.raises(PermissionDenied, match="只读副本"):
        save_person(copy, clerk, {"name": "新人"})
    with pytest.raises(PermissionDenied, match="只读副本"):
        retire_person(copy, clerk, pid, "调离")
    with pytest.raises(PermissionDenied, match="只有一台电脑可以报送"):
        export_package(copy, clerk, tmp_path)
    with pytest.raises(PermissionDenied, match="只有一台电脑可以报送"):
        reexport_package(copy, clerk, 1, tmp_path)
    assert checksum(copy) == before
    # the original install goes on writing
    save_person(street_db, clerk, {"name": "新人"})


def test_copy_cli_refuses_export_and_import(
    copy: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(copy.path), "--keys", str(copy.keys_dir), "--user", "admin"]
    before = checksum(copy)
    assert main([*base, "package", "export", "--out", str(tmp_path)]) == 1
    assert "只有一台电脑可以报送" in capsys.readouterr().err
    [pkg] = tmp_path.glob("shahe-0001-*.yqpkg")
    assert main([*base, "package", "import", str(pkg)]) == 1
    assert "只读副本" in capsys.readouterr().err
    assert checksum(copy) == before


def test_make_copy_cli_and_refusals(
    tmp_path: Path, street_db: Database, clerk: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    save_person(street_db, clerk, {"name": "司马备"})
    backup = tmp_path / "b.sqlite"
    copy_db(street_db.path, backup)
    target = tmp_path / "ro.sqlite"
    here = ["--db", str(street_db.path), "--keys", str(street_db.keys_dir)]
    assert main([*here, "package", "read-only-copy", str(backup), "--out", str(target)]) == 0
    assert main([*here, "package", "read-only-copy", str(backup), "--out", str(target)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["--db", str(target), "info"]) == 0
    with pytest.raises(ServiceError, match="找不到"):
        make_read_only_copy(tmp_path / "missing.sqlite", tmp_path / "x.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ServiceError, match=r"junk\.sqlite"):
        make_read_only_copy(junk, tmp_path / "y.sqlite")
    assert not (tmp_path / "y.sqlite").exists() and not (tmp_path / "y.sqlite.part").exists()
