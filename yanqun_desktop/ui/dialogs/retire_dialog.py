"""退出: a person leaves the active lists but stays in the records (archives, statistics)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from yanqun_desktop.services.people import retire_person
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.form import FormDialog


class RetirePersonDialog(FormDialog):
    def __init__(self, ctx: AppContext, person_id: str, person_label: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Retire person"), parent)
        self.person_id = person_id
        self.form.addRow(QLabel(self.tr("Person")), QLabel(person_label))
        self.add_text("reason", self.tr("Reason"), ["退出原因"])
        self.add_date("on", self.tr("Date retired"), "退出日期", required=True).setText(dt.date.today().isoformat())
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return retire_person(self.ctx.db, self.ctx.actor(), self.person_id, raw["reason"], raw["on"])
