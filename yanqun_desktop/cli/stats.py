"""stats [--json] [--street S] [--at DATE] [--compare DATE] [--out FILE.xlsx|FILE.pdf]: the
dashboard's figures, the statistics workbook and the printable statistics report.

Without ``--street`` a street install reports its own street and a district install the whole
district; ``--street 南山区`` asks for everything explicitly. ``--compare`` computes the same
scope at another date: the headline figures are shown side by side with the change (the
``--at`` figure minus the ``--compare`` one), in the text, in the PDF's headline table and as
a "compare" object in --json (the other keys are those without --compare)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say
from yanqun_desktop.domain.figures import figure_change, format_change, format_figure

OUT_KINDS = {".xlsx": "统计工作簿", ".pdf": "统计报告"}

__all__ = ["format_figure", "register", "summary_lines"]


def register(sub: Any) -> None:
    p = sub.add_parser("stats", help="统计数据：人员、培训、课题、荣誉、两委班子结构；可写出统计工作簿或统计报告")
    p.add_argument("--json", action="store_true", help="以一个 JSON 对象输出到标准输出")
    p.add_argument("--street", metavar="S", help="街道代码或名称，如 shahe、沙河街道、沙河；南山区 表示全区")
    p.add_argument("--at", metavar="DATE", help="统计截至日期，如 2021-06-30（默认今天）")
    p.add_argument("--compare", metavar="DATE",
                   help="对比日期：同一范围截至该日期的数字与 --at 的并列显示，"
                        "并给出变化（--at 的数值减去对比日期的数值）")
    p.add_argument("--out", metavar="FILE", type=Path,
                   help="同时写出统计文件：.xlsx 为带图表的统计工作簿，.pdf 为可打印的统计报告（含图表）")
    p.set_defaults(handler=cmd_stats)


def _date(text: str | None, field: str) -> Any:
    from yanqun_desktop.domain.validation import ValidationError, parse_date

    if text is None:
        return None
    try:
        return parse_date(text, field)
    except ValidationError as e:
        raise CliError(e.message) from None


def cmd_stats(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.errors import NotFound
    from yanqun_desktop.services.lookup import is_district_name
    from yanqun_desktop.services.statistics import compute_statistics

    at = _date(args.at, "统计日期（--at）")
    compare_at = _date(args.compare, "对比日期（--compare）")
    kind = None
    if args.out is not None:
        kind = OUT_KINDS.get(args.out.suffix.lower())
        if kind is None:
            raise CliError(f"统计文件须为 .xlsx（统计工作簿）或 .pdf（统计报告）：{args.out}")
    db = ctx.open_db()
    street = args.street
    if street is not None and is_district_name(street):
        street = None
    elif street is None and db.is_initialised and not db.org().is_district:
        street = db.org().code
    try:
        stats = compute_statistics(db, street=street, at=at)
        compare = compute_statistics(db, street=street, at=compare_at) if compare_at is not None else None
    except NotFound as e:
        raise CliError(str(e)) from None
    if args.out is not None:
        path = _write(stats, compare, args.out, kind or "")
        say(f"已写出{kind}：{path}")
    if args.json:
        out = stats.as_json()
        if compare is not None:
            out["compare"] = compare_json(stats, compare)
        print(json.dumps(out, ensure_ascii=False))
    else:
        for line in summary_lines(stats, compare):
            say(line)
    return EXIT_OK


def _write(stats: Any, compare: Any, out: Path, kind: str) -> Path:
    try:
        if out.suffix.lower() == ".pdf":
            from yanqun_desktop.reports.stats_report import write_stats_report

            return write_stats_report(stats, out, compare=compare)
        from yanqun_desktop.reports.stats_workbook import write_stats_workbook

        return write_stats_workbook(stats, out)
    except OSError as e:
        raise CliError(f"无法写出{kind} {out}：{e.strerror or e}") from None


def compare_json(stats: Any, compare: Any) -> dict[str, Any]:
    """The figures at the comparison date (the same keys as the top level) and "change": for
    each headline figure, the --at value minus the --compare value (None when either is
    missing, and for calendar years)."""
    out: dict[str, Any] = compare.as_json()
    base = {f.key: f for f in compare.headline()}
    out["change"] = {f.key: figure_change(f.value, base[f.key].value, f.unit) for f in stats.headline()}
    return out


def summary_lines(stats: Any, compare: Any = None) -> list[str]:
    """The figures as Chinese text, headline first (two dates side by side with the change when
    ``compare`` is given), then the per-street tables in brief."""
    if compare is None:
        lines = [f"{stats.title}（截至 {stats.at.isoformat()}）"]
        for f in stats.headline():
            lines.append(f"  {f.label}：{format_figure(f.value, f.unit)}")
    else:
        lines = [f"{stats.title}（截至 {stats.at.isoformat()}，对比 {compare.at.isoformat()}）",
                 f"  指标：{compare.at.isoformat()} → {stats.at.isoformat()}（变化）"]
        base = {f.key: f for f in compare.headline()}
        for f in stats.headline():
            b = base[f.key]
            change = figure_change(f.value, b.value, f.unit)
            tail = f"（{format_change(change, f.unit)}）" if change is not None else ""
            lines.append(f"  {f.label}：{format_figure(b.value, b.unit)} → {format_figure(f.value, f.unit)}{tail}")
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
