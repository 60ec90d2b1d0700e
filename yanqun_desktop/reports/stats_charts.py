"""The statistics report's charts, drawn with reportlab.graphics (VerticalBarChart,
HorizontalLineChart, Legend): nothing here lays out bars or axes by hand, it only configures
reportlab's charts — sizes, fonts, a print-friendly palette, and axis ranges that suit the data.

Every builder returns a ``Drawing`` (a flowable the width of the text frame) or None when there
is nothing to draw (all zeros, no month with roll-calls): the caller then prints 暂无数据 rather
than an empty frame of axes. Chart text uses the title (黑体) font chain of the document's
``FontSet``; characters no font has are collected in ``ChartText.missing`` as for the text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from yanqun_desktop.reports.fonts import FontSet
from yanqun_desktop.services.statistics import Breakdown, Count, MonthAttendance

LABEL_SIZE = 8
TOP_PAD = 20  # room above the plot for the unit label and the value labels on the tallest bar
SINGLE = colors.HexColor("#2f5597")  # one series: a dark blue that prints as a mid grey
UNKNOWN = colors.HexColor("#bfbfbf")  # 未填 and the like: grey, apart from the ordered colours
AXIS = colors.HexColor("#555555")
GRID = colors.HexColor("#dddddd")
# An ordered ramp (light to dark): the categories drawn here are ordered (age bands, education,
# stages, honour levels), and lightness keeps them apart on a black-and-white office printer.
RAMP = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041a3d")


@dataclass
class ChartText:
    """The fonts chart labels are drawn with, and the characters no font could draw."""

    fonts: FontSet
    missing: set[str] = field(default_factory=set)

    def font(self, text: str) -> str:
        """The face that draws all of ``text``: a chart string has one font, so a label the
        primary face lacks a character of is drawn with the fallback face that has it."""
        names = {name for name, _ in self.fonts.runs(text, "title", self.missing)}
        return names.pop() if len(names) == 1 else self.fonts.title

    def width(self, text: str, size: float = LABEL_SIZE) -> float:
        return stringWidth(text, self.font(text), size)


def ramp(n: int) -> list[colors.Color]:
    """``n`` colours from the ramp, spread over its whole range."""
    if n <= 0:
        return []
    if n == 1:
        return [SINGLE]
    picks = [round(i * (len(RAMP) - 1) / (n - 1)) for i in range(n)] if n <= len(RAMP) else list(range(n))
    return [colors.HexColor(RAMP[min(i, len(RAMP) - 1)]) for i in picks]


def nice_axis(top: float, *, integer: bool = True) -> tuple[float, float]:
    """(maximum, step) for a value axis from 0: about five steps of 1, 2 or 5 x 10^k (whole
    numbers for counts, so the axis never reads 0.5 人)."""
    top = max(top, 1.0)
    raw = top / 5
    exp = math.floor(math.log10(raw))
    step = next(m * 10**exp for m in (1, 2, 5, 10) if m * 10**exp >= raw)
    if integer:
        step = max(1, round(step))
    return math.ceil(top / step) * step, step


def _style_value_axis(axis: object, text: ChartText, top: float, *, fmt: object = "%d") -> None:
    maximum, step = nice_axis(top)
    axis.valueMin, axis.valueMax, axis.valueStep = 0, maximum, step  # type: ignore[attr-defined]
    axis.labels.fontName = text.fonts.title  # type: ignore[attr-defined]
    axis.labels.fontSize = LABEL_SIZE  # type: ignore[attr-defined]
    axis.labelTextFormat = fmt  # type: ignore[attr-defined]
    axis.strokeColor = AXIS  # type: ignore[attr-defined]
    axis.visibleGrid = True  # type: ignore[attr-defined]
    axis.gridStrokeColor = GRID  # type: ignore[attr-defined]
    axis.gridStrokeWidth = 0.4  # type: ignore[attr-defined]


def _label_width(text: ChartText, names: Sequence[str]) -> float:
    return max((text.width(n) for n in names), default=0.0)


def _style_category_axis(axis: object, text: ChartText, names: Sequence[str], slot: float) -> float:
    """Category labels under the bars, turned 35° when they would run into each other; returns
    the height they need below the axis."""
    axis.categoryNames = list(names)  # type: ignore[attr-defined]
    axis.strokeColor = AXIS  # type: ignore[attr-defined]
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontSize = LABEL_SIZE
    labels.fontName = text.fonts.title
    for i, name in enumerate(names):
        labels[i].fontName = text.font(name)
    widest = _label_width(text, names)
    if widest <= slot * 0.92:
        labels.boxAnchor, labels.dy = "n", -3
        return LABEL_SIZE + 8
    labels.angle, labels.boxAnchor, labels.dx, labels.dy = 35, "ne", 2, -3
    return widest * math.sin(math.radians(35)) + LABEL_SIZE + 8


def _legend(text: ChartText, pairs: list[tuple[colors.Color, str]], x: float, top: float) -> Legend:
    legend = Legend()
    legend.colorNamePairs = pairs
    legend.x, legend.y = x, top
    legend.alignment = "right"  # the swatch left of its text
    legend.boxAnchor = "nw"
    legend.fontName = text.font("".join(name for _, name in pairs))
    legend.fontSize = LABEL_SIZE
    legend.columnMaximum = len(pairs)  # one column, beside the chart
    legend.dx = legend.dy = 7
    legend.deltay = 11
    legend.dxTextSpace = 4
    legend.strokeColor = None
    return legend


def legend_width(text: ChartText, names: Sequence[str]) -> float:
    return _label_width(text, names) + 7 + 4 + 8


def breakdown_chart(b: Breakdown, text: ChartText, width: float, height: float = 170, *,
                    labels: dict[str, str] | None = None, unit: str = "人") -> Drawing | None:
    """One street: a bar per category. Several streets: a stacked bar per street, one colour per
    category (categories nobody is in are left out of the legend). None when everything is 0."""
    totals = b.totals
    if not b.rows or not any(totals):
        return None
    short = labels or {}
    if len(b.rows) == 1:
        keep = [i for i, c in enumerate(b.categories) if totals[i] or c.key != "unknown"]
        names = [short.get(b.categories[i].key, b.categories[i].label) for i in keep]
        return _bars([[b.rows[0].counts[i] for i in keep]], names, [SINGLE], text, width, height, unit=unit,
                     value_labels=True)
    keep = [i for i in range(len(b.categories)) if totals[i]]
    series = [[r.counts[i] for r in b.rows] for i in keep]
    names = [r.street_name for r in b.rows]
    fills = ramp(len(keep))
    fills = [UNKNOWN if b.categories[i].key == "unknown" else f for i, f in zip(keep, fills, strict=True)]
    legend = [(f, short.get(b.categories[i].key, b.categories[i].label)) for i, f in zip(keep, fills, strict=True)]
    return _bars(series, names, fills, text, width, height, unit=unit, stacked=True, legend=legend)


def counts_chart(counts: Sequence[Count], text: ChartText, width: float, height: float = 150, *,
                 unit: str = "人") -> Drawing | None:
    """A bar per count, in the given order (e.g. the camp pipeline 种子遴选 → 育苗特训 → 成材使用)."""
    if not any(c.value for c in counts):
        return None
    return _bars([[c.value for c in counts]], [c.label for c in counts], [SINGLE], text, width, height, unit=unit,
                 value_labels=True)


def _bars(series: list[list[int]], names: list[str], fills: list[colors.Color], text: ChartText, width: float,
          height: float, *, unit: str, stacked: bool = False, value_labels: bool = False,
          legend: list[tuple[colors.Color, str]] | None = None) -> Drawing:
    d = Drawing(width, height)
    chart = VerticalBarChart()
    right = legend_width(text, [n for _, n in legend]) + 6 if legend else 6
    top = max(sum(col) for col in zip(*series, strict=True)) if stacked else max(max(s) for s in series)
    left = max(26.0, text.width(str(nice_axis(top)[0])) + 12)  # room for the widest value label
    chart.x, chart.width = left, width - left - right
    slot = chart.width / max(1, len(names))
    below = _style_category_axis(chart.categoryAxis, text, names, slot)
    chart.y, chart.height = below, height - below - TOP_PAD
    chart.data = series
    _style_value_axis(chart.valueAxis, text, top)
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing = 1
    chart.groupSpacing = max(4.0, slot * (0.45 if len(names) > 2 else 0.6))
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = colors.white if stacked else None
        chart.bars[i].strokeWidth = 0.3
    if value_labels:
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = text.fonts.title
        chart.barLabels.fontSize = LABEL_SIZE
        chart.barLabels.nudge = 6
    d.add(chart)
    d.add(_unit_label(text, unit, height))
    if legend:
        d.add(_legend(text, legend, width - right + 6, chart.y + chart.height))
    return d


def month_range(months: Sequence[MonthAttendance]) -> list[tuple[int, int]]:
    """Every month from the first to the last given one, so that the axis runs evenly in time
    (a break between two cohorts shows as a stretch without dots, not as adjacent months)."""
    if not months:
        return []
    (y, m), last = (months[0].year, months[0].month), (months[-1].year, months[-1].month)
    out = []
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def monthly_rate_chart(months: Sequence[MonthAttendance], text: ChartText, width: float,
                       height: float = 180) -> Drawing | None:
    """The attendance rate month by month, as a line with a dot per month with roll-calls.
    The value axis starts near the lowest month (rates sit close to 90 %, and from 0 the line
    would be flat); with many months only every 2nd, 3rd, 6th or 12th month is labelled, on
    round months (January, April, July ...)."""
    shown = [m for m in months if m.attendance.rate is not None]
    if not shown:
        return None
    by_month = {(m.year, m.month): float(m.attendance.rate or 0) * 100 for m in shown}
    span = month_range(shown)
    every = next(k for k in (1, 2, 3, 6, 12, 24) if len(span) / k <= 14 or k == 24)
    names = [f"{y}-{m:02d}" if (m - 1) % every == 0 else "" for y, m in span]
    rates = [by_month.get(ym) for ym in span]
    values = [r for r in rates if r is not None]
    d = Drawing(width, height)
    chart = HorizontalLineChart()
    left, right = 34, 10
    chart.x, chart.width = left, width - left - right
    below = _style_category_axis(chart.categoryAxis, text, names, chart.width / len(span) * every)
    chart.y, chart.height = below, height - below - TOP_PAD
    chart.data = [rates]
    chart.joinedLines = 1
    chart.lines[0].strokeColor = SINGLE
    chart.lines[0].strokeWidth = 1.2
    chart.lines[0].symbol = makeMarker("FilledCircle", size=3.5, fillColor=SINGLE, strokeColor=SINGLE)
    low = max(0, math.floor((min(values) - 5) / 10) * 10)
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = low, 100, 10 if 100 - low > 30 else 5
    axis.labels.fontName, axis.labels.fontSize = text.fonts.title, LABEL_SIZE
    axis.labelTextFormat = "%d%%"
    axis.strokeColor, axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = AXIS, True, GRID, 0.4
    chart.categoryAxis.tickDown = 3
    d.add(chart)
    d.add(_unit_label(text, "出勤率", height))
    return d


def _unit_label(text: ChartText, unit: str, height: float) -> String:
    """The value axis's unit, above its labels (clear of the top label)."""
    return String(2, height - LABEL_SIZE, unit, fontName=text.font(unit), fontSize=LABEL_SIZE, fillColor=AXIS)
