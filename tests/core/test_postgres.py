"""The district's database on PostgreSQL: the same migrations build the same schema and the same
reference rows as on SQLite, step by step too; the command line opens it by URL; a newer or a
foreign database is refused; an unreachable server is a plain message without the password."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from pg_support import PgDatabases
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.engine import display_location, make_engine, to_url
from yanqun_desktop.db.migrate import SchemaError, alembic_config, head_revision
from yanqun_desktop.db.models import Base
from yanqun_desktop.reports.archive_data import cohort_person_ids
from yanqun_desktop.services import registries as R
from yanqun_desktop.services.activities import save_topic
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids

# Rows the app writes itself on opening (the install's identity): not part of the schema.
OWN_ROWS = {"install_meta"}


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _dump(engine: Engine) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in OWN_ROWS:
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(_plain(v) for v in row) for row in rows]
    return out


def _schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


@pytest.mark.pg
def test_same_migrations_same_schema_and_reference_rows(pg_databases: PgDatabases, tmp_path: Path) -> None:
    with pg_databases.database(empty=True) as url:
        pg = Database.open(url, keys_dir=tmp_path / "pg-keys")  # an empty database: every migration
        lite = Database.open(tmp_path / "d.sqlite", keys_dir=tmp_path / "lite-keys")
        try:
            assert pg.migration.from_revision is None and pg.migration.to_revision == head_revision()
            assert pg.migration.backup is None
            assert _schema_differences(pg.engine) == [] and _schema_differences(lite.engine) == []
            pg_rows, lite_rows = _dump(pg.engine), _dump(lite.engine)
            assert len(pg_rows["streets"]) == 8 and len(pg_rows["competency_nodes"]) > 0
            assert pg_rows == lite_rows
        finally:
            pg.dispose()
            lite.dispose()


@pytest.mark.pg
def test_each_migration_runs_on_postgres_and_an_older_schema_is_upgraded(
    pg_databases: PgDatabases, tmp_path: Path
) -> None:
    revisions = [r.revision for r in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))]
    with pg_databases.database(empty=True) as url:
        engine = make_engine(url)
        cfg = alembic_config()
        for revision in revisions[:-1]:  # one by one, each in its own transaction
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        engine.dispose()
        db = Database.open(url, keys_dir=tmp_path / "k", backup_dir=tmp_path / "backups")
        try:
            assert (db.migration.from_revision, db.migration.to_revision) == (revisions[-2], revisions[-1])
            # No file to back up: the upgrade is one transaction (PostgreSQL's DDL is transactional).
            assert db.migration.backup is None and not (tmp_path / "backups").exists()
            assert _schema_differences(db.engine) == []
        finally:
            db.dispose()


@pytest.mark.pg
def test_newer_or_foreign_database_is_refused_untouched(pg_databases: PgDatabases, tmp_path: Path) -> None:
    with pg_databases.database() as url:
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        engine.dispose()
        with pytest.raises(SchemaError, match="更新版本"):
            Database.open(url, keys_dir=tmp_path / "k")
    with pg_databases.database(empty=True) as url:
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE invoices (id integer)"))
        with pytest.raises(SchemaError, match="不是雁群数据库"):
            Database.open(url, keys_dir=tmp_path / "k")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 1
        engine.dispose()


@pytest.mark.pg
def test_command_line_on_a_postgres_url(
    pg_databases: PgDatabases, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pg_databases.database(empty=True) as url:
        # A plain postgresql:// URL works too (psycopg 3 is the driver the postgres extra ships).
        plain = "postgresql://" + url.split("://", 1)[1]
        base = ["--db", plain, "--keys", str(tmp_path / "keys"), "--user", "admin"]
        assert main([*base, "init", "--district", "南山区"]) == 0
        _, err = capsys.readouterr()
        assert "南山区" in err
        assert main([*base, "info", "--json"]) == 0
        out, err = capsys.readouterr()
        info = json.loads(out)
        assert (info["org_code"], info["schema"]) == ("nanshan-district", head_revision())
        assert info["counts"]["streets"] == 8
        assert info["database"] == display_location(url) and ":***@" in info["database"]
        password = make_url(url).password
        assert f":{password}@" not in out + err
        assert main([*base, "check"]) == 0


def test_unreachable_server_is_a_plain_message_without_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://clerk:s3cret-pw@127.0.0.1:1/yanqun"  # nothing listens on port 1
    assert to_url(url).startswith("postgresql+psycopg://")
    assert display_location(url) == "postgresql://clerk:***@127.0.0.1:1/yanqun"
    with pytest.raises(SchemaError, match="无法连接数据库服务器") as refused:
        Database.open(url, keys_dir=tmp_path / "k")
    assert "s3cret-pw" not in str(refused.value)
    assert main(["--db", url, "--keys", str(tmp_path / "k"), "info"]) == 1
    out, err = capsys.readouterr()
    assert "无法连接数据库服务器" in err and "s3cret-pw" not in out + err


@pytest.mark.postgres
def test_text_search_ignores_letter_case_on_both_backends(street_db: Database, clerk: Actor) -> None:
    """SQLite's LIKE ignores ASCII case, PostgreSQL's does not: the registries' text searches
    ask for it explicitly (ILIKE there), so "app" finds 社区APP on both."""
    save_topic(street_db, clerk, {"year": 2024, "title": "社区APP议事厅"})
    save_topic(street_db, clerk, {"year": 2024, "title": "加装电梯"})
    for typed in ("app", "APP", "App"):
        ids = list_ids(street_db, R.TOPICS, ListQuery(search=typed))
        assert [row[0] for row in fetch_rows(street_db, R.TOPICS, ids).values()] != []
        assert len(ids) == 1


@pytest.mark.postgres
def test_cohort_trainees_in_name_order_on_both_backends(street_db: Database, clerk: Actor) -> None:
    """PostgreSQL refuses ``SELECT DISTINCT … ORDER BY`` a column not selected, which SQLite
    runs: the cohort's trainees for printing are found with IN instead."""
    cohort = save_cohort(street_db, clerk, {"number": 1}).id
    ids = {name: save_person(street_db, clerk, {"name": name}).id for name in ("王五", "李四", "张三")}
    for name in ("王五", "李四", "张三"):
        save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": ids[name]})
    save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": ids["李四"], "role": "助教"})
    assert cohort_person_ids(street_db, cohort) == [ids["李四"], ids["王五"], ids["张三"]]
