"""The statistics workbook (南山区社区人才培养情况统计 / <街道>社区人才培养情况统计).

Five sheets — 总览, 人员, 培训, 课题, 荣誉 — each a stack of small tables under a title, with
native Excel charts (openpyxl.chart) next to the tables they draw, so a clerk can restyle or
copy them. openpyxl is imported here only, and this module only when a workbook is written.
The file is written beside the target and moved into place, so a failed write never leaves a
half-written workbook under the final name."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from yanqun_desktop.reports.files import save_workbook
from yanqun_desktop.services.statistics import Breakdown, Rate, Statistics

PERCENT, DECIMAL, INTEGER, DATE = "0.0%", "0.0", "0", "yyyy-mm-dd"
HEADER_FILL = "DDEBF7"
TOTAL_LABEL = "合计"


def write_stats_workbook(stats: Statistics, out_path: Path | str) -> Path:
    """Write the workbook for ``stats`` to ``out_path`` (.xlsx) and return the path."""
    from openpyxl import Workbook

    out = Path(out_path)
    wb = Workbook()
    book = _Book(wb, stats)
    book.overview()
    book.people()
    book.training()
    book.topics()
    book.honours()
    return save_workbook(wb, out)


def _text_width(value: Any) -> int:
    """Display width in Excel's character units: a CJK character is two."""
    text = value if isinstance(value, str) else ("" if value is None else f"{value:.1f}" if isinstance(value, float)
                                                  else str(value))
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Sheet:
    """One worksheet being filled from the top: a title, then tables one under another."""

    def __init__(self, book: _Book, title: str, *, first: bool = False) -> None:
        from openpyxl.styles import Font

        self.ws = book.wb.active if first else book.wb.create_sheet()
        self.ws.title = title
        self.stats = book.stats
        self.widths: dict[int, int] = {}
        self.ws.cell(1, 1, f"{book.stats.title}（{title}）").font = Font(bold=True, size=14)
        scope = "8个街道" if book.stats.is_district else book.stats.scope_name
        self.ws.cell(2, 1, f"统计日期：{book.stats.at.isoformat()}    统计范围：{scope}")
        self.row = 4
        self.frozen = False

    def table(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              formats: Sequence[str | None] = (), *, total: Sequence[Any] | None = None) -> tuple[int, int]:
        """Write a titled table; returns (first data row, last data row incl. the total row).
        ``formats`` gives a number format per column (None: as is). The first table's header
        row is frozen, so the headings stay in view while scrolling."""
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        ws = self.ws
        ws.cell(self.row, 1, title).font = Font(bold=True, size=12)
        self.row += 1
        thin = Side(style="thin", color="999999")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for col, text in enumerate(headers, start=1):
            cell = ws.cell(self.row, col, text)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
            self._measure(col, text)
        if not self.frozen:
            ws.freeze_panes = ws.cell(self.row + 1, 1)
            ws.print_title_rows = f"{self.row}:{self.row}"
            self.frozen = True
        first = self.row + 1
        body = [*rows, *([total] if total is not None else [])]
        for r, values in enumerate(body, start=first):
            for col, value in enumerate(values, start=1):
                cell = ws.cell(r, col, value)
                cell.border = border
                fmt = formats[col - 1] if col - 1 < len(formats) else None
                if fmt and isinstance(value, int | float):
                    cell.number_format = fmt
                if total is not None and r == first + len(body) - 1:
                    cell.font = Font(bold=True)
                self._measure(col, value)
        last = first + len(body) - 1
        self.row = max(last, first) + 2
        return first, last

    def breakdown(self, title: str, b: Breakdown, *, with_total_column: bool = True) -> tuple[int, int]:
        """A per-street table; a 合计 row when several streets are shown."""
        headers = ["街道", *(c.label for c in b.categories), *([TOTAL_LABEL] if with_total_column else [])]
        rows = [[r.street_name, *r.counts, *([r.total] if with_total_column else [])] for r in b.rows]
        total = None
        if len(b.rows) > 1:
            total = [TOTAL_LABEL, *b.totals, *([sum(b.totals)] if with_total_column else [])]
        return self.table(title, headers, rows, [None] + [INTEGER] * (len(headers) - 1), total=total)

    def chart(self, chart: Any, anchor_row: int, anchor_col: int = 0) -> None:
        from openpyxl.utils import get_column_letter

        col = anchor_col or (max(self.widths, default=1) + 2)
        chart.width, chart.height = 16, 7.5
        self.ws.add_chart(chart, f"{get_column_letter(col)}{anchor_row}")

    def _measure(self, col: int, value: Any) -> None:
        self.widths[col] = max(self.widths.get(col, 0), _text_width(value))

    def finish(self, *, landscape: bool = False) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.ws
        for col, width in self.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = max(8, min(40, width + 2))
        ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 14)
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def _bar(title: str, ws: Any, label_col: int, value_col: int, first: int, last: int, *, y_title: str = "",
         horizontal: bool = False) -> Any:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.legend = None
    chart.add_data(Reference(ws, min_col=value_col, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=label_col, min_row=first, max_row=last))
    return chart


def _rate_cells(rate: Rate) -> list[Any]:
    return [rate.recorded, rate.attended, rate.leave, rate.absent, rate.rate if rate.rate is not None else "—"]


RATE_HEADERS = ["记录人次", "出勤人次（出席+迟到）", "请假", "缺席", "出勤率"]
RATE_FORMATS = [INTEGER, INTEGER, INTEGER, INTEGER, PERCENT]


class _Book:
    def __init__(self, wb: Any, stats: Statistics) -> None:
        self.wb = wb
        self.stats = stats

    def overview(self) -> None:
        st = self.stats
        sheet = _Sheet(self, "总览", first=True)
        rows, formats = [], []
        for f in st.headline():
            value, unit, fmt = _figure(f.value, f.unit)
            rows.append([f.label, value, unit])
            formats.append(fmt)
        first, _ = sheet.table("主要指标", ["指标", "数值", "单位"], rows, [None, None, None])
        for i, fmt in enumerate(formats):
            if fmt:
                sheet.ws.cell(first + i, 2).number_format = fmt
        profiles = st.committees.profiles
        prof_rows = []
        for i, p in enumerate(profiles):
            prev = profiles[i - 1] if i else None
            age_change = (p.average_age - prev.average_age
                          if prev and p.average_age is not None and prev.average_age is not None else "—")
            share_change = ((p.bachelor_share - prev.bachelor_share) * 100
                            if prev and p.bachelor_share is not None and prev.bachelor_share is not None else "—")
            prof_rows.append([p.label, p.terms, p.members, _or_dash(p.average_age), age_change, p.bachelor,
                              _or_dash(p.bachelor_share), share_change])
        sheet.table("社区“两委”班子结构（换届时成员的周岁年龄与学历）",
                    ["换届", "社区数", "成员人数", "平均年龄（岁）", "较上届（岁）", "本科以上人数", "本科以上占比",
                     "较上届（百分点）"],
                    prof_rows, [None, INTEGER, INTEGER, DECIMAL, "+0.0;-0.0;0.0", INTEGER, PERCENT, "+0.0;-0.0;0.0"])
        sheet.table("学员当选与任职（按年度）",
                    ["年度", "新当选社区党委书记的学员", "当选两委的学员", "任新职务的学员", "档案记载：当选",
                     "档案记载：任职"],
                    [[f"{y.year}年", y.secretaries, y.committee_members, y.new_positions, y.archive_elections,
                      y.archive_appointments] for y in st.elected.by_year],
                    [None, *[INTEGER] * 5])
        sheet.finish()

    def people(self) -> None:
        p = self.stats.people
        sheet = _Sheet(self, "人员")
        sheet.breakdown("人员类别（按街道）", p.roles, with_total_column=False)
        first, last = sheet.breakdown("年龄结构（周岁，按街道）", p.age_bands)
        label_row = last  # the 合计 row (or the street's own row) feeds the chart
        sheet.chart(_series_chart("年龄结构", sheet.ws, first - 1, label_row, len(p.age_bands.categories), "人数"),
                    first - 1)
        first, last = sheet.breakdown("学历结构（按街道）", p.education)
        sheet.chart(_pie("学历结构", sheet.ws, first - 1, last, len(p.education.categories)), first - 1)
        sheet.breakdown("四类社区人才（按街道）", p.talents)
        sheet.table("师资（按类别）" if self.stats.is_district else "授课师资（按类别）", ["类别", "人数"],
                    [[c.label, c.value] for c in p.tutors], [None, INTEGER],
                    total=[TOTAL_LABEL, sum(c.value for c in p.tutors)])
        avg = "—" if p.average_age is None else round(p.average_age, 1)
        sheet.table("在册人员", ["人数", "平均年龄（岁）"], [[p.people, avg]], [INTEGER, DECIMAL])
        sheet.finish(landscape=True)

    def training(self) -> None:
        t = self.stats.training
        sheet = _Sheet(self, "培训")
        sheet.table(
            "期次",
            ["类别", "期次", "街道", "开班日期", "结业日期", "学员", "中途退出", "工作人员", "课程活动（场）", "学时",
             *RATE_HEADERS],
            [[c.kind_label, c.name, c.street_name or "区级", c.start_date, c.end_date, c.trainees, c.left, c.staff,
              c.sessions, c.hours, *_rate_cells(c.attendance)] for c in t.cohorts],
            [None, None, None, DATE, DATE, INTEGER, INTEGER, INTEGER, INTEGER, DECIMAL, *RATE_FORMATS],
        )
        rows = [[s.street_name, s.sessions, s.hours, *_rate_cells(s.attendance)] for s in t.by_street]
        total = [TOTAL_LABEL, t.sessions, t.hours, *_rate_cells(t.attendance)] if len(rows) > 1 else None
        sheet.table("课程活动与出勤（按街道）", ["街道", "课程活动（场）", "学时", *RATE_HEADERS], rows,
                    [None, INTEGER, DECIMAL, *RATE_FORMATS], total=total)
        sheet.table("课程活动（按类型）", ["类型", "场次"], [[c.label, c.value] for c in t.sessions_by_kind],
                    [None, INTEGER], total=[TOTAL_LABEL, t.sessions])
        first, last = sheet.table("出勤（按月）", ["月份", "课程活动（场）", *RATE_HEADERS],
                                  [[m.label, m.sessions, *_rate_cells(m.attendance)] for m in t.by_month],
                                  [None, INTEGER, *RATE_FORMATS])
        if t.by_month:
            sheet.chart(_line("出勤率（按月）", sheet.ws, first, last, rate_col=7), first - 1)
        first, last = sheet.table("青训营培养阶段（在营学员）", ["阶段", "人数"],
                                  [[c.label, c.value] for c in t.camp_stages], [None, INTEGER])
        sheet.chart(_bar("青训营“种子遴选—育苗特训—成材使用”", sheet.ws, 1, 2, first, last, y_title="人数"),
                    first - 1)
        sheet.table("青训营学员层级（在营学员）", ["层级", "人数"], [[c.label, c.value] for c in t.camp_tiers],
                    [None, INTEGER])
        sheet.finish(landscape=True)

    def topics(self) -> None:
        tp = self.stats.topics
        sheet = _Sheet(self, "课题")
        first, last = sheet.breakdown("微改革课题进度（六步工作法，按街道）", tp.by_stage)
        sheet.chart(_series_chart("课题进度", sheet.ws, first - 1, last, len(tp.by_stage.categories), "课题数"),
                    first - 1)
        sheet.table("课题（按年度）", ["年度", "课题数"], [[c.label, c.value] for c in tp.by_year], [None, INTEGER],
                    total=[TOTAL_LABEL, tp.total])
        sheet.table("课题（按来源）", ["来源", "课题数"], [[c.label, c.value] for c in tp.by_origin], [None, INTEGER])
        sheet.finish(landscape=True)

    def honours(self) -> None:
        h = self.stats.honours
        sheet = _Sheet(self, "荣誉")
        first, last = sheet.breakdown("荣誉（按级别、街道）", h.by_level)
        sheet.chart(_series_chart("荣誉级别", sheet.ws, first - 1, last, len(h.by_level.categories), "项"),
                    first - 1)
        sheet.table("治理案例（按年度）", ["年度", "案例数"], [[c.label, c.value] for c in h.cases_by_year],
                    [None, INTEGER], total=[TOTAL_LABEL, h.cases])
        sheet.table("治理案例（按街道）", ["街道", "案例数"], [[c.label, c.value] for c in h.cases_by_street],
                    [None, INTEGER])
        sheet.finish(landscape=True)


def _figure(value: int | float | None, unit: str) -> tuple[Any, str, str | None]:
    """A headline value as a cell: (value, unit text, number format)."""
    if value is None:
        return "—", "", None
    if unit == "%":
        return value, "", PERCENT
    if unit == "pp":
        return value * 100, "个百分点", "+0.0;-0.0;0.0"
    if unit == "years":
        return value, "岁", "+0.0;-0.0;0.0"
    if unit == "岁" or isinstance(value, float):
        return value, unit, DECIMAL
    return value, unit, INTEGER if unit != "年" else "0"


def _or_dash(value: float | None) -> Any:
    return "—" if value is None else value


def _series_chart(title: str, ws: Any, header_row: int, row: int, count: int, y_title: str) -> Any:
    """A column chart of one table row (the 合计 row, or the street's row) over its categories."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, max_col=1 + count, min_row=row), from_rows=True, titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=2, max_col=1 + count, min_row=header_row))
    return chart


def _pie(title: str, ws: Any, header_row: int, row: int, count: int) -> Any:
    from openpyxl.chart import PieChart, Reference
    from openpyxl.chart.label import DataLabelList

    chart = PieChart()
    chart.title = title
    chart.add_data(Reference(ws, min_col=2, max_col=1 + count, min_row=row), from_rows=True, titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=2, max_col=1 + count, min_row=header_row))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showPercent = True
    return chart


def _line(title: str, ws: Any, first: int, last: int, *, rate_col: int) -> Any:
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = title
    chart.y_axis.title = "出勤率"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.legend = None
    chart.add_data(Reference(ws, min_col=rate_col, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    return chart
