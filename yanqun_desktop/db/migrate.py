"""Bring a database to the schema this program knows, or refuse it.

* empty database: create the schema (all migrations);
* older schema: back it up (SQLite online backup), then upgrade;
* newer schema (a revision this program has never heard of): refuse with a plain message.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from yanqun_desktop.db.engine import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration. Opening a database already at this revision needs no Alembic at all
# (importing it costs ~0.2 s of start-up); a test checks it equals Alembic's head.
HEAD_REVISION = "0005"

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(RuntimeError):
    """The database cannot be opened by this program (message in Chinese, for the clerk)."""


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """Alembic's head, read from the migration scripts (slow: tests and upgrades only)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision, read straight from Alembic's version table."""
    if "alembic_version" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(source: Path, target_dir: Path, reason: str) -> Path:
    """Copy a live SQLite database with the online backup API (never a file copy)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = target_dir / f"{source.stem}-{stamp}-{reason}.sqlite"
    tmp = target.with_suffix(".part")
    online_copy(source, tmp)
    tmp.replace(target)  # a half-written backup never carries the final name
    return target


def online_copy(source: Path, target: Path, *, read_only: bool = False) -> None:
    """Copy the SQLite database ``source`` into ``target`` with the online backup API: a
    consistent copy even while another connection writes (never a file copy, which could miss
    pages still in the WAL). ``read_only`` opens the source read-only (a backup file to copy)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True) if read_only else sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def upgrade_database(engine: Engine, backup_dir: Path | None) -> MigrationResult:
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return MigrationResult(current, HEAD_REVISION, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    head = head_revision()
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known:
            raise SchemaError(
                f"此数据库由更新版本的雁群创建（数据库架构 {current}），本程序无法打开它。请先升级雁群到最新版本。"
            )
    elif inspect(engine).get_table_names():
        raise SchemaError("此文件不是雁群数据库（含有其他程序的数据表），未做任何修改。")

    backup = None
    path = sqlite_path(str(engine.url))
    if current is not None and path is not None and backup_dir is not None:
        backup = backup_sqlite(path, backup_dir, f"before-upgrade-{current}")
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # pysqlite commits before each DDL statement (it only opens transactions for DML):
            # without an explicit BEGIN a migration killed midway leaves its first tables under the
            # old revision number, and the next start fails on "table already exists".
            raw = conn.connection.driver_connection
            saved, raw.isolation_level = raw.isolation_level, None
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if sqlite:
                raw.isolation_level = saved
    return MigrationResult(current, head, backup)
