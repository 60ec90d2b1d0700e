"""推荐师资: a street recommends a tutor; the district vets and may take them into the pool."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import NAME_FIELD, validate_name
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import save_recommendation
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.form import FormDialog, domain_check


class RecommendationDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Recommend a tutor"), parent)
        self.add_line("name", self.tr("Name"), [NAME_FIELD], required=True,
                      check=domain_check(validate_name, required=True, empty_message=self.required_text()))
        self.add_line("organisation", self.tr("Organisation"), ["工作单位"])
        self.add_vocab("school", self.tr("School"), vocab.TUTOR_SCHOOL)
        self.add_text("subjects", self.tr("Subjects"), ["擅长领域"], lines=2)
        self.add_text("reason", self.tr("Reason for recommending"), ["推荐理由"], required=True)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_recommendation(self.ctx.db, self.ctx.actor(), raw)
