"""A governance case (治理案例), often the outcome of a micro-reform topic."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.activities import save_case
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.registries import TOPICS
from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.topic_dialog import year_spin
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.fields import add_community, community_raw, id_combo, set_community
from yanqun_desktop.ui.widgets.form import FormDialog


def topic_choices(ctx: AppContext) -> list[tuple[str, str]]:
    """(id, "2022 · title") of the topics this install sees, newest first (the topics list)."""
    ids = list_ids(ctx.db, TOPICS, ListQuery(sort_key="year", descending=True))
    rows = fetch_rows(ctx.db, TOPICS, ids)
    year, title = TOPICS.columns.index(TOPICS.column("year")), TOPICS.columns.index(TOPICS.column("title"))
    return [(i, f"{rows[i][year]} · {rows[i][title]}") for i in ids if i in rows]


class CaseDialog(FormDialog):
    def __init__(self, ctx: AppContext, case_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit case") if case_id else self.tr("Add case"), parent)
        self.case_id = case_id
        self.add_line("title", self.tr("Title"), ["案例名称"], required=True,
                      check=lambda t: None if t.strip() else self.required_text())
        self.year = year_spin()
        self.add_custom("year", self.tr("Year"), self.year, ["年度"], get=self.year.value,
                        set_=lambda v: self.year.setValue(int(v or self.year.value())), key_widgets=[self.year])
        self.community = add_community(self)
        self.topic = id_combo(topic_choices(ctx), blank=True)
        self.topic.setObjectName("topic")
        self.add_custom("topic_id", self.tr("From topic"), self.topic, ["来源课题"],
                        get=lambda: self.topic.currentData() or None,
                        set_=lambda v: self.topic.setCurrentIndex(max(self.topic.findData(v), 0)),
                        key_widgets=[self.topic])
        self.add_text("summary", self.tr("Summary"), ["案例简介"], lines=5)
        if values:
            self.set_values(values)
            set_community(self.community, values)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def collect(self) -> dict[str, Any]:
        raw = super().collect()
        raw.pop("community")
        return {**raw, **community_raw(self.community)}

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_case(self.ctx.db, self.ctx.actor(), raw, self.case_id)
