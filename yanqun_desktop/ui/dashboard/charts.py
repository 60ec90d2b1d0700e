"""The dashboard's charts, drawn with QtCharts (PySide6-Addons, already shipped for QtPdf, so
no new library in the installer) from the ``Statistics`` the page computed: attendance by month,
people by age band and by education per street, topics by six-step stage, the camp pipeline.
Each chart sits in a card with a button that saves it as a PNG.

Imported when the 图表 tab is first shown, not at start-up (QtCharts costs import time)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from yanqun_desktop.services.statistics.model import Breakdown, Statistics
from yanqun_desktop.ui.widgets.dialog_parts import make_button

CHART_HEIGHT = 300


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def _no_data() -> str:
    return QCoreApplication.translate("DashboardCharts", "No data yet")


def _short(name: str) -> str:
    """沙河街道 → 沙河 on a crowded axis."""
    return name[:-2] if name.endswith("街道") else name


def _value_axis(top: float, label_format: str = "%d") -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(top, 1) * 1.1)
    axis.setLabelFormat(label_format)
    axis.applyNiceNumbers()
    return axis


def stacked_by_street(title: str, breakdown: Breakdown, *, skip: Sequence[str] = ()) -> QChart:
    """Streets along the axis, one stacked segment per category (the breakdown's rows)."""
    chart = _chart(title)
    series = QStackedBarSeries()
    rows = [r for r in breakdown.rows if r.total]
    for i, category in enumerate(breakdown.categories):
        if category.key in skip:
            continue
        bar = QBarSet(category.label)
        bar.append([float(r.counts[i]) for r in rows])
        series.append(bar)
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # category names in full beside the bars
    axis_x = QBarCategoryAxis()
    axis_x.append([_short(r.street_name) for r in rows] or [_no_data()])
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = _value_axis(max((r.total for r in rows), default=0))
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    return chart


def attendance_by_month(stats: Statistics, months: int = 12) -> QChart:
    """Sessions per month (bars) and the attendance rate (line, right axis), the last
    ``months`` months that had sessions."""
    chart = _chart(QCoreApplication.translate("DashboardCharts", "Sessions and attendance rate by month"))
    data = list(stats.training.by_month)[-months:]
    # Month numbers fit under the bars; the title says which months they are.
    labels = [str(m.month) for m in data] or [_no_data()]
    if data:
        chart.setTitle(f"{chart.title()}（{data[0].label} – {data[-1].label}）")
    sessions = QBarSet(QCoreApplication.translate("DashboardCharts", "Sessions"))
    sessions.append([float(m.sessions) for m in data])
    bars = QBarSeries()
    bars.append(sessions)
    chart.addSeries(bars)
    line = QLineSeries()
    line.setName(QCoreApplication.translate("DashboardCharts", "Attendance rate %"))
    for i, m in enumerate(data):
        if m.attendance.rate is not None:
            line.append(i, m.attendance.rate * 100)
    chart.addSeries(line)
    axis_x = QBarCategoryAxis()
    axis_x.append(labels)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(axis_x)
    line.attachAxis(axis_x)
    left = _value_axis(max((m.sessions for m in data), default=0))
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(left)
    right = QValueAxis()
    right.setRange(0, 100)
    right.setLabelFormat("%d%%")
    chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
    line.attachAxis(right)
    return chart


def camp_pipeline(stats: Statistics) -> QChart:
    """The youth camp's pipeline: 种子遴选 → 育苗特训 → 成材使用 (trainees at each stage)."""
    chart = _chart(QCoreApplication.translate("DashboardCharts",
                                              "Youth camp pipeline (selection → training → put to use)"))
    stages = stats.training.camp_stages
    bar = QBarSet(QCoreApplication.translate("DashboardCharts", "People"))
    bar.append([float(c.value) for c in stages])
    series = QBarSeries()
    series.append(bar)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([c.label for c in stages] or [_no_data()])
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = _value_axis(max((c.value for c in stages), default=0))
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().setVisible(False)
    return chart


def age_bands(stats: Statistics) -> QChart:
    title = QCoreApplication.translate("DashboardCharts", "People by age band, per street")
    return stacked_by_street(title, stats.people.age_bands)


def education(stats: Statistics) -> QChart:
    title = QCoreApplication.translate("DashboardCharts", "People by education, per street")
    return stacked_by_street(title, stats.people.education)


def topic_stages(stats: Statistics) -> QChart:
    title = QCoreApplication.translate("DashboardCharts", "Micro-reform topics by stage, per street")
    return stacked_by_street(title, stats.topics.by_stage)


CHARTS = (
    ("attendance", attendance_by_month),
    ("age", age_bands),
    ("education", education),
    ("topics", topic_stages),
    ("camp", camp_pipeline),
)


class ChartCard(QWidget):
    """A chart with its title and a 保存图片 button."""

    saved = Signal(Path)

    def __init__(self, name: str, chart: QChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{name}")
        self.name = name
        self.view = QChartView(chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(CHART_HEIGHT)
        save = make_button(self.tr("Save image…"), f"save_{name}", self.save_image)
        row = QHBoxLayout()
        row.addStretch(1)  # the chart carries its title (also in the saved image)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view)

    def save_image(self) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the chart as an image"),
                                                str(Path.home() / f"{self.view.chart().title()}.png"),
                                                self.tr("PNG image (*.png)"))
        return self.write_png(Path(target)) if target else None

    def write_png(self, path: Path) -> Path | None:
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.view.grab().save(str(path), "PNG"):
            QMessageBox.warning(self, self.tr("Save image"), self.tr("Could not write {0}.").format(path))
            return None
        self.saved.emit(path)
        return path


def build_cards(stats: Statistics, parent: QWidget | None = None) -> list[ChartCard]:
    return [ChartCard(name, make(stats), parent) for name, make in CHARTS]
