"""Check database (`yanqun check [--repair]`, 文件 → 检查数据库): is the database sound?

Checks: SQLite's integrity check and foreign keys; for every synced table, rows with missing
sync columns, versions ahead of this install's clock, live rows that still refer to a deleted
record (orphans), ids that are not UUIDs. Each problem is one Chinese line naming the table and
how many rows, and says whether it can be repaired safely.

``repair_database`` first makes a backup, then repairs only what cannot lose information:
the version clock moved past the highest version (no row changes); this office's rows with a
missing owner, version or update stamp stamped now; this office's orphans tombstoned (their
parent was deleted, so they are hidden already; the tombstones travel like any deletion); a
damaged index rebuilt (REINDEX) when the integrity check names only indexes. Foreign-key
violations, other offices' rows and bad ids are reported, never changed: they need a person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, false, func, or_, select, text, true, update

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Base
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.permissions import Permission, requires

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
INDEX_ONLY_RE = re.compile(r"(index|wrong # of entries in index|row \d+ missing from index)")


@dataclass(frozen=True)
class Problem:
    kind: str  # integrity | foreign-key | sync-columns | ahead | orphans | bad-ids
    table: str
    rows: int
    message: str
    repairable: bool


@dataclass
class CheckReport:
    found: list[Problem] = field(default_factory=list)
    checked_tables: int = 0

    @property
    def ok(self) -> bool:
        return not self.found

    @property
    def problems(self) -> list[str]:
        return [p.message for p in self.found]

    @property
    def repairable(self) -> list[Problem]:
        return [p for p in self.found if p.repairable]


@dataclass(frozen=True)
class RepairReport:
    backup: Any  # services.backups.BackupFile
    repaired: tuple[str, ...]
    remaining: CheckReport


def _synced() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if "version" in t.c and "owner" in t.c]


def _missing_sync(c: Any) -> Any:
    return or_(c.owner.is_(None), c.owner == "", c.version.is_(None), c.version <= 0, c.updated_at.is_(None),
               c.updated_by.is_(None))


def _orphan_links(table: Table) -> list[tuple[Any, Table]]:
    return [(fk, fk.column.table) for fk in table.foreign_keys
            if "deleted" in fk.column.table.c and fk.column.table is not table]


@requires(Permission.MAINTAIN_DATABASE)
def check_database(db: Database, actor: Actor) -> CheckReport:
    return _check(db)


def _check(db: Database) -> CheckReport:
    report = CheckReport()
    own = db.org().code if db.is_initialised else None
    is_sqlite = db.engine.dialect.name == "sqlite"
    with db.session() as s:
        if is_sqlite:
            result = [r[0] for r in s.execute(text("PRAGMA integrity_check"))]
            if result != ["ok"]:
                index_only = all(INDEX_ONLY_RE.search(line) for line in result)
                report.found += [Problem("integrity", "", 0, f"SQLite 完整性检查：{line}", index_only)
                                 for line in result[:20]]
            by_table: dict[str, int] = {}
            for row in s.execute(text("PRAGMA foreign_key_check")).all():
                by_table[row[0]] = by_table.get(row[0], 0) + 1
            report.found += [Problem("foreign-key", t, n, f"{t}：{n} 行引用了不存在的记录（外键），需人工处理", False)
                             for t, n in sorted(by_table.items())]
        high = db.clock.high_water_mark
        for table in Base.metadata.sorted_tables:
            report.checked_tables += 1
            if "version" not in table.c:
                continue
            c = table.c
            for rows, mine in _split(s, table, _missing_sync(c), own):
                if rows:
                    whose = "本单位" if mine else "其他单位"
                    message = f"{table.name}：{rows} 行{whose}记录同步字段缺失（owner/version/updated_*）"
                    report.found.append(Problem("sync-columns", table.name, rows, message, mine))
            ahead = s.scalar(select(func.count()).select_from(table).where(c.version > high))
            if ahead:
                report.found.append(Problem("ahead", table.name, ahead,
                                            f"{table.name}：{ahead} 行版本号高于本机时钟（可能来自错误的恢复）", True))
            for fk, parent in _orphan_links(table):
                orphan = and_(c.deleted == false(), parent.c.deleted == true())
                joined = table.join(parent, fk.parent == fk.column)
                for rows, mine in _split(s, table, orphan, own, joined):
                    if rows:
                        whose = "" if mine else "（其他单位的记录，需人工处理）"
                        report.found.append(Problem(
                            "orphans", table.name, rows,
                            f"{table.name}：{rows} 行仍引用已删除的 {parent.name} 记录（孤立记录）{whose}", mine))
            bad_ids = sum(1 for (row_id,) in s.execute(select(c.id)) if not UUID_RE.match(str(row_id)))
            if bad_ids:
                report.found.append(Problem("bad-ids", table.name, bad_ids,
                                            f"{table.name}：{bad_ids} 行编号不是有效的 UUID，需人工处理", False))
    return report


def _split(s: Any, table: Table, where: Any, own: str | None, source: Any = None) -> list[tuple[int, bool]]:
    """(rows of this office, True) and (rows of others, False) matching ``where``."""
    c = table.c
    mine = or_(c.owner == own, c.owner.is_(None), c.owner == "") if own else false()
    base = select(func.count()).select_from(source if source is not None else table).where(where)
    return [(s.scalar(base.where(mine)) or 0, True), (s.scalar(base.where(~mine)) or 0, False)]


@requires(Permission.MAINTAIN_DATABASE)
def repair_database(db: Database, actor: Actor) -> RepairReport:
    """Back up, repair what is safe (see the module docstring), check again."""
    from yanqun_desktop.services.backups import make_backup
    from yanqun_desktop.services.readonly import refuse_if_read_only
    from yanqun_desktop.services.uow import unit_of_work

    refuse_if_read_only(db, "这是只读副本，不能修复：请在负责报送的电脑上检查。")
    before = _check(db)
    backup = make_backup(db, kind="before-repair")
    done: list[str] = []
    kinds = {p.kind for p in before.repairable}
    if "ahead" in kinds:
        with db.session() as s:
            top = max((s.scalar(select(func.max(t.c.version))) or 0) for t in _synced())
        db.clock.observe(top)
        done.append("本机版本时钟已前移到数据库中最高的版本号")
    if kinds & {"sync-columns", "orphans"}:
        own = db.org().code
        with unit_of_work(db, actor, "check.repair", "检查数据库：修复同步字段与孤立记录") as work:
            s = work.session
            now = dt.datetime.now(dt.UTC)
            for table in _synced():
                c = table.c
                mine = or_(c.owner == own, c.owner.is_(None), c.owner == "")
                broken = list(s.scalars(select(c.id).where(_missing_sync(c), mine)))
                for row_id in broken:
                    s.execute(update(table).where(c.id == row_id).values(
                        owner=own, version=db.clock.tick(), updated_at=now, updated_by=actor.name))
                    work.changes.append((table.name, row_id, "update", None, {"owner": own, "updated_by": actor.name}))
                if broken:
                    done.append(f"{table.name}：{len(broken)} 行补全了同步字段")
                for fk, parent in _orphan_links(table):
                    ids = list(s.scalars(select(c.id).select_from(table.join(parent, fk.parent == fk.column))
                                         .where(c.deleted == false(), parent.c.deleted == true(), mine)))
                    for row_id in ids:
                        s.execute(update(table).where(c.id == row_id).values(
                            deleted=True, version=db.clock.tick(), updated_at=now, updated_by=actor.name))
                        work.changes.append((table.name, row_id, "delete", {"deleted": False}, {"deleted": True}))
                    if ids:
                        done.append(f"{table.name}：{len(ids)} 行孤立记录已标记删除"
                                    f"（其引用的 {parent.name} 记录已删除）")
    if "integrity" in kinds and db.engine.dialect.name == "sqlite":
        with db.engine.begin() as conn:
            conn.execute(text("REINDEX"))
        done.append("已重建索引（REINDEX）")
    return RepairReport(backup, tuple(done), _check(db))
