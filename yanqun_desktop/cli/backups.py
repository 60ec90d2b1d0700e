"""backup [--out DIR] [--list] / restore FILE [--yes]: encrypted backups of the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, EXIT_REFUSED, CliContext, CliError, say


def register(sub: Any) -> None:
    b = sub.add_parser("backup", help="备份数据库（加密，只有本机密钥能读）")
    b.add_argument("--out", type=Path, metavar="DIR", help="备份文件夹（默认：设置中的备份文件夹或数据库旁的 backups）")
    b.add_argument("--list", action="store_true", help="列出文件夹中本单位的备份，不新建")
    b.set_defaults(handler=cmd_backup)
    r = sub.add_parser("restore", help="从备份恢复数据库（先自动备份当前数据库）")
    r.add_argument("file", type=Path, metavar="FILE", help="备份文件（.yqbak）")
    r.add_argument("--yes", action="store_true", help="不再确认，直接恢复")
    r.set_defaults(handler=cmd_restore)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def cmd_backup(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.backups import KIND_LABELS, backup_folder, backup_now, list_backups
    from yanqun_desktop.services.errors import ServiceError

    db = ctx.open_db()
    if not db.is_initialised:
        raise CliError("数据库尚未初始化，没有可备份的数据。")
    folder = args.out or backup_folder(db)
    if args.list:
        found = list_backups(folder, db.org().code)
        say(f"{folder}：{len(found)} 份备份" if found else f"{folder}：没有本单位的备份")
        for b in found:
            say(f"  {b.created.astimezone():%Y-%m-%d %H:%M}  {KIND_LABELS.get(b.header.kind, b.header.kind)}  "
                f"{_size(b.size)}  {b.path.name}")
        return EXIT_OK
    try:
        made = backup_now(db, ctx.actor(), folder=folder)
    except ServiceError as e:
        raise CliError(str(e)) from None
    except OSError as e:
        raise CliError(f"{folder}：无法写出备份（{e.strerror or e}），未完成的文件已删除") from None
    say(f"已备份到 {made.path}（{_size(made.size)}，用本机密钥加密；重装电脑前请先备份密钥：yanqun keys backup）")
    return EXIT_OK


def cmd_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.backups import preview_backup, restore_backup
    from yanqun_desktop.services.errors import ServiceError

    db = ctx.open_db()
    try:
        preview = preview_backup(db, ctx.actor(), args.file)
    except ServiceError as e:
        raise CliError(str(e)) from None
    made = preview.file.created.astimezone()
    counts = "，".join(f"{label} {n}" for label, n in preview.counts)
    say(f"{args.file.name}：{preview.file.header.org_name}，备份于 {made:%Y-%m-%d %H:%M}；{counts}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("恢复会用备份替换当前数据库：确认无误后加 --yes 再运行。")
        answer = input("用这份备份替换当前数据库？当前数据库会先自动备份。输入 yes 确认：")
        if answer.strip().lower() != "yes":
            say("未恢复。")
            return EXIT_REFUSED
    try:
        _found, before = restore_backup(db, ctx.actor(), args.file)
    except ServiceError as e:
        raise CliError(str(e)) from None
    say(f"已从 {args.file.name} 恢复；恢复前的数据库已备份为 {before.path}")
    return EXIT_OK
