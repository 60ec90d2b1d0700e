"""A new studio cohort (期次) or camp year (届次), opened from the enrolment forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSpinBox, QWidget

from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import cohort_choices, save_cohort
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.fields import id_combo, reload_id_combo
from yanqun_desktop.ui.widgets.form import FormDialog

NUMBER_LABEL = "期数/年度"  # the service's field label for both kinds


class CohortDialog(FormDialog):
    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        camp = kind == "camp"
        super().__init__(ctx, self.tr("New camp year") if camp else self.tr("New studio cohort"), parent)
        self.kind = kind
        self.number = QSpinBox()
        self.number.setObjectName("number")
        if camp:  # the camp runs one cohort a year: its number is the year
            self.number.setRange(2000, 2100)
            self.number.setValue(dt.date.today().year)
        else:
            self.number.setRange(1, 99)
        self.add_custom("number", self.tr("Year") if camp else self.tr("Cohort number"), self.number,
                        [NUMBER_LABEL], get=self.number.value, required=True, key_widgets=[self.number])
        self.add_line("name", self.tr("Name"), ["名称"], placeholder=self.tr("Leave empty for the standard name"))
        self.add_date("start_date", self.tr("Start date"), "开班日期")
        self.add_date("end_date", self.tr("End date"), "结业日期")
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_cohort(self.ctx.db, self.ctx.actor(), {**raw, "kind": self.kind})


class CohortField(QWidget):
    """The cohort combo of the enrolment forms, with a button that adds a cohort in place."""

    added = Signal(object)  # Saved of the new cohort

    def __init__(self, ctx: AppContext, kind: str, new_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.combo = id_combo(cohort_choices(ctx.db, kind))
        self.combo.setObjectName("cohort")
        self.new_button = QPushButton(new_text)
        self.new_button.setObjectName("new_cohort")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda _checked=False: self.new_cohort())
        Offer(ctx.actor(), Permission.EDIT_RECORDS).buttons(self.new_button)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.new_button)
        self.setFocusProxy(self.combo)

    def cohort_id(self) -> str | None:
        return self.combo.currentData()

    def new_cohort(self) -> CohortDialog:
        dialog = CohortDialog(self.ctx, self.kind, self.window())
        dialog.saved.connect(self._added)
        dialog.open()
        return dialog

    def _added(self, saved: Saved) -> None:
        reload_id_combo(self.combo, cohort_choices(self.ctx.db, self.kind), saved.id)
        self.added.emit(saved)
