"""attendance sheet / import / export: sign-in sheets out and back, and the attendance workbook."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, EXIT_REFUSED, CliContext, CliError, say

STATUS_TEXT = {
    "applied": "已导入", "already-applied": "没有变化，无需导入", "refused": "未导入", "dry-run": "预览（未写入）",
    "conflicts": "有冲突",
}
ROW_TEXT = {"new": "新增", "updated": "更新", "invalid": "有误"}


def register(sub: Any) -> None:
    p = sub.add_parser("attendance", help="签到表与考勤")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    sheet = verbs.add_parser("sheet", help="导出一次活动的签到表（.xlsx 供填写出勤，.pdf 供打印签名）")
    sheet.add_argument("session", metavar="SESSION", help="活动编号（UUID，或其唯一的开头部分）")
    sheet.add_argument("--out", required=True, metavar="F", help="输出文件，以 .xlsx 或 .pdf 结尾")
    sheet.set_defaults(handler=cmd_sheet)

    imp = verbs.add_parser("import", help="导入填好的签到表（.xlsx）")
    imp.add_argument("files", nargs="+", metavar="F", help="签到表文件，可多个")
    imp.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    imp.add_argument("--skip-invalid", action="store_true", help="跳过有误的行，写入其余的行")
    imp.add_argument("--json", action="store_true", help="每个文件一个 JSON 对象，输出到标准输出")
    imp.set_defaults(handler=cmd_import)

    exp = verbs.add_parser("export", help="导出考勤记录与个人出勤率（.xlsx）")
    exp.add_argument("--out", required=True, metavar="F", help="输出文件（.xlsx）")
    scope = exp.add_mutually_exclusive_group()
    scope.add_argument("--session", metavar="S", help="只导出一次活动（UUID 或其唯一的开头部分）")
    scope.add_argument("--cohort", metavar="C", help="只导出一个班次的活动（UUID、studio:期数 或 camp:年份）")
    exp.set_defaults(handler=cmd_export)


def resolve_session(ctx: CliContext, text: str) -> str:
    """A session by its UUID or a unique prefix of it (at least 4 characters)."""
    from sqlalchemy import select

    from yanqun_desktop.db.models import TrainingSession

    key = text.strip().lower()
    if len(key) < 4:
        raise CliError(f"活动编号「{text}」太短：请至少写出前 4 位。")
    with ctx.open_db().session() as s:
        rows = s.execute(
            select(TrainingSession.id, TrainingSession.date, TrainingSession.title)
            .where(TrainingSession.id.startswith(key, autoescape=True), ~TrainingSession.deleted)
            .order_by(TrainingSession.date).limit(10)
        ).all()
    if not rows:
        raise CliError(f"没有编号为 {text} 的活动。")
    if len(rows) > 1:
        listed = "\n".join(f"  {r.id}  {r.date.isoformat()}  {r.title}" for r in rows)
        raise CliError(f"编号以 {text} 开头的活动不止一个，请写出更多位：\n{listed}")
    return str(rows[0].id)


def resolve_cohort(ctx: CliContext, text: str) -> str:
    """A cohort by UUID, ``studio:<期数>`` or ``camp:<年份>`` (services/lookup.find_cohort)."""
    from yanqun_desktop.services.errors import Ambiguous, NotFound
    from yanqun_desktop.services.lookup import find_cohort

    with ctx.open_db().session() as s:
        try:
            return str(find_cohort(s, text).id)
        except Ambiguous as e:
            raise CliError(str(e) + "\n" + "\n".join(f"  {c}" for c in e.candidates)) from None
        except NotFound as e:
            raise CliError(str(e)) from None


def cmd_sheet(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.errors import ServiceError

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise CliError(f"{out.name}：签到表只能导出为 .xlsx（填写出勤）或 .pdf（打印签名）。")
    session_id = resolve_session(ctx, args.session)
    db = ctx.open_db()
    try:
        if suffix == ".xlsx":
            from yanqun_desktop.reports.signin_workbook import write_signin_workbook

            path = write_signin_workbook(db, session_id, out)
        else:
            from yanqun_desktop.reports.signin_sheet import write_signin_pdf

            result = write_signin_pdf(db, session_id, out)
            path = result.path or out
            for warning in result.warnings:
                say(f"注意：{warning}")
            if result.missing_chars:
                say(f"注意：有 {len(result.missing_chars)} 个字没有可用的字体，打印出来可能显示为方框："
                    + "".join(result.missing_chars))
    except ServiceError as e:
        raise CliError(str(e)) from None
    except OSError as e:
        raise CliError(f"{out.name}：无法写入（{e.strerror or e}）。") from None
    say(f"已写入签到表：{path}")
    return EXIT_OK


def cmd_import(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.attendance_import import import_signin_sheet

    db = ctx.open_db()
    actor = ctx.actor()
    worst = EXIT_OK
    for name in args.files:
        report = import_signin_sheet(db, actor, Path(name), dry_run=args.dry_run, skip_invalid=args.skip_invalid)
        blocked = bool(report.invalid) and not args.skip_invalid  # --dry-run exits as the real run would
        code = EXIT_REFUSED if report.status == "refused" or blocked else EXIT_OK
        worst = max(worst, code)
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False), flush=True)
        _preview(report)
    return worst


def _preview(report: Any) -> None:
    say(f"{report.file}：{STATUS_TEXT.get(report.status, report.status)}。{report.summary()}")
    for r in report.rows:
        if r.status == "unchanged":
            continue
        fields = f"（{'、'.join(r.changed_fields)}）" if r.changed_fields else ""
        reason = f"：{r.reason}" if r.reason else ""
        say(f"  第 {r.row} 行 [{ROW_TEXT[r.status]}] {r.label}{fields}{reason}")
    for message in report.messages:
        say(f"  {message}")


def cmd_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.reports.attendance_export import export_attendance
    from yanqun_desktop.services.errors import ServiceError

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"{out.name}：考勤只能导出为 .xlsx 文件。")
    session_id = resolve_session(ctx, args.session) if args.session else None
    cohort_id = resolve_cohort(ctx, args.cohort) if args.cohort else None
    try:
        result = export_attendance(ctx.open_db(), out, session_id=session_id, cohort_id=cohort_id)
    except ServiceError as e:
        raise CliError(str(e)) from None
    except OSError as e:
        raise CliError(f"{out.name}：无法写入（{e.strerror or e}）。") from None
    say(f"已导出考勤（{result.scope}）：{result.records} 条记录，{result.people} 人 → {result.path}")
    return EXIT_OK
