"""Bring a database to the schema this program knows, or refuse it.

* empty database: create the schema (all migrations);
* older schema: back it up (SQLite online backup), then upgrade; the backup is the caller's
  ``before_upgrade`` hook (the services layer encrypts it to the install's key:
  ``services.backups.backup_before_upgrade``), else a plain copy (``plain_backup``). A backup that
  fails stops the upgrade: the database stays as it was;
* newer schema (a revision this program has never heard of): refuse with a plain message.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
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
class UpgradeSource:
    """The un-migrated SQLite database a backup is made of, before its upgrade."""

    engine: Engine
    path: Path
    revision: str  # its schema revision, before the upgrade
    backup_dir: Path | None  # the folder the caller chose (None: the hook's own default)
    keys_dir: Path | None  # the key folder the caller chose (None: the install's default)


@dataclass(frozen=True)
class UpgradeBackup:
    path: Path
    encrypted: bool
    note: str = ""  # why it is a plain copy (Chinese, for the clerk)


# Makes the backup before an upgrade (or returns None: no backup wanted). Raising stops the upgrade.
BeforeUpgrade = Callable[[UpgradeSource], UpgradeBackup | None]


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None
    backup_encrypted: bool = False
    backup_note: str = ""

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision

    @property
    def message(self) -> str:
        """What the clerk is told after an upgrade of an existing database ("" otherwise)."""
        if not self.changed or self.from_revision is None:
            return ""
        done = f"数据库已从架构 {self.from_revision} 升级到 {self.to_revision}。"
        if self.backup is None:
            return done + "升级前未做备份（服务器上的数据库由其管理员用 pg_dump 备份）。"
        if self.backup_encrypted:
            return (done + f"升级前已做加密备份：{self.backup}"
                    "（可在 文件→备份与恢复 中查看和恢复，或用 yanqun restore）。")
        why = f"：{self.backup_note}" if self.backup_note else ""
        return done + f"升级前的备份：{self.backup}（未加密的数据库副本{why}；请妥善保管或在确认无误后删除）。"


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


def plain_backup(source: UpgradeSource) -> UpgradeBackup:
    """The backup before an upgrade when no hook is given: a plain SQLite copy."""
    folder = source.backup_dir or source.path.parent / "backups"
    return UpgradeBackup(backup_sqlite(source.path, folder, f"before-upgrade-{source.revision}"), encrypted=False)


def online_copy(source: Path, target: Path, *, read_only: bool = False, scratch: bool = False) -> None:
    """Copy the SQLite database ``source`` into ``target`` with the online backup API: a
    consistent copy even while another connection writes (never a file copy, which could miss
    pages still in the WAL). ``read_only`` opens the source read-only (a backup file to copy).
    ``scratch``: the copy is read once and deleted (the plaintext an encrypted backup is made
    from), so it is written without a journal or syncs — twice as fast on a 640 MB database."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True) if read_only else sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            if scratch:
                dst.execute("PRAGMA journal_mode=OFF")
                dst.execute("PRAGMA synchronous=OFF")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def upgrade_database(
    engine: Engine,
    backup_dir: Path | None,
    *,
    before_upgrade: BeforeUpgrade | None = None,
    keys_dir: Path | None = None,
) -> MigrationResult:
    """Create or upgrade the schema. An older SQLite database is backed up first by
    ``before_upgrade`` (given) or a plain copy into ``backup_dir`` (given); with neither, it is
    not backed up (a copy being upgraded, a server database). A backup that fails raises
    ``SchemaError`` and the database is left untouched."""
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
    if current is not None and path is not None and (backup_dir is not None or before_upgrade is not None):
        hook = before_upgrade or plain_backup
        try:
            backup = hook(UpgradeSource(engine, path, current, backup_dir, keys_dir))
        except Exception as e:
            reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
            where = f"（{e.filename}）" if getattr(e, "filename", None) else ""
            raise SchemaError(
                f"数据库需要从架构 {current} 升级，但升级前的备份失败：{reason}{where}。数据库未做任何修改；"
                "请检查备份文件夹是否可写、磁盘是否已满，然后重新打开。"
            ) from e
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
    if backup is None:
        return MigrationResult(current, head, None)
    return MigrationResult(current, head, backup.path, backup.encrypted, backup.note)
