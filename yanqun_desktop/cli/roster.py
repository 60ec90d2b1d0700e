"""roster template / import / export: rosters out of and into spreadsheets (CLI.md).

``import`` prints the preview to standard error (counts, then every invalid row with its row,
column and reason) and, with --json, one object per file to standard output. Exit codes: any
invalid row without --skip-invalid gives 1 and nothing is written (--dry-run exits as the real
run would); with several files the highest code wins. ID numbers and phones are never printed:
messages mask them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, EXIT_REFUSED, CliContext, CliError, say

KIND_CHOICES = ("people", "tutors", "reserve", "enrolment")
STATUS_TEXT = {"applied": "已导入", "already-applied": "无需导入（与数据库一致）", "refused": "未导入",
               "dry-run": "预览（未写入）"}


def register(sub: Any) -> None:
    p = sub.add_parser("roster", help="名单模板、导入与导出（.xlsx .xls .ods .csv）")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    t = verbs.add_parser("template", help="生成导入模板")
    t.add_argument("--kind", choices=KIND_CHOICES, default="people", help="名单类型（默认 people）")
    t.add_argument("--out", required=True, metavar="F.xlsx", help="输出文件")
    t.set_defaults(handler=cmd_template)

    i = verbs.add_parser("import", help="导入名单（先预览，有误的行逐条列出）")
    i.add_argument("files", nargs="+", metavar="F", help="名单文件（.xlsx .xls .ods .csv）")
    i.add_argument("--kind", choices=KIND_CHOICES, help="名单类型（默认按表头识别）")
    i.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    i.add_argument("--skip-invalid", action="store_true", help="跳过有误的行，导入其余的行")
    i.add_argument("--json", action="store_true", help="每个文件输出一个 JSON 对象到标准输出")
    i.add_argument("--rejected-out", metavar="F.xlsx", help="把有误的行连同原因写入工作簿（多个文件时为文件夹）")
    i.add_argument("--cohort", metavar="C", help="期次（学员名单没有“期次”列时）：编号、studio:期数 或 camp:年度")
    i.add_argument("--street", metavar="S", help="区级导入时指定街道")
    i.set_defaults(handler=cmd_import)

    e = verbs.add_parser("export", help="导出名单（列与导入模板相同）")
    e.add_argument("--out", required=True, metavar="F.xlsx", help="输出文件")
    e.add_argument("--kind", choices=KIND_CHOICES, default="people", help="名单类型（默认 people）")
    e.add_argument("--street", metavar="S", help="区级导出时指定街道（默认全部）")
    e.add_argument("--with-id-numbers", action="store_true", help="导出完整的身份证号和手机号（默认打码）")
    e.set_defaults(handler=cmd_export)


def _out_path(text: str) -> Path:
    out = Path(text)
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"{out.name}：输出文件须为 .xlsx。")
    return out


def cmd_template(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.reports.roster_workbook import write_roster_template

    out = _out_path(args.out)
    path = write_roster_template(ctx.open_db(), ctx.actor(), args.kind, out)
    say(f"已生成导入模板：{path}")
    return EXIT_OK


def cmd_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.reports.roster_workbook import export_roster
    from yanqun_desktop.services.errors import ServiceError

    out = _out_path(args.out)
    try:
        # Full numbers are the operator's explicit choice for now; roles that may ask come in issue 7.
        path = export_roster(ctx.open_db(), ctx.actor(), out, args.kind, args.street,
                             include_personal=args.with_id_numbers)
    except ServiceError as e:
        raise CliError(str(e)) from None
    note = "（含完整身份证号和手机号，请妥善保管）" if args.with_id_numbers else "（身份证号和手机号已打码）"
    say(f"已导出名单：{path}{note}")
    return EXIT_OK


def _rejected_path(args: argparse.Namespace, source: Path) -> Path | None:
    if not args.rejected_out:
        return None
    target = Path(args.rejected_out)
    if len(args.files) > 1 or target.is_dir():
        return target / f"{source.stem}-有误的行.xlsx"
    return target


def cmd_import(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.roster import import_roster

    db, actor = ctx.open_db(), ctx.actor()
    worst = EXIT_OK
    for name in args.files:
        path = Path(name)
        report = import_roster(db, actor, path, args.kind, dry_run=args.dry_run, skip_invalid=args.skip_invalid,
                               cohort=args.cohort, street=args.street)
        code = EXIT_OK
        if report.status == "refused" or (report.invalid and not args.skip_invalid):
            code = EXIT_REFUSED
        worst = max(worst, code)
        _say_report(path, report, args)
        rejected = _rejected_path(args, path)
        if rejected is not None and report.invalid:
            from yanqun_desktop.reports.roster_workbook import write_rejected_rows
            from yanqun_desktop.sheets.reading import read_sheet

            write_rejected_rows(report, read_sheet(path), rejected)
            say(f"  有误的行已写入：{rejected}")
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False))
    return worst


def _say_report(path: Path, report: Any, args: argparse.Namespace) -> None:
    label = STATUS_TEXT.get(report.status, report.status)
    if args.dry_run and report.invalid and not args.skip_invalid:
        label += "；正式导入将被拒绝"
    say(f"{path.name}：{label}。{report.summary()}")
    for message in report.messages:
        say(f"  {message}")
    for row in report.invalid:
        for issue in row.issues or []:
            column = f"“{issue.column}”列" if issue.column else ""
            say(f"  第 {row.row} 行 {row.label} {column}：{issue.message}")
    if report.status == "refused" and report.invalid and not args.skip_invalid:
        say("  有误的行须先改正，本文件未写入任何数据（或使用 --skip-invalid 只导入正确的行）。")
