"""audit [list] / audit show ID: the audit trail, read-only (issue 7 part 3)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="操作日志：谁在何时改了什么（只读）")
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    p.set_defaults(handler=cmd_list, verb="list")
    for parser in (p, verbs.add_parser("list", help="按条件列出操作（默认）")):
        # not --user: that global option names who acts
        parser.add_argument("--by", metavar="NAME", help="只列出这位操作员的操作")
        parser.add_argument("--operation", metavar="OP", help="操作代码，如 people.update；以 . 结尾为前缀")
        parser.add_argument("--table", metavar="TABLE", help="改过这张表的操作，如 people")
        parser.add_argument("--row", metavar="ID", help="改过这条记录的操作（记录编号）")
        parser.add_argument("--since", metavar="DATE", help="起始日期（含）")
        parser.add_argument("--until", metavar="DATE", help="截止日期（含）")
        parser.add_argument("--text", metavar="TEXT", help="说明中含有的文字")
        parser.add_argument("--limit", type=int, default=50, metavar="N", help="最多列出 N 条（默认 50）")
        parser.add_argument("--json", action="store_true", help="每条一个 JSON 对象，输出到标准输出")
        parser.add_argument("--out", type=Path, metavar="FILE.xlsx", help="把符合条件的操作和修改明细写入工作簿")
        parser.set_defaults(handler=cmd_list)
    show = verbs.add_parser("show", help="一次操作改了哪些记录、哪些字段")
    show.add_argument("operation_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="JSON 输出到标准输出")
    show.set_defaults(handler=cmd_show)


def _query(args: argparse.Namespace) -> Any:
    from yanqun_desktop.domain.validation import ValidationError, parse_date
    from yanqun_desktop.services.audit import AuditQuery

    try:
        since = parse_date(args.since, "起始日期（--since）") if args.since else None
        until = parse_date(args.until, "截止日期（--until）") if args.until else None
    except ValidationError as e:
        raise CliError(e.message) from None
    return AuditQuery(actor=args.by, operation=args.operation, table=args.table, row_id=args.row,
                      since=since, until=until, text=args.text)


def cmd_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.audit import list_operations

    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise CliError(f"操作日志须写为 .xlsx 文件：{args.out}")
    db, query = ctx.open_db(), _query(args)
    operations, total = list_operations(db, ctx.actor(), query, limit=max(args.limit, 0))
    if args.out is not None:
        from yanqun_desktop.reports.audit_workbook import write_audit_workbook

        try:
            path = write_audit_workbook(db, ctx.actor(), query, args.out)
        except OSError as e:
            raise CliError(f"无法写出 {args.out}：{e.strerror or e}") from None
        say(f"已写出操作日志：{path}")
    if args.json:
        for op in operations:
            print(json.dumps({"id": op.id, "at": op.at.isoformat(), "actor": op.actor, "role": op.role,
                              "org": op.org_code, "operation": op.operation, "summary": op.summary,
                              "changes": op.change_count, "undo_of": op.undo_of, "undone_by": op.undone_by},
                             ensure_ascii=False))
        return EXIT_OK
    say(f"共 {total} 条操作" + (f"，列出最近 {len(operations)} 条" if total > len(operations) else ""))
    for op in operations:
        undone = f"（已被 {op.undone_by} 撤销）" if op.undone_by else ""
        say(f"{op.id:>6}  {op.at.astimezone():%Y-%m-%d %H:%M}  {op.actor}  {op.summary}  {op.change_count} 条{undone}")
    return EXIT_OK


def cmd_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.audit import operation_changes
    from yanqun_desktop.services.errors import NotFound

    db = ctx.open_db()
    try:
        changes, total = operation_changes(db, ctx.actor(), args.operation_id, limit=2000)
    except NotFound as e:
        raise CliError(str(e)) from None
    if args.json:
        for ch in changes:
            print(json.dumps({"table": ch.table, "row_id": ch.row_id, "action": ch.action, "note": ch.note,
                              "fields": [{"field": f.field, "before": f.before, "after": f.after} for f in ch.fields]},
                             ensure_ascii=False))
        return EXIT_OK
    say(f"操作 {args.operation_id}：{total} 条修改" + (f"，列出前 {len(changes)} 条" if total > len(changes) else ""))
    for ch in changes:
        say(f"  {ch.action_label} {ch.table_label} {ch.row_id}" + (f"  {ch.note}" if ch.note else ""))
        for f in ch.fields:
            say(f"      {f.label}：{f.before or '（空）'} → {f.after or '（空）'}")
    return EXIT_OK
