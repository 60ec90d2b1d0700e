"""The headline figures as tiles: a label, the value with its unit, a click for the records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from yanqun_desktop.domain.figures import format_figure

if TYPE_CHECKING:  # the statistics package loads when the figures are computed, not at start-up
    from yanqun_desktop.services.statistics.model import Figure

COLUMNS = 4


class FigureTile(QFrame):
    clicked = Signal(object)  # the Figure

    def __init__(self, figure: Figure, clickable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.clickable = clickable
        self.setObjectName(f"tile_{figure.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: palette(base); border-radius: 4px; }")
        self.value_label = QLabel(format_figure(figure.value, figure.unit))
        self.value_label.setObjectName("value")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value_label.setFont(font)
        caption = QLabel(figure.label)
        caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.value_label)
        layout.addWidget(caption)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(self.tr("Click to see the records behind this figure"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.figure)
        super().mouseReleaseEvent(event)


class TileGrid(QWidget):
    """Every headline figure, four to a row, in the order ``Statistics.headline()`` gives."""

    figure_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(8)
        self.tiles: dict[str, FigureTile] = {}

    def show_figures(self, figures: tuple[Figure, ...], drillable: Any) -> None:
        for tile in self.tiles.values():
            tile.deleteLater()
        self.tiles = {}
        for i, figure in enumerate(figures):
            tile = FigureTile(figure, drillable(figure.key), self)
            tile.clicked.connect(self.figure_clicked)
            self.grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles[figure.key] = tile
