"""Enrol a young secretary into the youth vanguard camp (青训营): district only."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.programmes import save_enrolment
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.cohort_dialog import CohortField
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.person_picker import PersonPicker


class CampEnrolmentDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add camp trainee"), parent)
        self.picker = PersonPicker(ctx.db)
        self.add_custom("person_id", self.tr("Person"), self.picker, ["人员"],
                        get=lambda: self.picker.person_id, required=True)
        self.cohort = CohortField(ctx, "camp", self.tr("New camp year…"))
        self.cohort.added.connect(lambda saved: self.side_changes.emit(saved.changes))
        self.add_custom("cohort_id", self.tr("Camp year"), self.cohort, ["期次"], get=self.cohort.cohort_id,
                        required=True, key_widgets=[self.cohort.combo])
        self.add_vocab("camp_tier", self.tr("Tier"), vocab.CAMP_TIER, required=True, editable=False)
        self.add_vocab("camp_stage", self.tr("Stage"), vocab.CAMP_STAGE, required=True, editable=False)
        role = self.add_vocab("role", self.tr("Role"), vocab.ENROLMENT_ROLE, required=True, editable=False)
        role.setCurrentText(vocab.ENROLMENT_ROLE.label("trainee"))
        self.fields["camp_tier"].set(vocab.CAMP_TIER.label("reserve"))

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_enrolment(self.ctx.db, self.ctx.actor(), raw)
