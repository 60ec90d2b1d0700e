"""Opening databases: create, upgrade an older schema after a backup, refuse a newer one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.engine import make_engine
from yanqun_desktop.db.migrate import SchemaError, alembic_config, head_revision, upgrade_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def test_new_database_gets_schema_and_reference_rows(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "new.sqlite", keys_dir=tmp_path / "k")
    assert db.migration.from_revision is None and db.migration.to_revision == head_revision()
    con = sqlite3.connect(tmp_path / "new.sqlite")
    streets = dict(con.execute("select code, name from streets"))
    assert streets == {
        "nantou": "南头街道",
        "nanshan": "南山街道",
        "shahe": "沙河街道",
        "shekou": "蛇口街道",
        "zhaoshang": "招商街道",
        "yuehai": "粤海街道",
        "taoyuan": "桃源街道",
        "xili": "西丽街道",
    }
    levels = dict(
        con.execute(
            "select n.level, count(*) from competency_nodes n join competency_models m on m.id = n.model_id "
            "where m.kind = 'studio' group by n.level"
        )
    )
    assert levels == {"module": 3, "indicator": 7, "item": 24}
    assert con.execute("select is_sample from competency_models").fetchall() == [(1,), (1,)]
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_older_schema_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    db = Database.open(path, keys_dir=tmp_path / "k", backup_dir=tmp_path / "backups")
    assert db.migration.from_revision == "0001"
    assert db.migration.backup is not None and db.migration.backup.exists()
    backup = sqlite3.connect(db.migration.backup)
    assert backup.execute("select version_num from alembic_version").fetchone() == ("0001",)
    assert backup.execute("select count(*) from streets").fetchone() == (0,)
    assert sqlite3.connect(path).execute("select count(*) from streets").fetchone() == (8,)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.sqlite")), ids=lambda p: p.stem)
def test_every_released_schema_fixture_upgrades(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    copy.write_bytes(fixture.read_bytes())
    db = Database.open(copy, keys_dir=tmp_path / "k", backup_dir=tmp_path / "b")
    assert db.migration.to_revision == head_revision()
    with db.session() as s:
        from sqlalchemy import func, select

        from yanqun_desktop.db.models import Person

        assert s.scalar(select(func.count()).select_from(Person)) > 0  # the records survive


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    Database.open(path, keys_dir=tmp_path / "k").dispose()
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="更新版本"):
        Database.open(path, keys_dir=tmp_path / "k")
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table invoices (id integer)")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="不是雁群数据库"):
        upgrade_database(make_engine(path), tmp_path / "b")


def test_head_constant_matches_the_migration_scripts() -> None:
    from yanqun_desktop.db.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
