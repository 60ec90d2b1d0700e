"""A session (课程 / 活动): a dated course, visit or discussion for one or more cohorts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.programmes import cohort_choices
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.widgets.fields import number_check
from yanqun_desktop.ui.widgets.form import Check, FormDialog

_TIME = re.compile(r"^\d{1,2}[:：]\d{2}$")


class SessionDialog(FormDialog):
    def __init__(self, ctx: AppContext, session_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit session") if session_id else self.tr("Add session"), parent)
        self.session_id = session_id
        self.add_line("title", self.tr("Title"), ["名称"], required=True, check=self._required)
        self.add_vocab("kind", self.tr("Kind"), vocab.SESSION_KIND, required=True)
        self.add_date("date", self.tr("Date"), "日期", required=True).setText(dt.date.today().isoformat())
        self.add_line("start_time", self.tr("Starts at"), ["开始时间"], check=self._time_check(),
                      placeholder=self.tr("e.g. 14:30"))
        self.add_line("end_time", self.tr("Ends at"), ["结束时间"], check=self._time_check(),
                      placeholder=self.tr("e.g. 17:00"))
        self.add_line("place", self.tr("Place"), ["地点"])
        self.add_line("hours", self.tr("Hours"), ["学时"], check=number_check(self, "学时", 0, 100),
                      placeholder=self.tr("e.g. 3"))
        self.cohorts = QListWidget()
        self.cohorts.setObjectName("cohorts")
        self.cohorts.setMaximumHeight(120)
        kinds = ("studio", "camp") if ctx.org.is_district else ("studio",)  # the camp is the district's
        for kind in kinds:
            for cohort_id, name in cohort_choices(ctx.db, kind):
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, cohort_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.cohorts.addItem(item)
        self.add_custom("cohort_ids", self.tr("Cohorts"), self.cohorts, ["班次"], get=self.checked_cohorts)
        self.add_text("practice_task", self.tr("Practice task"), ["一课一练"], lines=2)
        self.add_text("note", self.tr("Note"), ["备注"], lines=2)
        if values:
            self.set_values(values)
            self.check_cohorts(values.get("cohort_ids") or [])

    def _required(self, text: str) -> str | None:
        return None if text.strip() else self.required_text()

    def _time_check(self) -> Check:
        def check(text: str) -> str | None:
            if not text.strip() or _TIME.match(text.strip()):
                return None
            return self.tr("Use hours:minutes, e.g. 14:30")

        return check

    def checked_cohorts(self) -> list[str]:
        return [str(self.cohorts.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.cohorts.count())
                if self.cohorts.item(i).checkState() == Qt.CheckState.Checked]

    def check_cohorts(self, cohort_ids: list[str]) -> None:
        for i in range(self.cohorts.count()):
            item = self.cohorts.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in cohort_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_session(self.ctx.db, self.ctx.actor(), raw, self.session_id)
