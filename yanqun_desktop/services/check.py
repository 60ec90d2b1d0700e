"""`yanqun check`: is the database sound? Integrity, foreign keys, orphans, sync columns.

This first version reports; it repairs nothing (repairs after a backup come with the backup
work). Each problem is one Chinese line naming the table and how many rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import false, func, or_, select, text, true

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Base

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    checked_tables: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(db: Database) -> CheckReport:
    report = CheckReport()
    is_sqlite = db.engine.dialect.name == "sqlite"
    with db.session() as s:
        if is_sqlite:
            result = [r[0] for r in s.execute(text("PRAGMA integrity_check"))]
            if result != ["ok"]:
                report.problems += [f"SQLite 完整性检查：{line}" for line in result[:20]]
            fk = s.execute(text("PRAGMA foreign_key_check")).all()
            by_table: dict[str, int] = {}
            for row in fk:
                by_table[row[0]] = by_table.get(row[0], 0) + 1
            report.problems += [f"{t}：{n} 行引用了不存在的记录（外键）" for t, n in sorted(by_table.items())]
        high = db.clock.high_water_mark
        for table in Base.metadata.sorted_tables:
            report.checked_tables += 1
            if "version" not in table.c:
                continue
            c = table.c
            bad_cols = s.scalar(
                select(func.count())
                .select_from(table)
                .where(
                    or_(
                        c.owner.is_(None),
                        c.owner == "",
                        c.version.is_(None),
                        c.version <= 0,
                        c.updated_at.is_(None),
                        c.updated_by.is_(None),
                    )
                )
            )
            if bad_cols:
                report.problems.append(f"{table.name}：{bad_cols} 行同步字段缺失（owner/version/updated_*）")
            ahead = s.scalar(select(func.count()).select_from(table).where(c.version > high))
            if ahead:
                report.problems.append(f"{table.name}：{ahead} 行版本号高于本机时钟（可能来自错误的恢复）")
            for fk in table.foreign_keys:
                parent = fk.column.table
                if "deleted" not in parent.c or parent is table:
                    continue
                orphans = s.scalar(
                    select(func.count())
                    .select_from(table.join(parent, fk.parent == fk.column))
                    .where(c.deleted == false(), parent.c.deleted == true())
                )
                if orphans:
                    report.problems.append(f"{table.name}：{orphans} 行仍引用已删除的 {parent.name} 记录（孤立记录）")
            bad_ids = sum(1 for (row_id,) in s.execute(select(c.id)) if not UUID_RE.match(str(row_id)))
            if bad_ids:
                report.problems.append(f"{table.name}：{bad_ids} 行编号不是有效的 UUID")
    return report
