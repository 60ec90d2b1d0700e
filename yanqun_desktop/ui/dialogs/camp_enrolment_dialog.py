"""A young secretary in the youth vanguard camp (青训营): district only.

Adding picks the person and the camp year; editing keeps both and changes the tier, the stage,
the role and the date the trainee left the camp."""

from __future__ import annotations

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
from yanqun_desktop.ui.widgets.person_picker import PersonPicker

# Sent back unchanged when editing: the service clears a field the raw values leave out.
KEPT = ("talent_kind",)


class CampEnrolmentDialog(FormDialog):
    def __init__(self, ctx: AppContext, enrolment_id: str | None = None, values: dict[str, Any] | None = None,
                 labels: tuple[str, str] = ("", ""), parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit camp trainee") if enrolment_id else self.tr("Add camp trainee"), parent)
        self.enrolment_id = enrolment_id
        self.kept = {key: (values or {}).get(key, "") for key in KEPT}
        if enrolment_id is None:
            self.picker = PersonPicker(ctx.db)
            self.add_custom("person_id", self.tr("Person"), self.picker, ["人员"],
                            get=lambda: self.picker.person_id, required=True)
            self.cohort = CohortField(ctx, "camp", self.tr("New camp year…"))
            self.cohort.added.connect(lambda saved: self.side_changes.emit(saved.changes))
            self.add_custom("cohort_id", self.tr("Camp year"), self.cohort, ["期次"], get=self.cohort.cohort_id,
                            required=True, key_widgets=[self.cohort.combo])
        else:  # the person and the year are fixed: another year is another enrolment
            for caption, text in zip((self.tr("Person"), self.tr("Camp year")), labels, strict=True):
                self.form.addRow(QLabel(caption), QLabel(text))
        self.add_vocab("camp_tier", self.tr("Tier"), vocab.CAMP_TIER, required=True, editable=False)
        self.add_vocab("camp_stage", self.tr("Stage"), vocab.CAMP_STAGE, required=True, editable=False)
        role = self.add_vocab("role", self.tr("Role"), vocab.ENROLMENT_ROLE, required=True, editable=False)
        role.setCurrentText(vocab.ENROLMENT_ROLE.label("trainee"))
        self.fields["camp_tier"].set(vocab.CAMP_TIER.label("reserve"))
        if enrolment_id is not None:
            self.add_date("enrolled_on", self.tr("Joined on"), "入学日期")
            self.add_date("left_on", self.tr("Left on"), "离开日期")
            self.add_text("note", self.tr("Note"), ["备注"], lines=2)
        if values:
            self.set_values(values)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_enrolment(self.ctx.db, self.ctx.actor(), {**self.kept, **raw}, self.enrolment_id)
