"""The printable statistics report (南山区社区人才培养情况统计 / 沙河街道社区人才培养情况统计).

An A4 PDF from a ``Statistics`` object: the title and "截至 2022年6月30日", then 主要数据 (the
headline figures, or two dates side by side with the change when ``compare`` is given), 人员结构,
培训, 微改革课题, 两委班子, 荣誉与案例 — tables and reportlab.graphics charts
(``stats_sections``, ``stats_charts``). Figures only: no names of people, no ID numbers.

Page furniture, fonts and the atomic write are those of the growth archive and the sign-in
sheet (``pdf_parts``): header rule, "第 N 页 共 M 页", per-character font fallback, written to a
temporary name and renamed. The dashboard calls ``write_stats_report`` from a button.

    write_stats_report(stats, Path("统计.pdf"), compare=compute_statistics(db, at=earlier))
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from yanqun_desktop.domain.figures import date_cn, figure_change, format_change, format_figure
from yanqun_desktop.reports.fonts import FontSet, font_set
from yanqun_desktop.reports.pdf_parts import (
    GroupStart,
    Margins,
    PageHeader,
    StreamingDocTemplate,
    Typesetter,
    make_styles,
    numbered_canvas,
    write_atomically,
)
from yanqun_desktop.reports.stats_charts import ChartText
from yanqun_desktop.reports.stats_sections import Sections
from yanqun_desktop.services.statistics import Statistics

log = logging.getLogger(__name__)

# Narrower side margins than GB/T 9704's 28/26 mm: the per-street tables have up to eleven
# columns (8 streets x 9 education levels), which need the 170 mm.
MARGINS = Margins(top=30 * mm, bottom=27 * mm, left=20 * mm, right=20 * mm)
TABLE_FONT_SIZE = 9  # 小五: statistical tables of many columns


def write_stats_report(stats: Statistics, path: Path, *, compare: Statistics | None = None) -> Path:
    """Write the report for ``stats`` to ``path`` (A4 PDF) and return the path. ``compare`` is the
    same scope at another date: the headline table then shows both dates and the change
    (``stats`` minus ``compare``). Raises ValueError when ``compare`` is another scope, OSError
    when the file cannot be written (nothing is left under ``path`` then)."""
    _check_compare(stats, compare)
    return write_atomically(path, lambda tmp: _render(stats, tmp, compare))


def stats_report_bytes(stats: Statistics, *, compare: Statistics | None = None) -> bytes:
    """The same report in memory (an in-app preview)."""
    _check_compare(stats, compare)
    buf = io.BytesIO()
    _render(stats, buf, compare)
    return buf.getvalue()


def _check_compare(stats: Statistics, compare: Statistics | None) -> None:
    if compare is not None and compare.scope_code != stats.scope_code:
        raise ValueError(f"对比的统计须为同一范围：{stats.scope_name} 与 {compare.scope_name}")


def report_styles(fonts: FontSet) -> dict[str, Any]:
    styles = make_styles(fonts)
    for name in ("cell", "cell_center", "cell_head"):
        styles[name] = styles[name].clone(name, fontSize=TABLE_FONT_SIZE, leading=TABLE_FONT_SIZE * 1.35)
    styles["subtitle"] = styles["body"].clone("subtitle", fontSize=14, leading=20, alignment=TA_CENTER,
                                              spaceAfter=2 * mm)
    styles["caption"] = styles["body"].clone("caption", fontName=fonts.title, fontSize=9.5, leading=14,
                                             alignment=TA_CENTER, spaceBefore=1 * mm, spaceAfter=3 * mm)
    styles["empty"] = styles["note"].clone("empty", spaceBefore=1 * mm, spaceAfter=2 * mm)
    styles["remark"] = styles["note"].clone("remark", spaceBefore=1.5 * mm, spaceAfter=1 * mm)
    styles["lead"] = styles["body"].clone("lead", keepWithNext=1, spaceAfter=1 * mm)
    return styles


def _render(stats: Statistics, out: Any, compare: Statistics | None, fonts: FontSet | None = None) -> int:
    fonts = fonts or font_set()
    ts = Typesetter(fonts, styles=report_styles(fonts))
    text = ChartText(fonts)
    doc_missing: set[str] = set()
    subject = f"{stats.title}（截至 {date_cn(stats.at)}）"
    doc = StreamingDocTemplate(out, margins=MARGINS, title=stats.title, author="雁群", creator="雁群 yanqun",
                               subject=subject)
    printed_on = dt.date.today()
    header = PageHeader(stats.title, f"截至 {date_cn(stats.at)}", f"打印日期：{printed_on.isoformat()}")
    story: list[Flowable] = [GroupStart(stats.scope_code, header), *_front(ts, stats, compare)]
    story += _headline(ts, stats, compare, doc.width)
    story += Sections(ts, text, stats, doc.width).story()
    doc.build(story, canvasmaker=numbered_canvas(fonts, MARGINS, missing=doc_missing))
    missing = ts.missing | text.missing | doc_missing
    if missing:
        log.warning("statistics report: %d character(s) have no glyph in any font", len(missing))
    return int(getattr(doc.canv, "page_count", 0) or doc.page)


def _front(ts: Typesetter, stats: Statistics, compare: Statistics | None) -> list[Flowable]:
    scope = "全区 8 个街道" if stats.is_district else stats.scope_name
    lines = [f"统计范围：{scope}"]
    if compare is not None:
        lines.append(f"对比日期：{date_cn(compare.at)}")
    out: list[Flowable] = [
        ts.p(stats.title, "title"),
        ts.p(f"截至 {date_cn(stats.at)}", "subtitle"),
        ts.p("　　".join(lines), "caption"),
    ]
    if stats.people.people == 0 and stats.training.sessions == 0 and stats.topics.total == 0:
        out.append(ts.p("统计范围内暂无数据：尚未录入人员、课程活动或课题。以下各项均为 0 或“暂无数据”。", "empty"))
    return out


def _headline(ts: Typesetter, stats: Statistics, compare: Statistics | None, width: float) -> list[Flowable]:
    out: list[Flowable] = [ts.p("一、主要数据", "h1")]
    figures = stats.headline()
    if compare is None:
        rows = [["指标", "数值"]] + [[f.label, format_figure(f.value, f.unit)] for f in figures]
        widths = [width * 0.62, width * 0.38]
        styles = ["cell", "cell_center"]
    else:
        base = {f.key: f for f in compare.headline()}
        rows = [["指标", f"截至 {date_cn(compare.at)}", f"截至 {date_cn(stats.at)}", "变化"]]
        for f in figures:
            b = base[f.key]
            rows.append([f.label, format_figure(b.value, b.unit), format_figure(f.value, f.unit),
                         format_change(figure_change(f.value, b.value, f.unit), f.unit)])
        widths = [width * 0.40, width * 0.20, width * 0.20, width * 0.20]
        styles = ["cell", "cell_center", "cell_center", "cell_center"]
    out.append(ts.table(rows, widths, styles=styles))
    if compare is not None:
        out.append(ts.p(f"注：“变化”为截至 {date_cn(stats.at)} 的数值减去截至 {date_cn(compare.at)} 的数值；"
                        "占比的变化以百分点计。", "remark"))
    out.append(Spacer(1, 2 * mm))
    return out
