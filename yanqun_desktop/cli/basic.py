"""init, demo, info, check, selftest."""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

from yanqun_desktop.cli.context import (
    EXIT_OK,
    EXIT_PROBLEMS,
    PASSWORD_ENV,
    CliContext,
    CliError,
    read_secret,
    say,
)


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="创建或升级数据库，并指定本机所属单位")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--street", metavar="S", help="街道代码或名称，如 shahe、沙河街道、沙河")
    who.add_argument("--district", metavar="D", help="区级（南山区 或 nanshan-district）")
    p.add_argument("--admin", metavar="LOGIN", default="admin",
                   help="首个管理员的账户名（默认 admin；密码取自 YANQUN_PASSWORD 或提示输入）")
    p.add_argument("--admin-name", metavar="NAME", help="管理员姓名（操作日志中显示，默认同账户名）")
    p.set_defaults(handler=cmd_init, sign_in=False)

    p = sub.add_parser("demo", help="生成演示数据（拒绝含有正式数据的数据库）")
    p.add_argument("--scale", type=int, metavar="PEOPLE", help="每个街道的人数")
    p.add_argument("--attendance-per-person", type=int, metavar="K", help="每人平均考勤记录数")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（相同种子生成相同数据）")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("info", help="数据库概况：所属单位、架构版本、各表记录数")
    p.add_argument("--json", action="store_true", help="以 JSON 输出到标准输出")
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("check", help="检查数据库：完整性、外键、孤立记录、同步字段")
    p.add_argument("--repair", action="store_true", help="先备份，再修复可安全修复的问题，其余列出")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("selftest", help="无界面自检：打开数据库、离屏渲染主窗口")
    p.set_defaults(handler=cmd_selftest)


def cmd_init(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.setup import initialise

    db = ctx.open_db()
    try:
        org = initialise(db, args.street or args.district)
    except ServiceError as e:
        raise CliError(str(e)) from None
    say(f"已就绪：{org.name}（{org.code}），数据库 {db.path or db.url}")
    from yanqun_desktop.services.accounts import create_first_admin, has_accounts

    if not has_accounts(db):
        password = read_secret(PASSWORD_ENV, f"为管理员 {args.admin} 设置密码：", confirm=True)
        try:
            admin, code = create_first_admin(db, args.admin, args.admin_name or args.admin, password)
        except ServiceError as e:
            raise CliError(str(e)) from None
        say(f"已创建管理员账户 {admin.login}。恢复码（只显示这一次，请抄写并锁进柜子；忘记密码时用它重设）：")
        say(f"    {code}")
    return EXIT_OK


def cmd_demo(ctx: CliContext, args: argparse.Namespace) -> int:
    actor = ctx.actor()  # signing in made the separate demo database on first use (CliContext.actor)
    from yanqun_desktop.services.demo import DemoRefusedError, generate_demo

    db = ctx.open_db()
    started = time.perf_counter()

    def progress(label: str, fraction: float) -> None:
        say(f"[{fraction * 100:5.1f}%] {label}")

    try:
        summary = generate_demo(
            db,
            actor_name=actor.name,
            org_code=actor.org_code,
            scale=args.scale,
            attendance_per_person=args.attendance_per_person,
            seed=args.seed,
            progress=progress,
        )
    except DemoRefusedError as e:
        raise CliError(str(e)) from None
    counts = getattr(summary, "counts", {})
    say(
        f"演示数据已生成（{time.perf_counter() - started:.1f} 秒）："
        f"{counts.get('people', 0)} 人、{counts.get('attendance', 0)} 条考勤记录。"
    )
    return EXIT_OK


def cmd_info(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.info import database_info

    info = database_info(ctx.open_db())
    if args.json:
        print(json.dumps(info.as_json(), ensure_ascii=False))
        return EXIT_OK
    org = f"{info.org_name}（{info.org_code}）" if info.org_code else "未初始化"
    say(f"雁群 {info.app_version}  数据库架构 {info.schema}  单位：{org}{'  【演示数据】' if info.demo else ''}")
    say(f"数据库：{info.location}")
    width = max(len(t) for t in info.counts)
    for table, n in info.counts.items():
        say(f"  {table:<{width}}  {n:>9}")
    return EXIT_OK


def cmd_check(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.check import check_database

    db = ctx.open_db()
    report = check_database(db, ctx.actor())
    if report.ok:
        say(f"检查完毕：{report.checked_tables} 张表，未发现问题。")
        return EXIT_OK
    if args.repair and report.repairable:
        from yanqun_desktop.services.check import repair_database
        from yanqun_desktop.services.errors import ServiceError

        try:
            repaired = repair_database(db, ctx.actor())
        except ServiceError as e:
            raise CliError(str(e)) from None
        say(f"修复前已备份：{repaired.backup.path}")
        for line in repaired.repaired:
            say(f"  已修复：{line}")
        report = repaired.remaining
        if report.ok:
            say("修复后检查：未发现问题。")
            return EXIT_OK
    say(f"检查发现 {len(report.problems)} 个问题" + ("（未做修复）：" if not args.repair else "（需人工处理）："))
    for problem in report.found:
        hint = "（可用 --repair 修复）" if problem.repairable and not args.repair else ""
        say(f"  - {problem.message}{hint}")
    return EXIT_PROBLEMS


def cmd_selftest(ctx: CliContext, args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from yanqun_desktop.services.info import database_info

    db = ctx.open_db()
    if not db.is_initialised:
        raise CliError("自检需要已初始化的数据库：请先运行 yanqun init。")
    info = database_info(db)
    from yanqun_desktop.ui.app import selftest_window

    title = selftest_window(db, ctx.settings, ctx.actor())
    printed = _selftest_pdf(db)
    people = info.counts.get("people", 0)
    say(f"自检通过：数据库架构 {info.schema}，{people} 人；主窗口「{title}」已离屏渲染；{printed}。")
    return EXIT_OK


def _selftest_pdf(db: Any) -> str:
    """Print a growth archive (the first trainee's, else a blank person's page of fonts) to a
    temporary PDF and read the page count back: proves reportlab, the fonts and the writer."""
    import tempfile
    from pathlib import Path

    from yanqun_desktop.reports.archive_data import all_person_ids
    from yanqun_desktop.reports.fonts import font_set

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "selftest.pdf"
        ids = all_person_ids(db)[:1]
        if ids:
            from yanqun_desktop.reports.archive_pdf import write_archive_pdf

            result = write_archive_pdf(db, ids, target)
            return f"成长档案 PDF 已生成（{result.pages} 页）"
        from reportlab.pdfgen import canvas

        fonts = font_set()
        c = canvas.Canvas(str(target))
        fonts.draw_string(c, 72, 720, "雁群自检：成长档案 䶮", 14, role="title")
        c.save()
        if target.stat().st_size == 0:
            raise CliError("自检失败：无法生成 PDF。")
        return f"无学员，已用字体 {fonts.title} 生成测试 PDF"

