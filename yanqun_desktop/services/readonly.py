"""Read-only copies for a second PC of the same street (shared/SYNC.md, "Recovery").

Only one install per street exports packages; a second PC (e.g. the studio leader's) may hold a
read-only copy made from a backup of the street's database. The copy is marked in
``install_meta`` (``read_only = 1``); ``services.uow.unit_of_work`` refuses every write on such a
database, and package export and import refuse too. A copy is refreshed by making a new one from
a newer backup.

*Decision*: copies are made from a backup, not from a package: a package can only be opened
with the street's private key, and that key stays on the one install that exports.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.migrate import SchemaError, online_copy
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.errors import ServiceError

READ_ONLY_KEY = "read_only"
WRITE_REFUSED = "这是只读副本，不能修改数据：请在本街道负责报送的那台电脑上操作。"
EXPORT_REFUSED = "这是只读副本，不能导出数据包：只有一台电脑可以报送。"
IMPORT_REFUSED = "这是只读副本，不能导入数据包：请在负责报送的电脑上导入，再重新制作只读副本。"


def is_read_only(db: Database) -> bool:
    return db.meta(READ_ONLY_KEY) == "1"


def refuse_if_read_only(db: Database, message: str = WRITE_REFUSED) -> None:
    if is_read_only(db):
        raise PermissionDenied(message)


def make_read_only_copy(source: Path | str, target: Path | str, *, keys_dir: Path | str | None = None) -> Path:
    """Copy the database ``source`` (a backup, or a closed database file) to ``target`` and mark
    the copy read-only. The copy gets its own install id (it is another install); a copy from an
    older schema is upgraded on the way. Refuses an existing ``target`` and a source that is not
    an initialised 雁群 database."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise ServiceError(f"{source}：找不到要复制的数据库备份")
    if target.exists():
        raise ServiceError(f"{target}：文件已存在，不会覆盖；请选择一个新的文件名")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        online_copy(source, part, read_only=True)
    except sqlite3.DatabaseError as e:
        part.unlink(missing_ok=True)
        raise ServiceError(f"{source.name}：不是可读取的数据库文件（{e}）") from None
    try:
        db = Database.open(part, backup_dir=part.parent / "backups", keys_dir=keys_dir)
    except SchemaError as e:
        part.unlink(missing_ok=True)
        raise ServiceError(f"{source.name}：{e}") from None
    try:
        if not db.is_initialised:
            raise ServiceError(f"{source.name}：这个数据库尚未初始化，不能制作只读副本")
        db.set_meta(
            read_only="1",
            install_id=new_id(),
            read_only_source=source.name,
            read_only_made_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
    except BaseException:
        db.dispose()
        part.unlink(missing_ok=True)
        raise
    db.dispose()
    part.replace(target)
    return target
