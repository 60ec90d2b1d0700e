"""package export / import / ledger: sync packages between a street and the district."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say

STATUS_TEXT = {
    "applied": "已导入",
    "already-applied": "此前已导入，未做任何修改",
    "refused": "拒绝导入",
    "dry-run": "预览（未写入）",
    "conflicts": "已导入，有冲突待区级处理",
}
COUNT_TEXT = {"new": "新增", "updated": "更新", "unchanged": "无变化", "conflicts": "冲突", "rejected": "拒收"}


def register(sub: Any) -> None:
    p = sub.add_parser("package", help="同步数据包（街道 ⇄ 区级）")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    exp = verbs.add_parser("export", help="导出数据包")
    exp.add_argument("--to", metavar="CODE", help="区级：收件街道（代码或名称）；省略时为每个已信任的街道各写一个")
    exp.add_argument("--out", required=True, metavar="PATH", help="文件夹（使用标准文件名）或文件名")
    exp.add_argument(
        "--recovery",
        action="store_true",
        help="区级：为 --to 街道制作恢复数据包（该街道的全部记录，用于还原备份或重装后）",
    )
    exp.set_defaults(handler=cmd_export)

    rex = verbs.add_parser("reexport", help="补发一个已导出的数据包（U 盘丢失时）：原样写出同一个文件")
    rex.add_argument("seq", type=int, metavar="SEQ", help="数据包序号（见 package ledger）")
    rex.add_argument("--to", metavar="CODE", help="区级：收件街道（代码或名称）")
    rex.add_argument("--out", required=True, metavar="PATH", help="文件夹（使用原文件名）或文件名")
    rex.set_defaults(handler=cmd_reexport)

    cpy = verbs.add_parser("read-only-copy", help="从本街道数据库的备份制作只读副本，供第二台电脑查看")
    cpy.add_argument("source", metavar="BACKUP", help="数据库备份文件（.sqlite）")
    cpy.add_argument("--out", required=True, metavar="PATH", help="只读副本的文件名（不能已存在）")
    cpy.set_defaults(handler=cmd_read_only_copy)

    imp = verbs.add_parser("import", help="导入数据包")
    imp.add_argument("files", nargs="+", metavar="F", help="数据包文件或文件夹，可多个")
    imp.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    imp.add_argument("--json", action="store_true", help="每个文件一个 JSON 对象，输出到标准输出")
    imp.set_defaults(handler=cmd_import)

    led = verbs.add_parser("ledger", help="已发送与已接收的数据包")
    led.add_argument("--json", action="store_true", help="JSON 输出到标准输出")
    led.set_defaults(handler=cmd_ledger)

    from yanqun_desktop.cli import conflicts, reporting

    conflicts.register(verbs)
    reporting.register(verbs)


def cmd_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.sync import export_all_streets, export_package
    from yanqun_desktop.services.sync_recovery import export_recovery_package

    db, actor = ctx.open_db(), ctx.actor()
    out = Path(args.out)
    try:
        if args.recovery:
            if not args.to:
                raise CliError("制作恢复数据包须指定街道（--to 街道）。")
            results = [export_recovery_package(db, actor, out, to=args.to)]
        elif db.org().is_district and not args.to:
            results = export_all_streets(db, actor, out)
            if not results:
                raise CliError("尚未信任任何街道的密钥名片，没有可导出的数据包。")
        else:
            results = [export_package(db, actor, out, to=args.to)]
    except (ServiceError, PermissionDenied) as e:
        raise CliError(str(e)) from None
    if args.recovery:
        say("恢复数据包：对方导入后即可找回已报送区级的全部记录。")
    for r in results:
        say(f"已写出 {r.path}：发往 {r.recipient}，第 {r.seq} 号，{r.rows} 条记录（确认对方第 {r.ack_seq} 号）")
    return EXIT_OK


def cmd_import(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.readonly import IMPORT_REFUSED, is_read_only
    from yanqun_desktop.services.sync import import_packages

    db, actor = ctx.open_db(), ctx.actor()
    if is_read_only(db):
        raise CliError(IMPORT_REFUSED)
    missing = [f for f in args.files if not Path(f).exists()]
    if missing:
        raise CliError(f"找不到文件：{'、'.join(missing)}")
    code = EXIT_OK
    for report in import_packages(db, actor, args.files, dry_run=args.dry_run):
        code = max(code, report.exit_code)
        counts = "，".join(f"{COUNT_TEXT[k]} {v}" for k, v in report.counts.items() if v)
        say(f"{report.file}：{STATUS_TEXT[report.status]}" + (f"（{counts}）" if counts else ""))
        for message in report.messages:
            say(f"  {message}")
        if report.backup is not None:
            say(f"  导入前的备份：{report.backup}")
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False))
    return code


def cmd_ledger(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.sync import list_ledger

    entries = list_ledger(ctx.open_db())
    if args.json:
        for e in entries:
            print(
                json.dumps(
                    {
                        "direction": e.direction,
                        "status": e.status,
                        "sender": e.sender,
                        "recipient": e.recipient,
                        "seq": e.seq,
                        "ack_seq": e.ack_seq,
                        "file": e.file_name,
                        "sha256": e.sha256,
                        "size": e.size,
                        "recorded_at": e.recorded_at.isoformat(),
                        "package_id": e.package_id,
                    },
                    ensure_ascii=False,
                )
            )
        return EXIT_OK
    if not entries:
        say("还没有发送或接收过数据包。")
    for e in entries:
        arrow = "发出" if e.direction == "sent" else "收到"
        who = e.recipient if e.direction == "sent" else e.sender
        status = STATUS_TEXT.get(e.status, e.status)
        say(f"{e.recorded_at:%Y-%m-%d %H:%M} {arrow} {who} 第 {e.seq} 号 {status} {e.file_name}")
    return EXIT_OK


def cmd_reexport(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.sync_recovery import reexport_package

    db, actor = ctx.open_db(), ctx.actor()
    try:
        r = reexport_package(db, actor, args.seq, Path(args.out), to=args.to)
    except (ServiceError, PermissionDenied) as e:
        raise CliError(str(e)) from None
    say(f"已补发 {r.path}：发往 {r.recipient}，第 {r.seq} 号（与原文件相同，校验值 {r.sha256[:16]}…）")
    return EXIT_OK


def cmd_read_only_copy(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.permissions import Permission, require
    from yanqun_desktop.services.readonly import make_read_only_copy

    try:
        require(ctx.actor(), Permission.MAINTAIN_DATABASE)
        path = make_read_only_copy(Path(args.source), Path(args.out))
    except (ServiceError, PermissionDenied) as e:
        raise CliError(str(e)) from None
    say(f"已制作只读副本 {path}：可以查看，不能修改、导入或导出（yanqun --db {path} …）")
    return EXIT_OK
