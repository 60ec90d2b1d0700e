"""stats [--json] [--street S] [--at DATE] [--out FILE.xlsx]: the dashboard's figures and the
statistics workbook.

Without ``--street`` a street install reports its own street and a district install the whole
district; ``--street 南山区`` asks for everything explicitly."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say


def register(sub: Any) -> None:
    p = sub.add_parser("stats", help="统计数据：人员、培训、课题、荣誉、两委班子结构")
    p.add_argument("--json", action="store_true", help="以一个 JSON 对象输出到标准输出")
    p.add_argument("--street", metavar="S", help="街道代码或名称，如 shahe、沙河街道、沙河；南山区 表示全区")
    p.add_argument("--at", metavar="DATE", help="统计截至日期，如 2021-06-30（默认今天）")
    p.add_argument("--out", metavar="FILE.xlsx", type=Path, help="同时写出统计工作簿（.xlsx）")
    p.set_defaults(handler=cmd_stats)


def cmd_stats(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.domain.validation import ValidationError, parse_date
    from yanqun_desktop.services.errors import NotFound
    from yanqun_desktop.services.lookup import is_district_name
    from yanqun_desktop.services.statistics import compute_statistics

    at = None
    if args.at is not None:
        try:
            at = parse_date(args.at, "统计日期（--at）")
        except ValidationError as e:
            raise CliError(e.message) from None
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise CliError(f"统计工作簿须为 .xlsx 文件：{args.out}")
    db = ctx.open_db()
    street = args.street
    if street is not None and is_district_name(street):
        street = None
    elif street is None and db.is_initialised and not db.org().is_district:
        street = db.org().code
    try:
        stats = compute_statistics(db, street=street, at=at)
    except NotFound as e:
        raise CliError(str(e)) from None
    if args.out is not None:
        from yanqun_desktop.reports.stats_workbook import write_stats_workbook

        try:
            path = write_stats_workbook(stats, args.out)
        except OSError as e:
            raise CliError(f"无法写出统计工作簿 {args.out}：{e.strerror or e}") from None
        say(f"已写出统计工作簿：{path}")
    if args.json:
        print(json.dumps(stats.as_json(), ensure_ascii=False))
    else:
        for line in summary_lines(stats):
            say(line)
    return EXIT_OK


def summary_lines(stats: Any) -> list[str]:
    """The figures as Chinese text, headline first, then the per-street tables in brief."""
    lines = [f"{stats.title}（截至 {stats.at.isoformat()}）"]
    for f in stats.headline():
        lines.append(f"  {f.label}：{format_figure(f.value, f.unit)}")
    p = stats.people
    lines.append("年龄结构：" + "，".join(f"{c.label} {c.value}" for c in p.age_bands.as_counts()))
    lines.append("学历结构：" + "，".join(f"{c.label} {c.value}" for c in p.education.as_counts() if c.value))
    lines.append("课题进度：" + "，".join(f"{c.label} {c.value}" for c in stats.topics.by_stage.as_counts()))
    lines.append("荣誉：" + "，".join(f"{c.label} {c.value}" for c in stats.honours.by_level.as_counts()))
    for y in stats.elected.by_year:
        if y.secretaries or y.committee_members:
            lines.append(f"{y.year}年换届：学员新当选社区党委书记 {y.secretaries} 人，"
                         f"当选两委 {y.committee_members} 人")
    return lines


def format_figure(value: int | float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.1f}%"
    if unit == "pp":
        return f"{value * 100:+.1f} 个百分点"
    if unit == "years":
        return f"{value:+.1f} 岁"
    if unit == "年":
        return f"{value}年"
    if isinstance(value, float):
        return f"{value:.1f} {unit}"
    return f"{value} {unit}"
