"""The window around the recommendations list (街道推荐… at the district, 我的推荐… at a street)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.recommendations_page import RecommendationsPage


class RecommendationsDialog(QDialog):
    changed = Signal(object)  # Changes, when a recommendation was taken into the pool

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        district = ctx.org.is_district
        self.setWindowTitle(self.tr("Tutors recommended by the streets") if district
                            else self.tr("Our tutor recommendations"))
        self.page = RecommendationsPage(ctx, self)
        self.page.changed.connect(self._changed)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.page.button_bar.addWidget(close)  # on the right of the page's own buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        self.resize(QSize(1140, 540))
        self.page.load_if_stale()  # a handful of rows: list before the dialog opens

    def _changed(self, changes: Changes) -> None:
        self.page.refresh_if_touched(changes)
        self.changed.emit(changes)
