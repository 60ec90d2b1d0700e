"""A micro-reform topic (微改革课题) of one year, usually tied to a community."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget

from yanqun_desktop.services.activities import save_topic
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.fields import add_community, community_raw, set_community
from yanqun_desktop.ui.widgets.form import FormDialog


def year_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(2000, 2100)
    spin.setValue(dt.date.today().year)
    return spin


class TopicDialog(FormDialog):
    def __init__(self, ctx: AppContext, topic_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit topic") if topic_id else self.tr("Add topic"), parent)
        self.topic_id = topic_id
        self.year = year_spin()
        self.add_custom("year", self.tr("Year"), self.year, ["年度"], get=self.year.value,
                        set_=lambda v: self.year.setValue(int(v or self.year.value())), required=True,
                        key_widgets=[self.year])
        self.add_line("title", self.tr("Title"), ["课题名称"], required=True,
                      check=lambda t: None if t.strip() else self.required_text())
        self.community = add_community(self)
        self.add_text("summary", self.tr("Summary"), ["课题简介"], lines=4)
        self.add_text("outcome", self.tr("Outcome"), ["成果"], lines=3)
        if values:
            self.set_values(values)
            set_community(self.community, values)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def collect(self) -> dict[str, Any]:
        raw = super().collect()
        raw.pop("community")
        return {**raw, **community_raw(self.community)}

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_topic(self.ctx.db, self.ctx.actor(), raw, self.topic_id)
