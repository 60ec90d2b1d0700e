"""统计概览: the figures the district reports, at a glance (issue 6).

A street sees its own figures; the district sees all eight streets or one. Figures are computed
by ``services.statistics`` in the background (about a second for the whole district); clicking
a tile lists the records behind it. Tabs: 概览 (tiles), 图表 (QtCharts, built when first shown),
对比 (two dates or two 两委 terms side by side), 报送情况 (district: who reported, who is late).
The printable report (PDF) and the statistics workbook are written from here too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dashboard.comparison import ComparisonView
from yanqun_desktop.ui.dashboard.tiles import TileGrid
from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.pages.page_parts import LazyRefresh, page_heading
from yanqun_desktop.ui.widgets.dates import date_edit, to_date
from yanqun_desktop.ui.widgets.dialog_parts import error_text, make_button


class DashboardPage(QWidget, LazyRefresh):
    changed = Signal(object)  # never emitted: the dashboard only reads
    # Any write may move a figure; the page recomputes when it is next shown.
    TABLES: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.stats: Any = None
        self.chart_cards: list[Any] = []
        self._stale = True
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        if ctx.org.is_district:
            from yanqun_desktop.services.programmes import street_choices

            self.scope.addItem(self.tr("Whole district"), None)
            for _id, name in street_choices(ctx.db):
                self.scope.addItem(name, name)
        else:
            self.scope.addItem(ctx.org.name, ctx.org.code)
            self.scope.setEnabled(False)
        self.at = date_edit(dt.date.today(), "at")
        self._again = False  # the scope or date changed while computing: compute once more after
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.at.editingFinished.connect(self._date_changed)
        refresh = make_button(self.tr("Refresh"), "refresh", self.refresh)
        pdf = make_button(self.tr("Printable report…"), "report_pdf", self.save_report)
        workbook = make_button(self.tr("Statistics workbook…"), "report_xlsx", self.save_workbook)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Scope")))
        controls.addWidget(self.scope)
        controls.addWidget(QLabel(self.tr("As of")))
        controls.addWidget(self.at)
        controls.addWidget(refresh)
        controls.addStretch(1)
        controls.addWidget(pdf)
        controls.addWidget(workbook)
        self.status = QLabel()
        self.status.setObjectName("status")

        self.tiles = TileGrid()
        self.tiles.figure_clicked.connect(self.open_records)
        tiles_scroll = QScrollArea()
        tiles_scroll.setWidgetResizable(True)
        tiles_scroll.setWidget(self.tiles)
        self.charts_box = QWidget()
        self.charts_grid = QGridLayout(self.charts_box)
        charts_scroll = QScrollArea()
        charts_scroll.setWidgetResizable(True)
        charts_scroll.setWidget(self.charts_box)
        self.compared: tuple[Any, Any] | None = None
        self.comparison = ComparisonView(self.compare, self.save_comparison_report)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(tiles_scroll, self.tr("Overview"))
        self.charts_tab = self.tabs.addTab(charts_scroll, self.tr("Charts"))
        self.tabs.addTab(self.comparison, self.tr("Comparison"))
        self.reporting: Any = None
        if ctx.org.is_district:
            from yanqun_desktop.ui.dashboard.reporting_view import ReportingView

            self.reporting = ReportingView(ctx)
            self.reporting_tab = self.tabs.addTab(self.reporting, self.tr("Reporting"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.page_title()))
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

    # -- the page protocol -----------------------------------------------------------------
    def page_title(self) -> str:
        return self.tr("Statistics")

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.load_if_stale()

    def refresh_if_touched(self, changes: Changes) -> bool:
        self.mark_stale_quietly()
        return False

    def mark_stale_quietly(self) -> None:
        """A write elsewhere: recompute when the page is next shown (not while the clerk edits)."""
        self._stale = True

    # -- computing ---------------------------------------------------------------------------
    @property
    def street(self) -> str | None:
        return self.scope.currentData()

    def refresh(self) -> Task | None:
        """Compute the figures for the chosen scope and date in the background."""
        from yanqun_desktop.services.statistics import compute_statistics

        self._stale = False
        if self.task is not None:
            self._again = True
            return None
        street, at = self.street, to_date(self.at)
        self.status.setText(self.tr("Computing…"))

        def work(progress: Progress) -> Any:
            return compute_statistics(self.ctx.db, street=street, at=at)

        self.task = run_task(self, self.page_title(), work, self._computed, self._failed)
        if self.reporting is not None:
            self.reporting.refresh()
        return self.task

    def _computed(self, stats: Any) -> None:
        from yanqun_desktop.services.statistics.drill import drillable

        self.task = None
        if self._again:  # what is shown would already be out of date
            self._again = False
            self.refresh()
            return
        self.stats = stats
        self.status.setText(self.tr("{0} — as of {1}").format(stats.title, f"{stats.at:%Y-%m-%d}"))
        self.tiles.show_figures(stats.headline(), drillable)
        self.comparison.show_terms(stats.committees.profiles)
        self.chart_cards = []
        if self.tabs.currentIndex() == self.charts_tab:
            self.show_charts()

    def _date_changed(self) -> None:
        if self.stats is None or to_date(self.at) != self.stats.at:
            self.refresh()

    def _failed(self, error: Exception) -> None:
        self.task = None
        self._again = False
        self.status.setText("")
        QMessageBox.warning(self, self.page_title(), error_text(error))

    def _tab_shown(self, index: int) -> None:
        if index == self.charts_tab and self.stats is not None and not self.chart_cards:
            self.show_charts()

    def show_charts(self) -> list[Any]:
        from yanqun_desktop.ui.dashboard.charts import build_cards

        while self.charts_grid.count():
            item = self.charts_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.chart_cards = build_cards(self.stats, self.charts_box)
        for i, card in enumerate(self.chart_cards):
            self.charts_grid.addWidget(card, i // 2, i % 2)
        return self.chart_cards

    # -- records behind a figure -------------------------------------------------------------
    def open_records(self, figure: Any) -> Any:
        from yanqun_desktop.services.statistics.drill import records_behind
        from yanqun_desktop.ui.dialogs.records_dialog import RecordsDialog

        if self.stats is None:
            return None
        try:
            records = records_behind(self.ctx.db, figure.key, street=self.street, at=self.stats.at,
                                     label=figure.label)
        except Exception as e:  # a refusal is shown to the clerk, never a traceback
            QMessageBox.warning(self, self.page_title(), error_text(e))
            return None
        dialog = RecordsDialog(records, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- comparison --------------------------------------------------------------------------
    def compare(self, first: dt.date, second: dt.date) -> Task | None:
        from yanqun_desktop.services.statistics import compute_statistics

        if self.task is not None:
            return None
        street = self.street
        self.status.setText(self.tr("Computing…"))

        def work(progress: Progress) -> Any:
            return (compute_statistics(self.ctx.db, street=street, at=first),
                    compute_statistics(self.ctx.db, street=street, at=second))

        def done(pair: Any) -> None:
            self.task = None
            self.status.setText(self.tr("Compared {0} with {1}.").format(f"{first:%Y-%m-%d}", f"{second:%Y-%m-%d}"))
            self.compared = pair
            self.comparison.show_dates(*pair)

        self.task = run_task(self, self.page_title(), work, done, self._failed)
        return self.task

    # -- reports -----------------------------------------------------------------------------
    def _target(self, title: str, suffix: str, kind: str, stats: Any = None) -> Path | None:
        stats = stats or self.stats
        if stats is None:
            return None
        name = f"{stats.title}-{stats.at:%Y%m%d}{suffix}"
        target, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), kind)
        if not target:
            return None
        path = Path(target)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def save_report(self) -> Path | None:
        path = self._target(self.tr("Save the printable report"), ".pdf", self.tr("PDF (*.pdf)"))
        return self.write_report(path) if path else None

    def write_report(self, path: Path) -> Path | None:
        from yanqun_desktop.reports.stats_report import write_stats_report

        return self._write(lambda: write_stats_report(self.stats, path), path)

    def save_comparison_report(self) -> Path | None:
        """The printable report at the later date, its headline beside the earlier one."""
        if self.compared is None:
            return None
        path = self._target(self.tr("Save the printable report"), ".pdf", self.tr("PDF (*.pdf)"),
                            self.compared[1])
        return self.write_comparison_report(path) if path else None

    def write_comparison_report(self, path: Path) -> Path | None:
        from yanqun_desktop.reports.stats_report import write_stats_report

        assert self.compared is not None
        earlier, later = self.compared
        return self._write(lambda: write_stats_report(later, path, compare=earlier), path)

    def save_workbook(self) -> Path | None:
        path = self._target(self.tr("Save the statistics workbook"), ".xlsx", self.tr("Workbook (*.xlsx)"))
        return self.write_workbook(path) if path else None

    def write_workbook(self, path: Path) -> Path | None:
        from yanqun_desktop.reports.stats_workbook import write_stats_workbook

        return self._write(lambda: write_stats_workbook(self.stats, path), path)

    def _write(self, write: Any, path: Path) -> Path | None:
        try:
            written = write()
        except OSError as e:
            QMessageBox.warning(self, self.page_title(),
                                self.tr("{0} could not be written: {1}").format(path, e.strerror or e))
            return None
        self.status.setText(self.tr("Written: {0}").format(written))
        return written
