"""package reporting: which streets have reported this month (district)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say

STATE_TEXT = {"on-time": "✓", "late": "◐", "missing": "✗", "future": "·"}


def register(verbs: Any) -> None:
    rep = verbs.add_parser("reporting", help="区级：各街道报送情况（最近数据包、本年各月、本月是否逾期）")
    rep.add_argument("--json", action="store_true", help="每个街道一个 JSON 对象，输出到标准输出")
    rep.add_argument("--due-day", type=int, metavar="N", help="设置每月报送截止日（1–28）")
    rep.set_defaults(handler=cmd_reporting)


def cmd_reporting(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.reporting import due_day, reporting_status, set_due_day

    db = ctx.open_db()
    if not db.org().is_district:
        raise CliError("报送情况只在区级数据库中查看。")
    if args.due_day is not None:
        try:
            set_due_day(db, ctx.actor(), args.due_day)
        except (ServiceError, PermissionDenied) as e:
            raise CliError(str(e)) from None
        say(f"已设置每月报送截止日：{args.due_day} 日")
    status = reporting_status(db)
    if args.json:
        for r in status:
            print(json.dumps({
                "street": r.code, "name": r.name, "last_seq": r.last_seq,
                "last_created": r.last_created.isoformat() if r.last_created else None,
                "last_received": r.last_received.isoformat() if r.last_received else None,
                "last_rows": r.last_rows, "last_tables": r.last_tables, "app_version": r.app_version,
                "packages_this_year": r.packages_this_year, "overdue": r.overdue, "never": r.never,
                "months": {m.month: m.state for m in r.months},
            }, ensure_ascii=False))
        return EXIT_OK
    say(f"每月 {due_day(db)} 日前报送；✓ 按时　◐ 逾期报送　✗ 未报送　· 未到期")
    for r in status:
        marks = "".join(STATE_TEXT[m.state] for m in r.months)
        state = "从未报送" if r.never else ("本月逾期" if r.overdue else "按时")
        last = f"第 {r.last_seq} 号，{r.last_received:%Y-%m-%d} 收到，{r.last_rows} 条" if r.last_received else "—"
        say(f"{r.name}  {state}  {marks}  最近：{last}  版本 {r.app_version or '—'}")
    return EXIT_OK
