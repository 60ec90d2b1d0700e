"""报送情况 (district): for each street the last package, the months reported this year (on
time, late, missing) and who is overdue, so the district knows whom to call; the due day is
set here."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSpinBox, QVBoxLayout, QWidget

from yanqun_desktop.services.reporting import StreetReporting, due_day, reporting_status, set_due_day
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.sync_parts import fill_table, when
from yanqun_desktop.ui.widgets.dialog_parts import error_text, make_button, read_only_table

MARKS = {"on-time": "✓", "late": "◐", "missing": "✗", "future": ""}
OVERDUE = QColor(255, 228, 225)
MISSING = QColor(255, 205, 200)
LATE = QColor(255, 243, 205)


class ReportingView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.due = QSpinBox()
        self.due.setObjectName("due_day")
        self.due.setRange(1, 28)
        self.due.setValue(due_day(ctx.db))
        self.due.setSuffix(self.tr(" of each month"))
        save = make_button(self.tr("Set due day"), "set_due_day", self.save_due_day)
        self.summary = QLabel()
        self.summary.setObjectName("reporting_summary")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Streets report by the")))
        row.addWidget(self.due)
        row.addWidget(save)
        row.addStretch(1)
        row.addWidget(self.summary)
        months = [self.tr("Month {0}").format(m) for m in range(1, 13)]
        self.table = read_only_table([self.tr("Street"), self.tr("Status"), self.tr("Last package"),
                                      self.tr("Written"), self.tr("Received"), self.tr("Rows"),
                                      self.tr("App version"), self.tr("This year"), *months])
        self.table.setObjectName("reporting")
        legend = QLabel(self.tr("✓ on time   ◐ late   ✗ missing (after the due day)"))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)

    def refresh(self, today: dt.date | None = None) -> list[StreetReporting]:
        status = reporting_status(self.ctx.db, today=today)
        rows = []
        for r in status:
            state = self.tr("up to date")
            if r.never:
                state = self.tr("never reported")
            elif r.overdue:
                state = self.tr("overdue")
            rows.append([r.name, state, "" if r.last_seq is None else r.last_seq, when(r.last_created),
                         when(r.last_received), r.last_rows or "", r.app_version or "", r.packages_this_year,
                         *(MARKS[m.state] for m in r.months)])
        fill_table(self.table, rows)
        for i, r in enumerate(status):
            if r.overdue or r.never:
                for c in range(2):
                    self.table.item(i, c).setBackground(QBrush(OVERDUE))
            for m in r.months:
                color = MISSING if m.state == "missing" else LATE if m.state == "late" else None
                item = self.table.item(i, 7 + m.month)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if color is not None:
                    item.setBackground(QBrush(color))
        overdue = [r.name for r in status if r.overdue]
        self.summary.setText(self.tr("Overdue this month: {0}").format("、".join(overdue)) if overdue
                             else self.tr("Every street has reported this month."))
        return status

    def save_due_day(self) -> None:
        try:
            set_due_day(self.ctx.db, self.ctx.actor(), self.due.value())
        except Exception as e:  # a refusal (not the district) is shown, never a traceback
            QMessageBox.warning(self, self.tr("Due day"), error_text(e))
            return
        self.refresh()
