"""青训营: the district's youth vanguard camp. Streets see their own people in it, read-only."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.programmes import enrolment_form_values, remove_enrolment
from yanqun_desktop.services.registries import CAMP
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.camp_enrolment_dialog import CampEnrolmentDialog
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog


class CampPage(RegistryPage):
    TABLES = frozenset({"enrolments", "cohorts", "people", "communities", "positions"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, CAMP, self.tr("Search by name, pinyin initials or ID-card number"), parent)
        district = ctx.org.is_district
        read_only = self.tr("The youth camp is run by the district; a street can only view it.")
        if not district:
            self.empty_hint = self.tr("This street's people in the district's youth camp appear here.")
            self._after_reset()
        self.add_button(self.tr("Add trainee…"), self.add_trainee, name="add", allowed=district,
                        denied_tip=read_only)
        self.add_button(self.tr("Edit"), self.edit_trainee, name="edit", needs_selection=True, allowed=district,
                        denied_tip=read_only)
        self.add_delete_button(self.tr("Remove"), lambda i: remove_enrolment(self.ctx.db, self.ctx.actor(), i),
                               allowed=district, denied_tip=read_only, label_key="name")

    def add_trainee(self) -> FormDialog:
        return self.open_dialog(CampEnrolmentDialog(self.ctx, parent=self))

    def edit_trainee(self) -> FormDialog | None:
        loaded = self.load_form(enrolment_form_values)
        if loaded is None:
            return None
        row = self.selected_values()
        person = " · ".join(p for p in (row.get("name"), row.get("street"), row.get("community")) if p)
        return self.open_dialog(CampEnrolmentDialog(self.ctx, *loaded, (person, row.get("cohort", "")), self))
