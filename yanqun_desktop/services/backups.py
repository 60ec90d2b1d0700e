"""Backups and restore (issue 7 part 4).

* ``make_backup``: SQLite's online backup API copies the live database (consistent while the app
  writes) to a temporary file beside it, which is encrypted to the install's own key
  (``backups.format``) into ``<folder>/<office>-<YYYYmmdd-HHMMSS>-<kind>.yqbak`` and removed.
  The folder is the setting ``backup_dir`` (a second drive, say), else ``backups/`` beside the
  database.
* Automatic backups (scheduled, before an import, a restore, a repair or a schema upgrade) are
  thinned after each new one: the newest of each of the last 7 days, of the last 5 weeks and of
  the last 12 months stay, and always the 3 newest; backups made by hand are never deleted by the
  app.
* ``preview_backup`` decrypts to a temporary file and counts what the backup holds;
  ``restore_backup`` checks it (this office's, readable, intact, not from a newer release),
  backs up the current database first, then puts the backup in its place. The sync high-water
  marks (package sequence numbers, the version clock) live in the key folder, not in the
  database, so a restore never reuses a package number (SYNC.md); it is recorded in the
  restored database's audit trail. A backup from an older release is upgraded to this schema
  while it is still the temporary copy, so a migration that fails leaves the database untouched.
* ``backup_before_upgrade`` is the hook ``Database.open`` calls before upgrading an older
  SQLite database (the app and the CLI pass it): an encrypted ``before-upgrade`` backup of the
  un-migrated file when the key folder holds this office's identity, else the plain SQLite copy
  of ``db.migrate.plain_backup``, and the clerk is told it is not encrypted and why.

A PostgreSQL database (the district's server) is backed up by its administrator (pg_dump);
these functions refuse it with that advice.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from yanqun_desktop import config
from yanqun_desktop.backups.format import BackupError, BackupHeader, decrypt_to, read_header, write_encrypted
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.migrate import UpgradeBackup, UpgradeSource, backup_sqlite
from yanqun_desktop.db.models import DISTRICT_CODE, AuditOperation
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, requires

if TYPE_CHECKING:
    from yanqun_desktop.sync.keys import LocalIdentity

SUFFIX = ".yqbak"
AUTOMATIC = ("scheduled", "before-import", "before-restore", "before-upgrade", "before-repair")
KINDS = ("manual", *AUTOMATIC)
KIND_LABELS = {"manual": "手动", "scheduled": "定时", "before-import": "导入前", "before-restore": "恢复前",
               "before-upgrade": "升级前", "before-repair": "修复前"}
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_NEWEST = 7, 5, 12, 3
SCHEDULE = dt.timedelta(hours=24)
PREVIEW_TABLES = (("people", "人员"), ("training_sessions", "课程活动"), ("attendance", "考勤记录"),
                  ("topics", "微改革课题"), ("audit_operations", "操作记录"))
NOT_A_FILE = "区级数据库在 PostgreSQL 服务器上：请由服务器管理员用 pg_dump 备份与恢复。"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    header: BackupHeader
    size: int

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.header.created_at)

    @property
    def automatic(self) -> bool:
        return self.header.kind in AUTOMATIC


@dataclass(frozen=True)
class BackupPreview:
    file: BackupFile
    counts: tuple[tuple[str, int], ...]  # (label, rows)
    last_change: dt.datetime | None  # the newest operation in its audit trail


def backup_folder(db: Database) -> Path:
    return _folder_for(db.path)


def _folder_for(database: Path | None) -> Path:
    """The setting ``backup_dir``, else ``backups/`` beside the database file."""
    setting = config.load_settings().backup_dir
    if setting:
        return Path(setting)
    if database is None:
        return config.backup_dir()
    return database.parent / "backups"


def _file_db(db: Database) -> Path:
    if db.path is None:
        raise ServiceError(NOT_A_FILE)
    return db.path


def _identity(db: Database):  # type: ignore[no-untyped-def]
    from yanqun_desktop.sync.keys import IdentityError, ensure_identity

    try:
        return ensure_identity(db)
    except IdentityError as e:
        raise ServiceError(f"无法加密备份：{e}") from None


def make_backup(db: Database, *, kind: str = "manual", folder: Path | None = None) -> BackupFile:
    """An encrypted online backup of the database; automatic ones thin the folder afterwards."""
    from yanqun_desktop.db.migrate import current_revision

    if kind not in KINDS:
        raise ServiceError(f"未知的备份类型：{kind}")
    source = _file_db(db)
    identity = _identity(db)
    folder = folder or backup_folder(db)
    org = db.org()
    made = _write_backup(source, folder, org_code=org.code, org_name=org.name, install_id=db.install_id,
                         revision=current_revision(db.engine) or "", identity=identity, kind=kind)
    if made.automatic:
        thin_backups(folder, org.code)
    return made


def _write_backup(source: Path, folder: Path, *, org_code: str, org_name: str, install_id: str, revision: str,
                  identity: LocalIdentity, kind: str) -> BackupFile:
    """Copy ``source`` online, encrypt the copy to ``identity`` into ``folder``, remove the copy."""
    from yanqun_desktop.db.migrate import online_copy

    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    target = folder / f"{org_code}-{now.astimezone():%Y%m%d-%H%M%S}-{kind}{SUFFIX}"
    n = 1
    while target.exists():  # two in one second (a test, a double click)
        n += 1
        target = folder / f"{org_code}-{now.astimezone():%Y%m%d-%H%M%S}-{kind}-{n}{SUFFIX}"
    plain = source.with_name(f".{source.name}.backup.part")  # beside the live file: the same protection
    part = target.with_name(target.name + ".part")
    sweep_leftovers(source, folder)
    try:
        online_copy(source, plain, scratch=True)
        header = BackupHeader(
            org_code=org_code, org_name=org_name, install_id=install_id,
            created_at=now.isoformat(timespec="seconds"), kind=kind,
            schema_revision=revision, plain_length=plain.stat().st_size,
            fingerprint=identity.fingerprint,
        )
        with plain.open("rb") as fh, part.open("wb") as out:
            write_encrypted(fh, out, header, identity.box_public)
            out.flush()
            os.fsync(out.fileno())
        part.replace(target)  # a half-written backup never carries the final name
    finally:
        plain.unlink(missing_ok=True)
        part.unlink(missing_ok=True)
    return BackupFile(target, header, target.stat().st_size)


def backup_before_upgrade(source: UpgradeSource) -> UpgradeBackup:
    """The backup ``Database.open`` makes of an older SQLite database before upgrading it (pass
    it as ``before_upgrade``). Encrypted (kind ``before-upgrade``, thinned like the other
    automatic ones, in the backup folder of the settings unless the caller chose one) when the
    key folder holds this office's identity; else a plain SQLite copy, with the reason, for the
    clerk to be told. Raising stops the upgrade (the database is left as it was)."""
    from yanqun_desktop.sync.keys import IdentityError, has_identity, load_identity_in

    office = _office_of(source)
    identity, reason = None, ""
    if office is None:
        reason = "数据库尚未初始化，本机还没有密钥，无法加密"
    else:
        org_code, org_name, install_id = office
        keys_dir = source.keys_dir if source.keys_dir is not None else config.default_keys_dir(install_id)
        if not has_identity(keys_dir):
            reason = f"密钥文件夹 {keys_dir} 中没有本机密钥，无法加密"
        else:
            try:
                identity = load_identity_in(keys_dir, org_code, org_name)
            except IdentityError as e:
                reason = f"{e}，无法加密"
    if identity is None or office is None:
        folder = source.backup_dir or source.path.parent / "backups"
        plain = backup_sqlite(source.path, folder, f"before-upgrade-{source.revision}")
        return UpgradeBackup(plain, encrypted=False, note=reason)
    folder = source.backup_dir or _folder_for(source.path)
    made = _write_backup(source.path, folder, org_code=org_code, org_name=org_name, install_id=install_id,
                         revision=source.revision, identity=identity, kind="before-upgrade")
    thin_backups(folder, org_code)
    return UpgradeBackup(made.path, encrypted=True)


def _office_of(source: UpgradeSource) -> tuple[str, str, str] | None:
    """(office code, office name, install id) of a database not opened as a ``Database`` yet
    (read with plain SQL: its schema is older than the models); None before ``init``."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with source.engine.connect() as conn:
            meta = {k: v for k, v in conn.execute(text("SELECT key, value FROM install_meta"))}
            code, install_id = meta.get("org_code"), meta.get("install_id")
            if not code or not install_id:
                return None
            if code == DISTRICT_CODE:
                name = "南山区"
            else:
                name = conn.execute(text("SELECT name FROM streets WHERE code = :code"), {"code": code}).scalar()
    except SQLAlchemyError:
        return None
    return code, name or code, install_id


STALE_PART = dt.timedelta(hours=1)


@requires(Permission.MAKE_BACKUPS)
def backup_now(db: Database, actor: Actor, *, folder: Path | None = None) -> BackupFile:
    """A backup the clerk asked for (kept until deleted by hand; the automatic ones are made
    by ``make_backup`` itself, whoever is signed in)."""
    return make_backup(db, kind="manual", folder=folder)


def sweep_leftovers(source: Path, folder: Path) -> list[Path]:
    """Remove what a backup, preview or restore killed midway left (a plaintext copy beside the
    database, a half-written .yqbak.part): only files an hour old, so that a second app
    window's backup in progress is left alone."""
    old = dt.datetime.now().timestamp() - STALE_PART.total_seconds()
    candidates = [source.with_name(f".{source.name}.{what}.part{wal}")
                  for what in ("backup", "preview", "restore") for wal in ("", "-wal", "-shm")]
    candidates += list(folder.glob(f"*{SUFFIX}.part")) if folder.is_dir() else []
    gone = []
    for path in candidates:
        try:
            if path.exists() and path.stat().st_mtime < old:
                path.unlink()
                gone.append(path)
        except OSError:
            continue
    return gone


def list_backups(folder: Path, org_code: str | None = None) -> list[BackupFile]:
    """The readable backup files in ``folder``, newest first (others are skipped)."""
    out = []
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else ():
        try:
            with path.open("rb") as fh:
                header, _aad, _eph = read_header(fh, path.name)
        except (BackupError, OSError):
            continue
        if org_code is None or header.org_code == org_code:
            out.append(BackupFile(path, header, path.stat().st_size))
    return sorted(out, key=lambda b: b.header.created_at, reverse=True)


def to_thin(backups: list[BackupFile], now: dt.datetime) -> list[BackupFile]:
    """Automatic backups the thinning policy lets go (newest per day, week, month kept)."""
    automatic = sorted((b for b in backups if b.automatic), key=lambda b: b.created, reverse=True)
    keep = {b.path for b in automatic[:KEEP_NEWEST]}
    seen: dict[str, set[object]] = {"day": set(), "week": set(), "month": set()}
    for b in automatic:  # newest first: the first of each period is its newest
        local = b.created.astimezone()
        age = now - b.created
        periods = (("day", local.date(), dt.timedelta(days=KEEP_DAILY)),
                   ("week", local.isocalendar()[:2], dt.timedelta(weeks=KEEP_WEEKLY)),
                   ("month", (local.year, local.month), dt.timedelta(days=31 * KEEP_MONTHLY)))
        for name, period, horizon in periods:
            if age <= horizon and period not in seen[name]:
                seen[name].add(period)
                keep.add(b.path)
    return [b for b in automatic if b.path not in keep]


def thin_backups(folder: Path, org_code: str, *, now: dt.datetime | None = None) -> list[Path]:
    gone = []
    for b in to_thin(list_backups(folder, org_code), now or dt.datetime.now(dt.UTC)):
        b.path.unlink(missing_ok=True)
        gone.append(b.path)
    return gone


def scheduled_backup_due(db: Database, *, now: dt.datetime | None = None) -> bool:
    """A scheduled backup is due when the newest backup of any kind is a day old."""
    if db.path is None:
        return False
    newest = next(iter(list_backups(backup_folder(db), db.org().code)), None)
    return newest is None or (now or dt.datetime.now(dt.UTC)) - newest.created >= SCHEDULE


def _open_file(db: Database, path: Path) -> BackupFile:
    try:
        with path.open("rb") as fh:
            header, _aad, _eph = read_header(fh, path.name)
    except OSError as e:
        raise ServiceError(f"{path.name}：无法读取（{e.strerror or e}）") from None
    except BackupError as e:
        raise ServiceError(str(e)) from None
    org = db.org()
    if header.org_code != org.code:
        raise ServiceError(f"{path.name}：这是「{header.org_name}」的备份，不能恢复到「{org.name}」的数据库")
    return BackupFile(path, header, path.stat().st_size)


def _decrypted(db: Database, path: Path, target: Path) -> BackupFile:
    """Decrypt a backup of this office to ``target`` and check it as a database."""
    from yanqun_desktop.db.migrate import HEAD_REVISION

    found = _open_file(db, path)
    identity = _identity(db)
    try:
        with target.open("wb") as out:
            decrypt_to(path, identity.box_key, identity.fingerprint, out)
    except BackupError as e:
        target.unlink(missing_ok=True)
        raise ServiceError(str(e)) from None
    if found.header.schema_revision > HEAD_REVISION:
        target.unlink(missing_ok=True)
        newer = found.header.schema_revision
        raise ServiceError(f"{path.name}：这份备份来自更新版本的程序（数据库版本 {newer}），请先升级程序")
    conn = sqlite3.connect(target)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if ok != "ok":
        target.unlink(missing_ok=True)
        raise ServiceError(f"{path.name}：备份中的数据库未通过完整性检查，不能恢复")
    return found


@requires(Permission.RESTORE_BACKUPS)
def preview_backup(db: Database, actor: Actor, path: Path) -> BackupPreview:
    """What a backup holds (decrypted to a temporary file, counted, removed)."""
    source = _file_db(db)
    temp = source.with_name(f".{source.name}.preview.part")
    try:
        found = _decrypted(db, path, temp)
        conn = sqlite3.connect(f"file:{temp}?mode=ro", uri=True)
        try:
            # A backup from an older release has an older schema: count what its tables hold.
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            counts = []
            for table, label in PREVIEW_TABLES:
                if table not in tables:
                    counts.append((label, 0))
                    continue
                columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
                deleted = " WHERE deleted = 0" if "deleted" in columns and table != "audit_operations" else ""
                counts.append((label, conn.execute(f"SELECT count(*) FROM {table}{deleted}").fetchone()[0]))
            audit = "audit_operations" in tables
            last = conn.execute("SELECT max(at) FROM audit_operations").fetchone()[0] if audit else None
        finally:
            conn.close()
    finally:
        temp.unlink(missing_ok=True)
    last_change = dt.datetime.fromisoformat(last).replace(tzinfo=dt.UTC) if last else None
    return BackupPreview(found, tuple(counts), last_change)


@requires(Permission.RESTORE_BACKUPS)
def restore_backup(db: Database, actor: Actor, path: Path) -> tuple[BackupFile, BackupFile]:
    """Replace the database with the backup at ``path``; returns (the backup restored, the
    backup made of the database it replaced). ``db`` is disposed: open the file again."""
    from yanqun_desktop.services.readonly import refuse_if_read_only

    refuse_if_read_only(db, "这是只读副本，不能从备份恢复。")
    source = _file_db(db)
    temp = source.with_name(f".{source.name}.restore.part")
    found = _decrypted(db, path, temp)
    try:
        _upgrade_copy(temp, path.name)
        _carry_accounts(db, temp)
        before = make_backup(db, kind="before-restore")
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    keys_dir = db.keys_dir
    db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{source}{suffix}").unlink(missing_ok=True)
    temp.replace(source)
    restored = Database.open(source, keys_dir=keys_dir)  # already at this schema (_upgrade_copy)
    try:
        # Recorded in the restored database's own trail (a restore changes no row itself, so
        # the unit of work would record nothing).
        made = dt.datetime.fromisoformat(found.header.created_at).astimezone()
        with restored.session() as s, s.begin():
            s.add(AuditOperation(at=dt.datetime.now(dt.UTC), actor=actor.name, role=actor.role,
                                 org_code=actor.org_code, operation="backup.restore", change_count=0,
                                 summary=f"从备份恢复数据库：{path.name}（备份于 {made:%Y-%m-%d %H:%M}）"))
    finally:
        restored.dispose()
    return found, before


def _carry_accounts(db: Database, copy: Path) -> None:
    """The accounts, the recovery code and spent reset files are this install's, like its keys:
    they stay as they are now. A restore never brings back an old password, a disabled account,
    or (from a release before accounts) an install without any, whose first start would let
    anyone at the PC make themselves administrator."""
    from sqlalchemy import delete, insert, or_, select

    from yanqun_desktop.db.engine import make_engine
    from yanqun_desktop.db.models import Account, InstallMeta

    accounts, meta = Account.__table__, InstallMeta.__table__  # type: ignore[attr-defined]
    own_meta = or_(meta.c.key == "recovery_code_hash", meta.c.key.like("reset_used:%"))
    with db.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(accounts))]
        keys = [dict(r._mapping) for r in conn.execute(select(meta).where(own_meta))]
    engine = make_engine(copy)
    try:
        with engine.begin() as conn:
            conn.execute(delete(accounts))
            conn.execute(delete(meta).where(own_meta))
            for table, values in ((accounts, rows), (meta, keys)):
                if values:
                    conn.execute(insert(table), values)
        with engine.connect() as conn:  # the copy replaces the database file: no WAL beside it
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)


def _upgrade_copy(copy: Path, name: str) -> None:
    """Bring the decrypted copy of a backup from an older release to this schema before it
    replaces the database: no backup of it is made (the backup file is its un-migrated copy, so
    no plaintext copy is left behind) and a migration that fails leaves the database untouched."""
    from yanqun_desktop.db.engine import make_engine
    from yanqun_desktop.db.migrate import SchemaError, upgrade_database

    engine = make_engine(copy)
    try:
        upgrade_database(engine, None)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except SchemaError as e:
        raise ServiceError(f"{name}：{e}") from None
    finally:
        engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
