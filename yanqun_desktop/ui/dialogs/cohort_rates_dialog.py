"""班次出勤统计: one cohort's attendance — its overall rate and each trainee's, lowest first.

Studio cohorts are the ones this office may see (a street its own, the district all of them);
the district also sees the camp's cohorts. Read-only: the figures come from the roll-calls."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.attendance import Rate, cohort_rate, person_rates_in_cohort
from yanqun_desktop.services.programmes import cohort_choices
from yanqun_desktop.services.registries import PEOPLE
from yanqun_desktop.services.registry import fetch_rows
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.widgets.dialog_parts import make_button, read_only_table

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LOW_RATE = 0.8  # below this a trainee's rate shows in red


def rate_text(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%"


class SortItem(QTableWidgetItem):
    """A cell that sorts by a key (numbers as numbers; no rate sorts last)."""

    def __init__(self, text: str, key: object) -> None:
        super().__init__(text)
        self.setData(SORT_ROLE, key)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return theirs is None and mine is not None
        try:
            return bool(mine < theirs)
        except TypeError:
            return str(mine) < str(theirs)


class CohortRatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Cohort attendance"))
        self.cohort = QComboBox()
        self.cohort.setObjectName("cohort")
        self.cohort.setMinimumWidth(260)
        choices = [(i, n) for i, n in cohort_choices(ctx.db, "studio")]
        if ctx.org.is_district:
            choices += [(i, self.tr("{0} (camp)").format(n)) for i, n in cohort_choices(ctx.db, "camp")]
        for cohort_id, name in choices:
            self.cohort.addItem(name, cohort_id)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.summary.setWordWrap(True)
        self.table = read_only_table([self.tr("Name"), self.tr("Recorded"), self.tr("Present"), self.tr("Late"),
                                      self.tr("Leave"), self.tr("Absent"), self.tr("Rate")])
        self.table.setObjectName("rates")
        self.table.setColumnWidth(0, 140)
        for column in range(1, 7):
            self.table.setColumnWidth(column, 70)
        self.empty = QLabel(self.table.viewport())
        self.empty.setStyleSheet("color: #808080;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        overlay = QVBoxLayout(self.table.viewport())
        overlay.addWidget(self.empty)
        close = make_button(self.tr("Close"), "close", self.accept)
        top = QFormLayout()
        top.addRow(self.tr("Cohort"), self.cohort)
        top.addRow(self.tr("Overall"), self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Trainees with the lowest rate first; click a heading to sort.")))
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(QSize(720, 520))
        self.cohort.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def cohort_id(self) -> str | None:
        value = self.cohort.currentData()
        return str(value) if value else None

    def select_cohort(self, cohort_id: str) -> None:
        index = self.cohort.findData(cohort_id)
        if index >= 0:
            self.cohort.setCurrentIndex(index)

    def reload(self) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        cohort_id = self.cohort_id()
        if cohort_id is None:
            self.summary.setText("")
            self.empty.setText(self.tr("No cohorts yet."))
            self.empty.setVisible(True)
            return
        overall = cohort_rate(self.ctx.db, cohort_id)
        self.summary.setText(self.summary_text(overall))
        rates = person_rates_in_cohort(self.ctx.db, cohort_id)
        names = fetch_rows(self.ctx.db, PEOPLE, list(rates))
        self.table.setRowCount(len(rates))
        for row, (person_id, r) in enumerate(rates.items()):
            name = names.get(person_id, [person_id])[0]
            cells = [SortItem(name, name)] + [SortItem(str(n), n) for n in (r.recorded, r.present, r.late,
                                                                             r.leave, r.absent)]
            cells.append(SortItem(rate_text(r.rate), r.rate))
            if r.rate is not None and r.rate < LOW_RATE:
                cells[-1].setForeground(QColor("#c0392b"))
            for column, item in enumerate(cells):
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, person_id)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.sortItems(6, Qt.SortOrder.AscendingOrder)
        self.empty.setText(self.tr("No attendance recorded for this cohort yet."))
        self.empty.setVisible(not rates)

    def summary_text(self, r: Rate) -> str:
        if not r.recorded:
            return self.tr("No attendance recorded yet.")
        return self.tr("Recorded {0} · present {1} · late {2} · leave {3} · absent {4} · attended {5} · "
                       "rate {6}").format(r.recorded, r.present, r.late, r.leave, r.absent, r.attended,
                                          rate_text(r.rate))

    def row_values(self) -> list[list[str]]:
        """The table as shown (for tests and copying)."""
        return [[self.table.item(row, c).text() for c in range(self.table.columnCount())]
                for row in range(self.table.rowCount())]
