"""Period comparison: every headline figure at two dates side by side, and the 两委 of two
election years (members, average age, share with a bachelor's degree or above)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain.figures import figure_change, format_change, format_figure
from yanqun_desktop.ui.sync_parts import fill_table
from yanqun_desktop.ui.widgets.dates import date_edit, to_date
from yanqun_desktop.ui.widgets.dialog_parts import make_button, read_only_table

if TYPE_CHECKING:  # the statistics package loads when the figures are computed, not at start-up
    from yanqun_desktop.services.statistics.model import CommitteeProfile, Statistics


class ComparisonView(QWidget):
    """``compare`` is called with the two dates; the page computes both in the background and
    calls ``show_dates`` with the results."""

    def __init__(self, compare: object, print_comparison: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = dt.date.today()
        self.first = date_edit(dt.date(today.year - 1, 12, 31), "compare_first")
        self.second = date_edit(today, "compare_second")
        run = make_button(self.tr("Compare"), "compare", lambda: compare(to_date(self.first), to_date(self.second)))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("As of")))
        row.addWidget(self.first)
        row.addWidget(QLabel(self.tr("and as of")))
        row.addWidget(self.second)
        row.addWidget(run)
        row.addStretch(1)
        self.print_button = make_button(self.tr("Printable comparison…"), "report_compare", print_comparison)
        self.print_button.setEnabled(False)  # until two dates are compared
        row.addWidget(self.print_button)
        self.figures = read_only_table([self.tr("Figure"), "A", "B", self.tr("Change")])
        self.figures.setObjectName("compare_figures")
        self.term_a, self.term_b = QComboBox(), QComboBox()
        self.term_a.setObjectName("term_a")
        self.term_b.setObjectName("term_b")
        self.term_a.currentIndexChanged.connect(self._show_terms)
        self.term_b.currentIndexChanged.connect(self._show_terms)
        terms_row = QHBoxLayout()
        terms_row.addWidget(QLabel(self.tr("Committees elected in")))
        terms_row.addWidget(self.term_a)
        terms_row.addWidget(QLabel(self.tr("against")))
        terms_row.addWidget(self.term_b)
        terms_row.addStretch(1)
        self.terms = read_only_table([self.tr("Figure"), "A", "B", self.tr("Change")])
        self.terms.setObjectName("compare_terms")
        self.terms.setMaximumHeight(150)
        self.profiles: tuple[CommitteeProfile, ...] = ()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.figures, 1)
        layout.addLayout(terms_row)
        layout.addWidget(self.terms)

    def show_dates(self, a: Statistics, b: Statistics) -> None:
        header = self.figures.horizontalHeaderItem
        header(1).setText(f"{a.at:%Y-%m-%d}")
        header(2).setText(f"{b.at:%Y-%m-%d}")
        rows = []
        for fa, fb in zip(a.headline(), b.headline(), strict=True):
            change = figure_change(fb.value, fa.value, fa.unit)  # B minus A
            rows.append([fa.label, format_figure(fa.value, fa.unit), format_figure(fb.value, fb.unit),
                         "" if change is None else format_change(change, fa.unit)])
        fill_table(self.figures, rows)
        self.print_button.setEnabled(True)

    def show_terms(self, profiles: tuple[CommitteeProfile, ...]) -> None:
        """The election years to choose from (the latest two preselected)."""
        self.profiles = profiles
        for combo in (self.term_a, self.term_b):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([p.label for p in profiles])
            combo.blockSignals(False)
        if len(profiles) >= 2:
            self.term_a.setCurrentIndex(len(profiles) - 2)
            self.term_b.setCurrentIndex(len(profiles) - 1)
        self._show_terms()

    def _show_terms(self) -> None:
        if not self.profiles or self.term_a.currentIndex() < 0 or self.term_b.currentIndex() < 0:
            fill_table(self.terms, [])
            return
        a, b = self.profiles[self.term_a.currentIndex()], self.profiles[self.term_b.currentIndex()]
        self.terms.horizontalHeaderItem(1).setText(a.label)
        self.terms.horizontalHeaderItem(2).setText(b.label)
        rows = [
            (self.tr("Members"), a.members, b.members, "人"),
            (self.tr("Average age"), a.average_age, b.average_age, "岁"),
            (self.tr("Bachelor's degree or above"), a.bachelor_share, b.bachelor_share, "%"),
        ]
        fill_table(self.terms, [[label, format_figure(x, unit), format_figure(y, unit),
                                 format_change(figure_change(y, x, unit), unit)] for label, x, y, unit in rows])
