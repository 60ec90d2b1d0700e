"""A small radar (spider) chart drawn with QPainter: one axis per competency module, values as
fractions of the maximum (0..1), up to a few polygons compared, with a legend. No chart library."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = (QColor("#9aa5b1"), QColor("#c0392b"), QColor("#2471a3"), QColor("#27ae60"))
RINGS = 4  # 25 %, 50 %, 75 %, 100 %


@dataclass
class Series:
    name: str
    values: list[float | None]  # one per axis, 0..1; None: not assessed on that axis


class RadarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.axes: list[str] = []
        self.series: list[Series] = []
        self.empty_text = ""
        self.setMinimumSize(QSize(320, 280))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, axes: list[str], series: list[Series]) -> None:
        self.axes = list(axes)
        self.series = list(series)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 360)

    # -- geometry -------------------------------------------------------------------------
    def _point(self, centre: QPointF, radius: float, axis: int, value: float) -> QPointF:
        angle = -math.pi / 2 + 2 * math.pi * axis / max(len(self.axes), 1)
        return QPointF(centre.x() + radius * value * math.cos(angle), centre.y() + radius * value * math.sin(angle))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        if len(self.axes) < 3 or not self.series:
            p.setPen(QColor("#808080"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        legend_h = metrics.height() + 10
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8 - legend_h)
        label_w = max(metrics.horizontalAdvance(a) for a in self.axes)
        radius = max(20.0, min(area.width() / 2 - label_w - 8, area.height() / 2 - metrics.height() - 6))
        centre = area.center()
        n = len(self.axes)

        grid = QPen(QColor("#d0d4d9"))
        p.setPen(grid)
        for ring in range(1, RINGS + 1):
            p.drawPolygon(QPolygonF([self._point(centre, radius, i, ring / RINGS) for i in range(n)]))
        for i in range(n):
            p.drawLine(centre, self._point(centre, radius, i, 1.0))
        p.setPen(QColor("#909090"))
        for ring in range(1, RINGS + 1):
            at = self._point(centre, radius, 0, ring / RINGS)
            p.drawText(QPointF(at.x() + 3, at.y() + metrics.ascent() / 2), f"{100 * ring // RINGS}%")

        p.setPen(self.palette().text().color())
        for i, name in enumerate(self.axes):
            at = self._point(centre, radius + 8, i, 1.0)
            w = metrics.horizontalAdvance(name)
            x = at.x() - w / 2
            if at.x() > centre.x() + 1:
                x = at.x()
            elif at.x() < centre.x() - 1:
                x = at.x() - w
            y = at.y() + metrics.ascent() / 2
            if at.y() < centre.y() - radius * 0.9:
                y = at.y()
            elif at.y() > centre.y() + radius * 0.9:
                y = at.y() + metrics.ascent()
            p.drawText(QPointF(x, y), name)

        for k, s in enumerate(self.series):
            colour = PALETTE[(k + (1 if len(self.series) == 1 else 0)) % len(PALETTE)]
            fill = QColor(colour)
            fill.setAlpha(50)
            pen = QPen(colour, 2)
            if k == 0 and len(self.series) > 1:
                pen.setStyle(Qt.PenStyle.DashLine)
            points = [self._point(centre, radius, i, max(0.0, min(v or 0.0, 1.0))) for i, v in enumerate(s.values)]
            p.setPen(pen)
            p.setBrush(fill)
            p.drawPolygon(QPolygonF(points))
            p.setBrush(colour)
            for pt in points:
                p.drawEllipse(pt, 2.5, 2.5)

        # Legend, centred under the chart.
        p.setBrush(Qt.BrushStyle.NoBrush)
        widths = [metrics.horizontalAdvance(s.name) + 34 for s in self.series]
        x = self.width() / 2 - sum(widths) / 2
        y = self.height() - legend_h / 2 - 4
        for k, s in enumerate(self.series):
            colour = PALETTE[(k + (1 if len(self.series) == 1 else 0)) % len(PALETTE)]
            pen = QPen(colour, 3)
            if k == 0 and len(self.series) > 1:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, y), QPointF(x + 20, y))
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x + 24, y + metrics.ascent() / 2 - 1), s.name)
            x += widths[k]
        p.end()
