"""Enrol a person into a studio cohort (书记工作室 期次) as trainee, assistant, mentor …"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import save_enrolment
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.cohort_dialog import CohortField
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.form import FormDialog


class StudioEnrolmentDialog(FormDialog):
    def __init__(self, ctx: AppContext, person_id: str, person_label: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Enrol into studio cohort"), parent)
        self.person_id = person_id
        self.form.addRow(QLabel(self.tr("Person")), QLabel(person_label))
        self.cohort = CohortField(ctx, "studio", self.tr("New cohort…"))
        self.cohort.added.connect(lambda saved: self.side_changes.emit(saved.changes))
        self.add_custom("cohort_id", self.tr("Cohort"), self.cohort, ["期次"], get=self.cohort.cohort_id,
                        required=True, key_widgets=[self.cohort.combo])
        role = self.add_vocab("role", self.tr("Role"), vocab.ENROLMENT_ROLE, required=True, editable=False)
        role.setCurrentText(vocab.ENROLMENT_ROLE.label("trainee"))
        self.add_vocab("talent_kind", self.tr("Talent kind"), vocab.TALENT_KIND, editable=False)
        self.add_date("enrolled_on", self.tr("Enrolled on"), "入学日期").setText(dt.date.today().isoformat())
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_enrolment(self.ctx.db, self.ctx.actor(), {**raw, "person_id": self.person_id})
